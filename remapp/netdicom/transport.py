"""The store node's listening server: pynetdicom's threaded server, answering each received segment at once.

Many senders keep Nagle's algorithm on (dcmtk's storescu as packaged by Debian, and Python sockets by default),
so the last small TCP segment of every C-STORE waits until the previous one is acknowledged; Linux delays that
acknowledgement by up to 40 ms. With TCP_QUICKACK re-armed after each read, the node acknowledges at once:
on loopback one association went from about 20 to about 170 small objects a second.

The node starts and stops its server only through pynetdicom's public calls (``AE.start_server(block=False)``,
``server.shutdown()``, ``AE.shutdown()``); the one place it plugs in is ``make_server``, which ``start_server`` uses
to build the server, to choose the server class. tests/netdicom/test_transport.py fails if pynetdicom stops
building its servers that way.
"""

import socket

from pynetdicom import AE
from pynetdicom.transport import ThreadedAssociationServer

_QUICKACK = getattr(socket, "TCP_QUICKACK", None)  # Linux only; elsewhere the socket behaves as usual


class QuickAckSocket(socket.socket):
    """A connected socket that asks the kernel to acknowledge received data immediately after every read."""

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        data = super().recv(bufsize, flags)
        if _QUICKACK is not None and data:
            try:
                self.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
            except OSError:
                pass  # the peer has gone; the next read reports it
        return data


class StoreNodeAssociationServer(ThreadedAssociationServer):
    """pynetdicom's threaded association server with QuickAckSocket connections."""

    def get_request(self) -> tuple[socket.socket, tuple[str, int]]:
        accepted, address = super().get_request()
        connection = QuickAckSocket(accepted.family, accepted.type, accepted.proto, fileno=accepted.detach())
        connection.settimeout(None)
        return connection, address


class StoreNodeAE(AE):
    """pynetdicom's AE whose association servers (from the public ``start_server``) are StoreNodeAssociationServers."""

    def make_server(self, address, ae_title=None, contexts=None, ssl_context=None, evt_handlers=None, **kwargs):
        kwargs.pop("server_class", None)
        return super().make_server(
            address, ae_title, contexts, ssl_context, evt_handlers, server_class=StoreNodeAssociationServer, **kwargs
        )


def start_listening(ae: StoreNodeAE, address: tuple[str, int], evt_handlers: list) -> StoreNodeAssociationServer:
    """Bind, then accept associations on pynetdicom's background thread; returns the running server."""
    return ae.start_server(address, block=False, evt_handlers=evt_handlers)
