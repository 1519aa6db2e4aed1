"""A real store node on a free loopback port per test, and helpers to send to it."""

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydicom.filereader import read_file_meta_info
from pynetdicom import AE

from remapp.netdicom.server import StoreNodeConfig, StoreNodeServer
from tests.conftest import require_programs

# Network tests run the node's threads against the test database, so they need real transactions.
network_db = pytest.mark.django_db(transaction=True)


def database_allows_concurrent_writers() -> bool:
    """False for the in-memory SQLite test database: its shared cache fails a second writer at once."""
    from django.db import connection

    return connection.vendor != "sqlite" or not connection.is_in_memory_db()


class RecordingQueue:
    """Stands in for the import task: records each queued path and answers with a fixed outcome."""

    def __init__(self, status: str = "imported", reason: str = ""):
        self.paths: list[str] = []
        self.contents: list[bytes] = []  # read when queued: an "imported" file is removed afterwards
        self.status = status
        self.reason = reason

    def __call__(self, path: str) -> dict:
        self.paths.append(path)
        self.contents.append(Path(path).read_bytes())
        return {"status": self.status, "reason": self.reason}


@pytest.fixture
def start_node(tmp_path):
    """Start store nodes on free loopback ports; every one is stopped after the test."""
    started: list[StoreNodeServer] = []

    def start(queue_import=None, **config) -> StoreNodeServer:
        config.setdefault("holding_folder", tmp_path / "holding")
        # The in-memory test database refuses (not waits for) a second concurrent writer, so the heartbeat
        # stays out of the way unless a test asks for it.
        config.setdefault("heartbeat_seconds", 3600)
        config.setdefault("port", 0)  # a free port, chosen by the system
        node_config = StoreNodeConfig(bind_address="127.0.0.1", **config)
        server = StoreNodeServer(node_config) if queue_import is None else StoreNodeServer(node_config, queue_import)
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop(grace_seconds=5)


def send_with_pynetdicom(port: int, paths: list[Path], calling_aet: str = "PYNETDICOM") -> list[int]:
    """Send files over one association, proposing each file's SOP class and transfer syntax; returns statuses."""
    metas = [read_file_meta_info(path) for path in paths]
    ae = AE(ae_title=calling_aet)
    for context in {(str(meta.MediaStorageSOPClassUID), str(meta.TransferSyntaxUID)) for meta in metas}:
        ae.add_requested_context(*context)
    assoc = ae.associate("127.0.0.1", port, ae_title="OPENREM")
    assert assoc.is_established, "association was not established"
    try:
        # Given a path, pynetdicom sends the file's encoded data set as it is, without re-encoding it.
        return [int(assoc.send_c_store(path).Status) for path in paths]
    finally:
        assoc.release()


@dataclass(frozen=True)
class Dcmtk:
    """Debian's dcmtk command-line clients, found on PATH by the ``dcmtk`` fixture (safe to use from any thread)."""

    storescu_path: str
    echoscu_path: str

    def storescu(
        self, port: int, paths: list[Path], calling_aet: str = "DCMTK", *options: str
    ) -> subprocess.CompletedProcess:
        """Send files over one association."""
        command = [self.storescu_path, "-aet", calling_aet, "-aec", "OPENREM", *options, "127.0.0.1", str(port)]
        return subprocess.run([*command, *map(str, paths)], capture_output=True, text=True, timeout=120)

    def echoscu(self, port: int, calling_aet: str = "ECHOSCU", called_aet: str = "OPENREM"):
        """One C-ECHO."""
        command = [self.echoscu_path, "-aet", calling_aet, "-aec", called_aet, "127.0.0.1", str(port)]
        return subprocess.run(command, capture_output=True, text=True, timeout=60)


@pytest.fixture
def dcmtk() -> Dcmtk:
    """dcmtk's storescu and echoscu; skips naming the package when they are missing (fails in CI)."""
    found = require_programs("storescu", "echoscu", package="dcmtk")
    return Dcmtk(found["storescu"], found["echoscu"])
