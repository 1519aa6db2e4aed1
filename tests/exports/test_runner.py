"""run_export: the Export row's progress, the file's place, abort between chunks, and failures."""

import datetime
import os
import re
import stat

import pytest

from remapp import progress
from remapp.exports import runner, source
from remapp.exports.registry import get_spec
from remapp.exports.runner import run_export, write_export
from remapp.interface.filters import filtered_studies
from remapp.models import CtIrradiationEvent, Export, TaskState
from tests.factories import add_ct_event, make_study, site_datetime

pytestmark = pytest.mark.django_db


def _ct_studies(count: int) -> None:
    for number in range(count):
        one = make_study(
            "CT", accession_number=f"RUN{number}", when=site_datetime(2024, 1, 1) + datetime.timedelta(days=number)
        )
        add_ct_event(one, protocol="Head", ctdivol="50", dlp="800")


def test_it_writes_the_file_under_exports_by_date_and_records_completion(media_root):
    _ct_studies(3)
    export = Export.objects.create(modality="ct", export_format="csv", query_string="accession_number=RUN1")
    run_export(export.pk)
    export.refresh_from_db()
    assert export.state == TaskState.COMPLETE
    assert export.progress == "1 studies written"
    assert export.total_count == 1 and export.done_count == 1
    assert re.fullmatch(rf"exports/\d{{4}}/\d{{2}}/\d{{2}}/ct_\d{{8}}-\d{{6}}_{export.pk}\.csv", export.file.name)
    path = media_root / export.file.name
    assert path.read_text(encoding="utf-8-sig").splitlines()[1].split(",")[5] == "RUN1"
    assert export.started_at <= export.finished_at
    assert not list(path.parent.glob("*.part"))


def test_abort_stops_the_export_between_chunks_and_leaves_no_file(media_root, monkeypatch):
    _ct_studies(5)
    monkeypatch.setattr(source, "CHUNK_SIZE", 2)
    export = Export.objects.create(modality="ct", export_format="xlsx")
    real_advance = progress.advance
    seen = []

    def advance_then_user_aborts(model, pk, done, total, text):
        seen.append(text)
        progress.request_abort(model, pk)
        return real_advance(model, pk, done, total, text)

    monkeypatch.setattr(progress, "advance", advance_then_user_aborts)
    run_export(export.pk)
    export.refresh_from_db()
    assert seen == ["Writing study 2 of 5"]
    assert export.state == TaskState.ABORTED
    assert export.progress == "Aborted after 2 studies"
    assert export.done_count == 2 and export.total_count == 5
    assert not export.file
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_an_export_aborted_before_it_starts_never_runs(media_root):
    _ct_studies(1)
    export = Export.objects.create(modality="ct", export_format="csv", abort_requested=True)
    run_export(export.pk)
    export.refresh_from_db()
    assert export.state == TaskState.ABORTED
    assert export.progress == "Aborted before it started"
    assert export.started_at is None


def test_a_failing_export_is_marked_failed_with_its_error_and_no_partial_file(media_root, monkeypatch):
    _ct_studies(2)

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(runner, "write_csv", disk_full)
    export = Export.objects.create(modality="ct", export_format="csv")
    run_export(export.pk)
    export.refresh_from_db()
    assert export.state == TaskState.FAILED
    assert export.error == "OSError: No space left on device"
    assert not export.file
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_an_unknown_export_kind_fails_with_a_clear_reason():
    export = Export.objects.create(modality="us", export_format="csv")
    run_export(export.pk)
    export.refresh_from_db()
    assert export.state == TaskState.FAILED
    assert export.error == "UnknownExport: unknown export 'us': choose one of ct, rf, mg, nhsbsp, dx"


def test_nhsbsp_has_no_xlsx_format():
    export = Export.objects.create(modality="nhsbsp", export_format="xlsx")
    run_export(export.pk)
    export.refresh_from_db()
    assert export.state == TaskState.FAILED
    assert export.error == "UnknownExport: the Mammography NHSBSP export has no 'xlsx' format: csv"


def test_ids_are_sent_in_batches_and_every_row_comes_back(monkeypatch, tmp_path):
    _ct_studies(5)
    monkeypatch.setattr(source, "IN_LIST_BATCH", 2)
    ids = list(CtIrradiationEvent.objects.values_list("study_id", flat=True))
    rows = source.rows_with_ids(CtIrradiationEvent.objects.values_list("study_id", flat=True), "study_id", ids)
    assert sorted(rows) == sorted(ids) and len(rows) == 5
    assert source.rows_with_ids(CtIrradiationEvent.objects.all(), "study_id", []) == []


@pytest.fixture
def process_umask():
    """Set the process umask for one test and put the old one back."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_files_and_the_folders_made_for_them_are_owner_and_group_only(
    media_root, process_umask, umask, export_format
):
    _ct_studies(1)
    process_umask(umask)
    export = Export.objects.create(modality="ct", export_format=export_format)
    run_export(export.pk)
    export.refresh_from_db()
    assert export.state == TaskState.COMPLETE
    path = media_root / export.file.name
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    # MEDIA_ROOT did not exist either: media, media/exports, YYYY, MM and DD are all made by the export.
    day_folder = path.parent.relative_to(media_root)
    folders = [day_folder, *day_folder.parents]
    assert [folder.as_posix() for folder in folders][-2:] == ["exports", "."] and len(folders) == 5
    for folder in folders:
        assert stat.S_IMODE(os.stat(media_root / folder).st_mode) == 0o750, folder


def test_a_command_line_export_file_is_owner_and_group_only(tmp_path, process_umask):
    _ct_studies(1)
    process_umask(0o000)
    path = tmp_path / "ct.csv"
    path.write_text("older export")
    os.chmod(path, 0o666)
    spec = get_spec("ct", "csv")
    write_export(spec, "csv", filtered_studies(spec.modality, ""), path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert path.read_text(encoding="utf-8-sig").splitlines()[1].split(",")[5] == "RUN0"
