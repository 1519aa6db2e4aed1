"""The node's server is started and stopped through pynetdicom's public calls; these tests fail if pynetdicom changes
the way start_server builds its server (the one place the node plugs in)."""

import socket
import threading
import time

from pynetdicom import AE
from pynetdicom.sop_class import Verification

from remapp.netdicom.contexts import add_store_contexts
from remapp.netdicom.transport import QuickAckSocket, StoreNodeAE, StoreNodeAssociationServer, start_listening
from tests.netdicom.conftest import network_db


def _refuses_connections(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(2)
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _wait_until(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _open_association(port: int):
    scu = AE(ae_title="SENDER")
    scu.add_requested_context(Verification)
    assoc = scu.associate("127.0.0.1", port, ae_title="OPENREM")
    assert assoc.is_established
    return assoc


def test_start_server_builds_the_node_server_and_ae_shutdown_stops_it():
    ae = StoreNodeAE(ae_title="OPENREM")
    add_store_contexts(ae)
    server = start_listening(ae, ("127.0.0.1", 0), [])
    port = server.server_address[1]
    try:
        assert type(server) is StoreNodeAssociationServer
        assoc = _open_association(port)
        _wait_until(lambda: server.active_associations)
        [accepted] = server.active_associations
        assert type(accepted.dul.socket.socket) is QuickAckSocket  # acknowledged at once, every read
    finally:
        ae.shutdown()  # pynetdicom's own: aborts open associations and stops every server it started
    assert _refuses_connections(port)
    _wait_until(lambda: assoc.is_aborted)
    assert ae.active_associations == []


def test_server_shutdown_stops_listening_and_leaves_open_associations_running():
    ae = StoreNodeAE(ae_title="OPENREM")
    add_store_contexts(ae)
    server = start_listening(ae, ("127.0.0.1", 0), [])
    port = server.server_address[1]
    assoc = _open_association(port)
    try:
        server.shutdown()  # pynetdicom's own: stop accepting, close the socket, forget the server
        assert _refuses_connections(port)
        assert assoc.send_c_echo().Status == 0x0000
    finally:
        assoc.release()
        ae.shutdown()


@network_db
def test_stopping_the_node_waits_for_an_open_association_then_aborts_it(start_node):
    node = start_node()
    assoc = _open_association(node.port)
    stopped = threading.Event()
    stopper = threading.Thread(target=lambda: (node.stop(grace_seconds=2.0), stopped.set()))
    started = time.monotonic()
    stopper.start()
    _wait_until(lambda: _refuses_connections(node.port))  # pynetdicom's accept loop notices within 0.5 s
    assert assoc.send_c_echo().Status == 0x0000  # still served during the grace period
    assert not stopped.is_set()
    stopper.join(timeout=30)
    assert stopped.is_set() and time.monotonic() - started >= 2.0
    _wait_until(lambda: assoc.is_aborted)
