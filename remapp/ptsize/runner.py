"""The patient-size import task's body: read the uploaded CSV, apply it, write the log, delete the CSV.

Progress and abort go through remapp.progress on the PatientSizeImport row; the log (Windows line endings,
so it opens cleanly in Notepad) names every row's outcome and ends with the summary.
"""

import logging
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone

from remapp import progress
from remapp.models import PatientSizeImport, TaskState
from remapp.ptsize.apply import apply_size_table
from remapp.ptsize.csvfile import PatientSizeCsvError, read_size_table
from remapp.ptsize.outcomes import IdType

logger = logging.getLogger(__name__)
LOG_FOLDER = "patient_size_logs"


def _log_name(job: PatientSizeImport) -> str:
    return f"{LOG_FOLDER}/{timezone.localdate():%Y/%m/%d}/patient_size_import_{job.pk}.txt"


def _header(job: PatientSizeImport) -> list[str]:
    id_type = IdType(job.id_type)

    def column(title: str) -> str:
        return f'"{title}"' if title else "none"

    return [
        f"OpenREM patient size import {job.pk}",
        f"File: {job.original_file_name}",
        f"Identifier column: {column(job.id_column)} ({id_type.label})",
        f"Height column: {column(job.height_column)} (cm)",
        f"Weight column: {column(job.weight_column)} (kg)",
        f"Started: {timezone.localtime():%Y-%m-%d %H:%M:%S}",
        "Rows are counted from the first row below the column titles. Stored heights and weights are never "
        "overwritten; the first row for a study wins.",
        "",
    ]


def delete_uploaded_csv(job: PatientSizeImport) -> None:
    """Remove the uploaded CSV from the server (it holds patient identifiers) and forget its name."""
    if job.csv_file.name:
        default_storage.delete(job.csv_file.name)
    PatientSizeImport.objects.filter(pk=job.pk).update(csv_file="")


def _process(job: PatientSizeImport, log) -> None:
    def write(line: str) -> None:
        log.write(line + "\n")

    for line in _header(job):
        write(line)
    try:
        table = read_size_table(
            Path(job.csv_file.path), job.id_column, job.height_column, job.weight_column, job.original_file_name
        )
    except (PatientSizeCsvError, FileNotFoundError, ValueError) as error:
        message = str(error) if isinstance(error, PatientSizeCsvError) else f"{job.original_file_name}: {error}"
        write(f"Nothing was imported: {message}")
        progress.finish(PatientSizeImport, job.pk, TaskState.FAILED, text="Nothing was imported", error=message)
        return

    def before_chunk(first_row: int, total: int) -> bool:
        text = f"Processing row {first_row} of {total}"
        carry_on = progress.advance(PatientSizeImport, job.pk, first_row - 1, total, text)
        # A record deleted (after an abort) while the task runs also stops it.
        return carry_on and PatientSizeImport.objects.filter(pk=job.pk).exists()

    summary = apply_size_table(
        table, job.id_type, on_row=lambda outcome: write(outcome.line()), before_chunk=before_chunk, import_id=job.pk
    )
    write("")
    for line in summary.lines():
        write(line)
    if summary.aborted:
        write(f"Aborted by the user before row {summary.rows_done + 1}; rows after that were not read.")
    write(f"Finished: {timezone.localtime():%Y-%m-%d %H:%M:%S}")
    PatientSizeImport.objects.filter(pk=job.pk).update(done_count=summary.rows_done, total_count=summary.total_rows)
    state = TaskState.ABORTED if summary.aborted else TaskState.COMPLETE
    progress.finish(PatientSizeImport, job.pk, state, text=summary.short())
    logger.info("Patient size import %s of %s %s: %s", job.pk, job.original_file_name, state, summary.short())


def run_import(import_id: int) -> None:
    """Run the import described by PatientSizeImport ``import_id`` (called by the Celery task)."""
    job = PatientSizeImport.objects.filter(pk=import_id).first()
    if job is None or job.is_finished or job.state == TaskState.RUNNING:
        return  # deleted, or a repeated delivery of a task that already ran
    try:
        if job.abort_requested:
            progress.finish(PatientSizeImport, job.pk, TaskState.ABORTED, text="Aborted before it started")
            return
        progress.start(PatientSizeImport, job.pk, text="Reading the CSV file")
        log_name = _log_name(job)
        log_path = Path(default_storage.path(log_name))
        log_path.parent.mkdir(parents=True, exist_ok=True)
        PatientSizeImport.objects.filter(pk=job.pk).update(log_file=log_name)
        # newline="\r\n" turns every "\n" into CRLF: Windows line endings for Notepad.
        with open(log_path, "w", encoding="utf-8", newline="\r\n") as log:
            _process(job, log)
    except Exception as error:  # the row must never stay "running" after a crash
        logger.exception("Patient size import %s failed", import_id)
        progress.finish(PatientSizeImport, job.pk, TaskState.FAILED, error=f"Unexpected error: {error}")
    finally:
        delete_uploaded_csv(job)
