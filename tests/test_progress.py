"""The one progress mechanism: advance reports whether the task should go on."""

import pytest

from remapp import progress
from remapp.models import Export, TaskState

pytestmark = pytest.mark.django_db


def _running_export() -> Export:
    return Export.objects.create(modality="ct", export_format="csv", state=TaskState.RUNNING)


def test_advance_records_progress_and_lets_the_task_go_on():
    export = _running_export()
    assert progress.advance(Export, export.pk, 4, 67, "Writing study 4 of 67") is True
    export.refresh_from_db()
    assert (export.done_count, export.total_count, export.progress) == (4, 67, "Writing study 4 of 67")


def test_advance_stops_the_task_once_abort_is_requested():
    export = _running_export()
    assert progress.request_abort(Export, export.pk) is True
    assert progress.advance(Export, export.pk, 5, 67, "Writing study 5 of 67") is False


def test_advance_stops_the_task_when_its_row_was_deleted():
    export = _running_export()
    Export.objects.filter(pk=export.pk).delete()
    assert progress.advance(Export, export.pk, 5, 67, "Writing study 5 of 67") is False


def test_finish_marks_the_row_and_abort_is_refused_for_a_finished_task():
    export = _running_export()
    progress.finish(Export, export.pk, TaskState.COMPLETE, text="Done")
    export.refresh_from_db()
    assert export.state == TaskState.COMPLETE and export.finished_at is not None and export.progress == "Done"
    assert progress.request_abort(Export, export.pk) is False
