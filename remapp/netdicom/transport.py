"""The store node's listening server: pynetdicom's threaded server, answering each received segment at once.

Many senders keep Nagle's algorithm on (dcmtk's storescu as packaged by Debian, and Python sockets by default),
so the last small TCP segment of every C-STORE waits until the previous one is acknowledged; Linux delays that
acknowledgement by up to 40 ms. With TCP_QUICKACK re-armed after each read, the node acknowledges at once:
on loopback one association went from about 20 to about 170 small objects a second.
"""

import socket
import socketserver
import threading

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

    def shutdown(self) -> None:
        """Stop accepting and close the listening socket (open associations carry on until they end)."""
        socketserver.BaseServer.shutdown(self)
        self.server_close()


def start_listening(ae: AE, address: tuple[str, int], evt_handlers: list) -> StoreNodeAssociationServer:
    """Bind, then accept associations on a background thread; returns the running server."""
    server = ae.make_server(address, evt_handlers=evt_handlers, server_class=StoreNodeAssociationServer)
    threading.Thread(target=server.serve_forever, name="store-node-acceptor", daemon=True).start()
    return server
