"""Patient-size import pages (admin right): upload, choose columns, live progress with abort, past imports."""

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from remapp import progress
from remapp.interface.ptsize_forms import SizeColumnsForm, SizeCsvUploadForm
from remapp.models import PatientSizeImport, TaskState
from remapp.permissions import require_right
from remapp.ptsize.csvfile import PatientSizeCsvError, max_bytes, max_rows, read_column_titles
from remapp.ptsize.runner import LOG_FOLDER, delete_uploaded_csv

logger = logging.getLogger(__name__)
UPLOAD_FOLDER = "patient_size_csv"
WAITING_FOR_COLUMNS = "Waiting for the columns to be chosen"


def _awaiting_columns(job: PatientSizeImport) -> bool:
    return job.state == TaskState.QUEUED and not job.task_id and bool(job.csv_file.name)


@require_right("admin")
@require_GET
def import_list(request):
    """The table of previous imports, newest first."""
    imports = PatientSizeImport.objects.select_related("user").order_by("-created_at")[:200]
    return render(request, "remapp/ptsize_list.html", {"imports": imports})


def _store_upload(uploaded) -> str:
    """Save the upload under a name of our own; the browser's file name is only ever displayed."""
    return default_storage.save(f"{UPLOAD_FOLDER}/{uuid.uuid4().hex}.csv", uploaded)


@require_right("admin")
@require_http_methods(["GET", "POST"])
def upload(request):
    """Explain what the CSV needs and take the file; a bad file is refused and nothing is kept."""
    form = SizeCsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["csv_file"]
        original_name = Path(uploaded.name).name[:255]
        stored_name = _store_upload(uploaded)
        try:
            read_column_titles(Path(default_storage.path(stored_name)), original_name)
        except PatientSizeCsvError as error:
            default_storage.delete(stored_name)
            form.add_error("csv_file", str(error))
        else:
            job = PatientSizeImport.objects.create(
                user=request.user, csv_file=stored_name, original_file_name=original_name, progress=WAITING_FOR_COLUMNS
            )
            return redirect("ptsize_columns", pk=job.pk)
    return render(request, "remapp/ptsize_upload.html", {"form": form, "limits": _limits()})


def _limits() -> dict:
    return {"max_mb": max_bytes() // (1024 * 1024), "max_rows": max_rows()}


def _enqueue(import_id: int, task_id: str) -> None:
    """Send the task once the row is committed; if the queue cannot be reached, say so on the row."""
    from remapp.tasks import run_patient_size_import

    try:
        run_patient_size_import.apply_async((import_id,), task_id=task_id)
    except Exception as error:  # broker down: the row must not wait forever
        logger.exception("Could not queue patient size import %s", import_id)
        progress.finish(PatientSizeImport, import_id, TaskState.FAILED, error=f"Could not queue the import: {error}")
        job = PatientSizeImport.objects.filter(pk=import_id).first()
        if job is not None:
            delete_uploaded_csv(job)


@require_right("admin")
@require_http_methods(["GET", "POST"])
def choose_columns(request, pk: int):
    """Pick the identifier, height and weight columns and the identifier type, then start the task."""
    job = get_object_or_404(PatientSizeImport, pk=pk)
    if not _awaiting_columns(job):
        return redirect("ptsize_detail", pk=job.pk)
    try:
        titles = read_column_titles(Path(job.csv_file.path), job.original_file_name)
    except (PatientSizeCsvError, FileNotFoundError) as error:
        messages.error(request, str(error))
        return redirect("ptsize_list")
    form = SizeColumnsForm(request.POST or None, titles=titles)
    if request.method == "POST" and form.is_valid():
        task_id = uuid.uuid4().hex
        with transaction.atomic():
            started = PatientSizeImport.objects.filter(pk=job.pk, task_id="", state=TaskState.QUEUED).update(
                task_id=task_id, progress="Queued", **{name: form.cleaned_data[name] for name in form.fields}
            )
            if started:
                # on_commit: a real worker must never pick up the task before the row it reads is committed.
                transaction.on_commit(lambda: _enqueue(job.pk, task_id))
        return redirect("ptsize_detail", pk=job.pk)
    return render(request, "remapp/ptsize_columns.html", {"job": job, "form": form, "titles": titles})


@require_right("admin")
@require_GET
def detail(request, pk: int):
    """One import: live progress while it runs (the page polls progress_json), its result when done."""
    job = get_object_or_404(PatientSizeImport, pk=pk)
    if _awaiting_columns(job):
        return redirect("ptsize_columns", pk=job.pk)
    return render(request, "remapp/ptsize_detail.html", {"job": job})


def _percent(job: PatientSizeImport) -> int:
    if job.state == TaskState.COMPLETE:
        return 100
    return int(100 * job.done_count / job.total_count) if job.total_count else 0


@require_right("admin")
@require_GET
def progress_json(request, pk: int):
    """The small JSON the detail page polls."""
    job = get_object_or_404(PatientSizeImport, pk=pk)
    return JsonResponse(
        {
            "state": job.state,
            "state_label": job.get_state_display(),
            "progress": job.progress,
            "done": job.done_count,
            "total": job.total_count,
            "percent": _percent(job),
            "finished": job.is_finished,
            "error": job.error,
        }
    )


@require_right("admin")
@require_POST
def abort(request, pk: int):
    """Ask the task to stop between chunks of rows; rows already applied stay (they are logged)."""
    job = get_object_or_404(PatientSizeImport, pk=pk)
    if progress.request_abort(PatientSizeImport, job.pk):
        messages.info(request, f"Abort requested for the import of {job.original_file_name}.")
    else:
        messages.warning(request, "That import had already finished.")
    return redirect("ptsize_detail", pk=job.pk)


@require_right("admin")
@require_POST
def delete(request, pk: int):
    """Delete an import's record, its log and any CSV still on the server; a running import must be aborted first.

    After an abort the record can be deleted even if it still says running, so one left behind by a worker that
    died is not stuck in the table for ever.
    """
    job = get_object_or_404(PatientSizeImport, pk=pk)
    if job.state == TaskState.RUNNING and not job.abort_requested:
        messages.error(request, f"The import of {job.original_file_name} is still running: abort it first.")
        return redirect("ptsize_list")
    for name in (job.csv_file.name, job.log_file.name):
        if name:
            default_storage.delete(name)
    job.delete()
    messages.success(request, f"Deleted the import of {job.original_file_name}.")
    return redirect("ptsize_list")


@require_right("admin")
@require_GET
def download_log(request, pk: int):
    """Serve the log file named on the import's row, and nothing else."""
    job = get_object_or_404(PatientSizeImport, pk=pk)
    name = job.log_file.name
    logs_root = (Path(settings.MEDIA_ROOT) / LOG_FOLDER).resolve()
    if not name:
        raise Http404("This import has no log file")
    path = (Path(settings.MEDIA_ROOT) / name).resolve()
    if not path.is_relative_to(logs_root) or not path.is_file():
        raise Http404("This import's log file is not on the server")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"patient_size_import_{job.pk}.txt",
        content_type="text/plain; charset=utf-8",
    )
