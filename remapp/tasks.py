"""Celery tasks: thin wrappers that call the importers, exports and patient-size import.

No business logic lives here; each task hands its arguments to one function in the layer below.
"""

from celery import shared_task


@shared_task(name="remapp.import_dicom_file", acks_late=True)
def import_dicom_file(path: str, delete_after_import: bool = False, kinds: list[str] | None = None) -> dict:
    """Import one DICOM file (of ``kinds`` only, if given); returns the outcome as a dict (status, reason)."""
    from remapp.extractors.router import import_path

    return import_path(path, delete_after_import=delete_after_import, kinds=kinds).as_dict()


@shared_task(name="remapp.import_received_file", acks_late=True)
def import_received_file(path: str) -> dict:
    """Import one object the store node wrote to its holding folder: removed once imported, kept aside if rejected."""
    from remapp.extractors.router import import_path
    from remapp.netdicom import keep_rejected_file

    outcome = import_path(path, delete_after_import=True).as_dict()
    keep_rejected_file(path, outcome)
    return outcome


@shared_task(name="remapp.run_export")
def run_export(export_id: int) -> None:
    """Write the export described by the Export row ``export_id``."""
    from remapp.exports.runner import run_export as run

    run(export_id)


@shared_task(name="remapp.run_patient_size_import")
def run_patient_size_import(import_id: int) -> None:
    """Apply the RIS CSV described by the PatientSizeImport row ``import_id``."""
    from remapp.ptsize.runner import run_import

    run_import(import_id)


@shared_task(name="remapp.ping", bind=True)
def ping(self, marker: str) -> str:
    """Round trip through the broker: the worker records that it saw ``marker`` (health checks, tests)."""
    from django.utils import timezone

    from remapp.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(
        marker=marker, defaults={"seen_at": timezone.now(), "worker_hostname": self.request.hostname or ""}
    )
    return marker
