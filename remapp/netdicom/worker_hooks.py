"""Keeps a rejected holding file aside with its reason, in whichever process ran the import task.

The import task removes a holding file once imported and leaves a rejected one where it is. This hook
(a Celery task_success signal, connected in RemappConfig.ready, so in every worker and in eager runs)
moves a rejected file from a store node's holding folder into its ``rejected`` subfolder with the reason
beside it; the store node then counts it as rejected. Files outside a holding folder are never touched.
"""

from pathlib import Path

from celery.signals import task_success

from remapp.netdicom.holding import HOLDING_MARKER, set_aside

IMPORT_TASK_NAME = "remapp.import_dicom_file"


def keep_rejected_holding_file(sender=None, result=None, **_kwargs) -> None:
    """On a rejected import of a holding file: move it to holding/rejected with a reason file."""
    if getattr(sender, "name", "") != IMPORT_TASK_NAME or not isinstance(result, dict):
        return
    if result.get("status") != "rejected":
        return
    path = Path(str(result.get("path", "")))
    if path.is_file() and (path.parent / HOLDING_MARKER).is_file():
        set_aside(path, str(result.get("reason", "")) or "rejected by the importer")


task_success.connect(keep_rejected_holding_file, weak=False, dispatch_uid="openrem-keep-rejected-holding-file")
