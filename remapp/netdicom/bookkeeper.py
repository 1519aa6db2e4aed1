"""The bookkeeper: the one thread of the store node that writes to the database and queues imports.

Network threads hand it notes; it records each received object, queues its import, and counts outcomes.
Keeping all database writes on one thread keeps SQLite free of lock contention between associations, and
keeps slow queueing (or, with eager tasks, the import itself) off the network threads.
"""

import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path

import pydicom
from celery.result import EagerResult
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from remapp.models import ReceivedObject, StoreNode
from remapp.netdicom.notes import Problem, Received
from remapp.netdicom.outcomes import reconcile, record_outcome, record_problem

logger = logging.getLogger(__name__)

QueueImport = Callable[[str], object]


class Tick:
    """A periodic note: count finished imports and retry any that could not be queued."""


class Bookkeeper(threading.Thread):
    """Processes notes in order on its own thread; ``wait_until_idle`` lets tests and shutdown drain it."""

    def __init__(self, holding_folder: Path, queue_import: QueueImport, eager: bool):
        super().__init__(name="store-node-bookkeeper", daemon=True)
        self.node_id: int | None = None  # set once the node row exists, before the thread starts
        self.holding_folder = holding_folder
        self.queue_import = queue_import
        self.eager = eager
        self._notes: queue.Queue = queue.Queue()

    def submit(self, note: Received | Problem | Tick) -> None:
        self._notes.put(note)

    def wait_until_idle(self) -> None:
        self._notes.join()

    def stop(self) -> None:
        self._notes.put(None)
        self.join()

    def run(self) -> None:
        try:
            while (note := self._notes.get()) is not None:
                try:
                    self._handle(note)
                except Exception:
                    logger.exception("store node bookkeeping failed for %r", note)
                    connection.close()  # a broken connection is reopened on the next note
                finally:
                    self._notes.task_done()
            self._notes.task_done()
        finally:
            connection.close()

    def _handle(self, note) -> None:
        if isinstance(note, Received):
            self._queue(self._record_received(note))
        elif isinstance(note, Problem):
            record_problem(self.node_id, note.kind, note.message, note.calling_ae_title, note.sop_instance_uid)
        elif isinstance(note, Tick):
            reconcile(self.node_id, self.holding_folder)
            for received in ReceivedObject.objects.filter(node_id=self.node_id, queued_at__isnull=True):
                self._queue(received)

    def _record_received(self, note: Received) -> ReceivedObject:
        with transaction.atomic():
            received = ReceivedObject.objects.create(
                node_id=self.node_id,
                holding_file=note.path.name,
                sop_instance_uid=note.sop_instance_uid,
                sop_class_uid=note.sop_class_uid,
                calling_ae_title=note.calling_ae_title[:16],
                received_at=note.received_at,
            )
            StoreNode.objects.filter(pk=self.node_id).update(received_count=F("received_count") + 1)
        return received

    def _queue(self, received: ReceivedObject) -> None:
        """Queue the import; with eager tasks the outcome comes straight back and is counted now."""
        path = str(self.holding_folder / received.holding_file)
        try:
            result = self.queue_import(path)
        except Exception as exc:
            if not self.eager:
                record_problem(self.node_id, "queue", f"{received.holding_file}: could not queue import: {exc}")
                return  # stays unqueued; the next tick retries
            result = {"status": "rejected", "reason": f"import failed: {type(exc).__name__}: {exc}"}
        now = timezone.now()
        ReceivedObject.objects.filter(pk=received.pk).update(queued_at=now)
        received.queued_at = now
        outcome = _outcome_of(result)
        if outcome is not None:
            record_outcome(received, self.holding_folder, str(outcome.get("status")), str(outcome.get("reason", "")))

    def adopt(self, left_over: list[Path]) -> int:
        """Take over the files a previous run left waiting, so they are imported now.

        Files it had recorded are queued again (an import it ran eagerly may have been cut short; with a
        worker, a second import of the same file finds a duplicate, and the object is still counted once).
        Files it had not recorded yet (it stopped first) are recorded and queued like new arrivals.
        """
        names = [path.name for path in left_over]
        ReceivedObject.objects.filter(node_id=self.node_id, holding_file__in=names).update(queued_at=None)
        self.submit(Tick())
        known = set(ReceivedObject.objects.filter(node_id=self.node_id).values_list("holding_file", flat=True))
        adopted = 0
        for path in left_over:
            if path.name in known or not path.exists():
                continue
            try:
                header = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["SOPClassUID", "SOPInstanceUID"])
                uids = str(header.get("SOPInstanceUID", "")), str(header.get("SOPClassUID", ""))
            except Exception:
                uids = ("", "")
            self.submit(Received(path, uids[0][:64], uids[1][:64], ""))
            adopted += 1
        return adopted


def _outcome_of(result) -> dict | None:
    """The import outcome when the task ran in-process (eager, or a test stub); None when a worker has it."""
    if isinstance(result, EagerResult):
        if result.failed():
            return {"status": "rejected", "reason": f"import failed: {result.result!r}"}
        result = result.get(propagate=False)
    return result if isinstance(result, dict) else None
