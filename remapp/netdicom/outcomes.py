"""Turning import outcomes into the node's counters, and keeping a rejected file aside with its reason.

Each received object is counted once as received and, once its import outcome is known, once as imported,
duplicate or rejected; the ReceivedObject row is deleted in the same transaction, so nothing counts twice.
"""

import logging
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from remapp.models import DoseObject, ReceivedObject, StoreNode, StoreNodeError
from remapp.netdicom.holding import REASON_SUFFIX, REJECTED_FOLDER, set_aside

logger = logging.getLogger(__name__)

COUNTER_FOR_STATUS = {"imported": "imported_count", "duplicate": "duplicate_count", "rejected": "rejected_count"}


def record_problem(node_id: int, kind: str, message: str, calling_ae: str = "", sop_instance_uid: str = "") -> None:
    """Keep one error row (newest KEEP_LATEST per node) and bump the matching counter."""
    counter = {"store": "store_failed_count", "association": "refused_association_count"}.get(kind)
    with transaction.atomic():
        StoreNodeError.objects.create(
            node_id=node_id,
            kind=kind,
            message=message[:512],
            calling_ae_title=calling_ae[:16],
            sop_instance_uid=sop_instance_uid[:64],
        )
        if counter:
            StoreNode.objects.filter(pk=node_id).update(**{counter: F(counter) + 1})
        stale = StoreNodeError.objects.filter(node_id=node_id).values_list("pk", flat=True)[
            StoreNodeError.KEEP_LATEST :
        ]
        StoreNodeError.objects.filter(pk__in=list(stale)).delete()


def record_outcome(received: ReceivedObject, holding_folder: Path, status: str, reason: str = "") -> None:
    """Count the outcome of one import; a rejected file is kept in holding/rejected with its reason."""
    path = holding_folder / received.holding_file
    if status not in COUNTER_FOR_STATUS:
        status, reason = "rejected", reason or f"unexpected import status {status!r}"
    if status == "rejected":
        if path.exists():
            set_aside(path, reason)
        record_problem(received.node_id, "import", f"{received.holding_file}: {reason}", received.calling_ae_title)
    else:
        path.unlink(missing_ok=True)  # imported objects leave the holding folder, whoever removed them first
    counter = COUNTER_FOR_STATUS[status]
    with transaction.atomic():
        if ReceivedObject.objects.filter(pk=received.pk).delete()[0]:
            StoreNode.objects.filter(pk=received.node_id).update(**{counter: F(counter) + 1})


def outcome_from_holding(received: ReceivedObject, holding_folder: Path) -> tuple[str, str] | None:
    """Work out a queued object's outcome from what the import task left behind; None while still waiting.

    The task (remapp.tasks.import_received_file) removes the holding file once imported or found to be a
    duplicate, and moves a rejected one to the rejected subfolder with a reason file. A removed file is new if
    its SOP instance was stored after it arrived, else a duplicate (the same instance, or the same exposure in
    another image).
    """
    rejected_folder = holding_folder / REJECTED_FOLDER
    reason_file = rejected_folder / f"{received.holding_file}{REASON_SUFFIX}"
    if reason_file.exists():
        return "rejected", reason_file.read_text(encoding="utf-8", errors="replace").strip()[:400]
    if (holding_folder / received.holding_file).exists() or (rejected_folder / received.holding_file).exists():
        return None
    stored = DoseObject.objects.filter(sop_instance_uid=received.sop_instance_uid).first()
    if stored is not None and stored.imported_at >= received.received_at:
        return "imported", ""
    return "duplicate", ""


def reconcile(node_id: int, holding_folder: Path, older_than_seconds: float = 2.0) -> int:
    """Count the outcomes of queued objects that a task worker has finished with; returns how many."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    done = 0
    for received in ReceivedObject.objects.filter(node_id=node_id, queued_at__lte=cutoff):
        outcome = outcome_from_holding(received, holding_folder)
        if outcome is not None:
            record_outcome(received, holding_folder, *outcome)
            done += 1
    return done
