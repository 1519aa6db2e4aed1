"""The one progress mechanism for background tasks: row updates the web page polls, and the abort flag.

Tasks call ``start``, then ``advance`` every N items (it returns False once an abort was requested, so the
task can stop between rows), then ``finish``. Every call is a single UPDATE of the task's row.
"""

from django.db import models
from django.utils import timezone

from remapp.models import TaskState


class Aborted(Exception):
    """Raised by a task that saw its abort flag; the caller marks the row aborted."""


def start(model: type[models.Model], pk: int, total: int | None = None, text: str = "Starting") -> None:
    model.objects.filter(pk=pk).update(
        state=TaskState.RUNNING, started_at=timezone.now(), total_count=total, progress=text, done_count=0
    )


def advance(model: type[models.Model], pk: int, done: int, total: int | None, text: str) -> bool:
    """Record progress; False when the user asked to abort or the task's row was deleted."""
    model.objects.filter(pk=pk).update(done_count=done, total_count=total, progress=text)
    return model.objects.filter(pk=pk, abort_requested=False).exists()


def abort_requested(model: type[models.Model], pk: int) -> bool:
    return model.objects.filter(pk=pk, abort_requested=True).exists()


def finish(model: type[models.Model], pk: int, state: str, text: str = "", error: str = "") -> None:
    update = {"state": state, "finished_at": timezone.now(), "error": error}
    if text:
        update["progress"] = text
    model.objects.filter(pk=pk).update(**update)


def request_abort(model: type[models.Model], pk: int) -> bool:
    """Ask a queued or running task to stop; True if it was still unfinished."""
    return bool(
        model.objects.filter(pk=pk, state__in=[TaskState.QUEUED, TaskState.RUNNING]).update(abort_requested=True)
    )
