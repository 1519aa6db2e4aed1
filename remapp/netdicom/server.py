"""Starting and stopping the store node: the pynetdicom server, its bookkeeper and its heartbeat."""

import logging
import os
import socket
import threading
import time

from celery import current_app
from django.db import connection
from django.utils import timezone

from remapp.models import StoreNode
from remapp.netdicom.bookkeeper import Bookkeeper, QueueImport, Tick
from remapp.netdicom.config import StoreNodeConfig
from remapp.netdicom.contexts import add_store_contexts
from remapp.netdicom.handlers import event_handlers
from remapp.netdicom.holding import prepare_holding_folder, waiting_files
from remapp.netdicom.transport import StoreNodeAE, start_listening

logger = logging.getLogger(__name__)


def queue_import_task(path: str):
    """The real hand-over: the received-file import task (removes the file once imported, keeps it if rejected)."""
    from remapp.tasks import import_received_file

    return import_received_file.delay(path)


class StoreNodeServer:
    """A running store node; ``start`` returns once it listens, ``stop`` drains and shuts it down."""

    def __init__(self, config: StoreNodeConfig, queue_import: QueueImport = queue_import_task):
        self.config = config
        self.queue_import = queue_import
        self.node: StoreNode | None = None
        self.bookkeeper: Bookkeeper | None = None
        self._ae: StoreNodeAE | None = None
        self._server = None
        self._port = 0
        self._stopping = threading.Event()
        self._heartbeat: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port actually listened on (useful when the configuration asked for port 0)."""
        return self._port

    def start(self) -> None:
        folder = self.config.holding_folder
        prepare_holding_folder(folder)
        # Files already here were left by an earlier run; anything arriving from now on gets its own note.
        left_over = waiting_files(folder)
        self._ae = ae = StoreNodeAE(ae_title=self.config.ae_title)
        add_store_contexts(ae)
        ae.require_calling_aet = list(self.config.allowed_calling_aets)
        ae.maximum_associations = self.config.maximum_associations
        # Notes queue up in the bookkeeper from the first association; its thread starts once the node row exists.
        self.bookkeeper = Bookkeeper(folder, self.queue_import, current_app.conf.task_always_eager)
        self._server = start_listening(
            ae, (self.config.bind_address, self.config.port), event_handlers(folder, self.bookkeeper.submit)
        )
        self._port = self._server.server_address[1]
        self.node = self._record_start()
        self.bookkeeper.node_id = self.node.pk
        adopted = self.bookkeeper.adopt(left_over)
        if adopted:
            logger.info("store node adopted %d file(s) left in %s", adopted, folder)
        self.bookkeeper.start()
        self._heartbeat = threading.Thread(target=self._beat, name="store-node-heartbeat", daemon=True)
        self._heartbeat.start()
        logger.info("store node %s listening on %s:%d", self.config.ae_title, self.config.bind_address, self.port)

    def wait_until_idle(self) -> None:
        """Block until every note so far has been recorded (and, with eager tasks, imported)."""
        self.bookkeeper.wait_until_idle()

    def stop(self, grace_seconds: float = 30.0) -> None:
        """Stop listening, let open associations finish (then abort them), finish the bookkeeping, record it."""
        self._stopping.set()
        server, self._server = self._server, None  # a second stop only waits for what is still running
        if server is not None:
            server.shutdown()  # pynetdicom's: stops accepting and closes the socket; open associations go on
            deadline = time.monotonic() + grace_seconds
            while self._ae.active_associations and time.monotonic() < deadline:
                time.sleep(0.05)
            self._ae.shutdown()  # aborts any association still open
        if self._heartbeat is not None:
            self._heartbeat.join()
        if self.bookkeeper is not None:
            self.bookkeeper.stop()
        if self.node is not None:
            StoreNode.objects.filter(pk=self.node.pk).update(stopped_at=timezone.now())
        logger.info("store node %s stopped", self.config.ae_title)

    def _record_start(self) -> StoreNode:
        now = timezone.now()
        node, _ = StoreNode.objects.update_or_create(
            ae_title=self.config.ae_title,
            port=self.port,
            defaults={
                "bind_address": self.config.bind_address,
                "allowed_calling_aets": ",".join(self.config.allowed_calling_aets),
                "holding_folder": str(self.config.holding_folder),
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": now,
                "heartbeat_at": now,
                "stopped_at": None,
            },
        )
        return node

    def _beat(self) -> None:
        """Refresh the heartbeat and ask the bookkeeper to count finished imports, until stopped."""
        try:
            while not self._stopping.wait(self.config.heartbeat_seconds):
                try:
                    StoreNode.objects.filter(pk=self.node.pk).update(heartbeat_at=timezone.now())
                except Exception:
                    logger.exception("store node heartbeat failed")
                    connection.close()
                self.bookkeeper.submit(Tick())
        finally:
            connection.close()
