"""Run one export: replay the list filter, stream the rows to a file, and keep the Export row up to date.

The file is written under a ``.part`` name and renamed when complete, so a failed or aborted export never
leaves a half-written file behind that looks finished. Exports hold patient data: files are created readable
by their owner and group only (the web server's group serves them), whatever the process umask.
"""

import logging
import os
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from remapp import progress
from remapp.exports.columns import ExportSpec
from remapp.exports.csv_writer import write_csv
from remapp.exports.registry import get_spec
from remapp.exports.source import (
    Aborted,
    frequencies,
    most_events_per_study,
    protocol_frequencies,
    study_chunks,
)
from remapp.exports.xlsx_writer import write_xlsx
from remapp.interface.filters import filtered_studies
from remapp.models import Export, TaskState

logger = logging.getLogger(__name__)
EXPORTS_FOLDER = "exports"
EXPORT_FILE_MODE = 0o640
EXPORT_FOLDER_MODE = 0o750


def create_private_file(path: Path) -> None:
    """Create (or empty) ``path`` with mode 0640, never readable by others even for a moment."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, EXPORT_FILE_MODE)
    try:
        # The mode given to open() is reduced by the umask and ignored for a file that already exists.
        os.fchmod(descriptor, EXPORT_FILE_MODE)
    finally:
        os.close(descriptor)


def make_private_folders(folder: Path) -> None:
    """Create ``folder`` and its missing parents with mode 0750; folders that already exist are left as they are."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)  # another export may make the same day's folder at the same moment
        os.chmod(new, EXPORT_FOLDER_MODE)


def write_export(
    spec: ExportSpec,
    export_format: str,
    studies,
    path: Path,
    after_chunk: Callable[[int], None] | None = None,
) -> int:
    """Write ``studies`` in this spec and format to ``path``; returns the number of studies written."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        create_private_file(partial)  # the writers below reopen it, which keeps its mode
        chunks = study_chunks(spec, studies, after_chunk=after_chunk)
        if export_format == "csv":
            event_count = most_events_per_study(spec, studies) if spec.csv_layout == "events" else 0
            # utf-8-sig: the byte-order mark makes Excel read accented names correctly.
            with open(partial, "w", newline="", encoding="utf-8-sig") as out:
                written = write_csv(spec, chunks, out, event_count)
        else:
            written = write_xlsx(
                spec,
                chunks,
                partial,
                event_count=most_events_per_study(spec, studies),
                study_count=studies.count(),
                frequency_tables=[
                    ("Study description", frequencies(studies, "study_description")),
                    ("Requested procedure", frequencies(studies, "requested_procedure")),
                ],
                protocols=protocol_frequencies(spec, studies),
                exported_at=timezone.now(),
            )
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written


def export_file_name(export: Export, spec: ExportSpec) -> str:
    """Path of the export's file relative to MEDIA_ROOT: exports/YYYY/MM/DD/<kind>_<time>_<id>.<format>."""
    now = timezone.localtime()
    return f"{EXPORTS_FOLDER}/{now:%Y/%m/%d}/{spec.key}_{now:%Y%m%d-%H%M%S}_{export.pk}.{export.export_format}"


def run_export(export_id: int) -> None:
    """Write the export described by the Export row ``export_id``, recording progress, abort and failure."""
    export = Export.objects.filter(pk=export_id).first()
    if export is None or export.is_finished:
        logger.warning("Export %s not found or already finished; nothing to do", export_id)
        return
    if export.abort_requested:
        progress.finish(Export, export_id, TaskState.ABORTED, text="Aborted before it started")
        return
    done = 0
    try:
        spec = get_spec(export.modality, export.export_format)
        studies = filtered_studies(spec.modality, export.query_string)
        total = studies.count()
        progress.start(Export, export_id, total, f"Writing study 0 of {total}")
        relative = export_file_name(export, spec)
        path = Path(settings.MEDIA_ROOT) / relative
        make_private_folders(path.parent)

        def after_chunk(count: int) -> None:
            nonlocal done
            done = count
            if not progress.advance(Export, export_id, count, total, f"Writing study {count} of {total}"):
                raise Aborted

        written = write_export(spec, export.export_format, studies, path, after_chunk)
    except Aborted:
        logger.info("Export %s aborted after %s studies", export_id, done)
        progress.finish(Export, export_id, TaskState.ABORTED, text=f"Aborted after {done} studies")
    except Exception as exc:
        logger.exception("Export %s failed", export_id)
        message = f"{type(exc).__name__}: {exc}".splitlines()[0][:500]
        progress.finish(Export, export_id, TaskState.FAILED, text="Failed", error=message)
    else:
        Export.objects.filter(pk=export_id).update(file=relative, done_count=written, total_count=written)
        progress.finish(Export, export_id, TaskState.COMPLETE, text=f"{written} studies written")
