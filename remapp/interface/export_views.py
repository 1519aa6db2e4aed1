"""The Exports page: start, watch, abort, download and delete exports. Every view needs the export right.

Users see their own exports; users with the admin right see everyone's. Downloads are served only for files
the Export table knows and only from inside MEDIA_ROOT/exports.
"""

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from remapp import progress
from remapp.exports.registry import EXPORT_SPECS, FORMAT_LABELS, UnknownExport, get_spec
from remapp.exports.runner import EXPORTS_FOLDER
from remapp.models import Export, TaskState
from remapp.permissions import require_right, user_rights

logger = logging.getLogger(__name__)
UNFINISHED = (TaskState.QUEUED, TaskState.RUNNING)
MAX_QUERY_LENGTH = 4000


def visible_exports(user):
    """The exports this user may see, download, abort and delete."""
    exports = Export.objects.select_related("user")
    if user_rights(user).admin:
        return exports
    return exports.filter(user=user)


def export_label(export: Export) -> str:
    """'CT', 'Mammography NHSBSP' ... for a stored export key."""
    spec = EXPORT_SPECS.get(export.modality)
    return spec.label if spec else export.modality


@require_GET
@require_right("export")
def export_list(request):
    """In progress, completed and failed exports."""
    exports = list(visible_exports(request.user).order_by("-created_at")[:500])
    for export in exports:
        export.label = export_label(export)
        export.format_label = FORMAT_LABELS.get(export.export_format, export.export_format)
        export.file_basename = Path(export.file.name).name if export.file else ""
        export.duration_text = f"{export.duration.total_seconds():.1f} s" if export.duration else ""
    return render(
        request,
        "remapp/exports.html",
        {
            "in_progress": [e for e in exports if e.state in UNFINISHED],
            "completed": [e for e in exports if e.state == TaskState.COMPLETE],
            "failed": [e for e in exports if e.state in (TaskState.FAILED, TaskState.ABORTED)],
        },
    )


@require_GET
@require_right("export")
def export_progress(request):
    """The unfinished exports' progress, for the page to poll."""
    rows = visible_exports(request.user).filter(state__in=UNFINISHED).order_by("pk")
    running = [
        {"id": e.pk, "state": e.state, "progress": e.progress, "done": e.done_count, "total": e.total_count}
        for e in rows
    ]
    return JsonResponse({"running": running})


def _queue(export: Export) -> None:
    from remapp.tasks import run_export

    try:
        run_export.apply_async(args=[export.pk], task_id=export.task_id)
    except Exception as exc:  # A broker that is down must not lose the request silently.
        logger.exception("Could not queue export %s", export.pk)
        progress.finish(Export, export.pk, TaskState.FAILED, text="Failed", error=f"Could not queue the export: {exc}")


@require_POST
@require_right("export")
def start_export(request):
    """Queue an export of the studies the list page's query string selects."""
    kind, _, export_format = request.POST.get("export", "").partition(".")
    query = request.POST.get("query", "")
    try:
        spec = get_spec(kind, export_format)
    except UnknownExport as exc:
        messages.error(request, f"Export not started: {exc}")
        return redirect("exports")
    if len(query) > MAX_QUERY_LENGTH:
        messages.error(request, "Export not started: the filter is too long")
        return redirect("exports")
    export = Export.objects.create(
        user=request.user,
        modality=spec.key,
        export_format=export_format,
        query_string=query,
        task_id=str(uuid.uuid4()),
        progress="Queued",
    )
    transaction.on_commit(lambda: _queue(export))
    messages.success(request, f"{spec.label} {FORMAT_LABELS[export_format]} export queued")
    return redirect("exports")


@require_POST
@require_right("export")
def abort_export(request, pk: int):
    """Ask an unfinished export to stop; one that has not started yet is marked aborted at once."""
    export = get_object_or_404(visible_exports(request.user), pk=pk)
    Export.objects.filter(pk=export.pk, state=TaskState.QUEUED).update(
        state=TaskState.ABORTED, abort_requested=True, finished_at=timezone.now(), progress="Aborted before it started"
    )
    if progress.request_abort(Export, export.pk):
        messages.info(request, "Abort requested; the export stops after the current chunk of studies")
    return redirect("exports")


def export_file_path(export: Export) -> Path | None:
    """The export's file on disk, only if it lies inside MEDIA_ROOT/exports and exists."""
    if not export.file or not export.file.name:
        return None
    folder = (Path(settings.MEDIA_ROOT) / EXPORTS_FOLDER).resolve()
    path = (Path(settings.MEDIA_ROOT) / export.file.name).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path


@require_GET
@require_right("export")
def download_export(request, pk: int):
    """The file of a completed export the user may see."""
    export = get_object_or_404(visible_exports(request.user), pk=pk, state=TaskState.COMPLETE)
    path = export_file_path(export)
    if path is None:
        raise Http404("Export file not found")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name)


@require_POST
@require_right("export")
def delete_exports(request):
    """Delete the ticked exports that are finished or asked to abort (a dead worker's row can go): file and row."""
    ids = [value for value in request.POST.getlist("export") if value.isdigit()]
    exports = visible_exports(request.user).filter(pk__in=ids).exclude(state__in=UNFINISHED, abort_requested=False)
    deleted = 0
    for export in exports:
        path = export_file_path(export)
        if path is not None:
            path.unlink(missing_ok=True)
        export.delete()
        deleted += 1
    messages.info(request, f"Deleted {deleted} export{'s' if deleted != 1 else ''}")
    return redirect("exports")
