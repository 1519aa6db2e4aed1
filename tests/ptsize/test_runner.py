"""The task body: progress on the row, abort between chunks, failures recorded, the CSV always deleted."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from remapp.models import PatientSizeImport, TaskState
from remapp.ptsize import apply as apply_module
from remapp.ptsize import runner
from tests.ptsize.conftest import files_under, stored_size

pytestmark = pytest.mark.django_db


def queued_job(content: str, **columns) -> PatientSizeImport:
    name = default_storage.save("patient_size_csv/upload.csv", ContentFile(content.encode()))
    fields = {"id_column": "Accession", "id_type": "accession", "height_column": "Height", "weight_column": "Weight"}
    return PatientSizeImport.objects.create(
        csv_file=name, original_file_name="ris.csv", task_id="t1", **{**fields, **columns}
    )


def log_lines(job: PatientSizeImport, media_root) -> list[str]:
    job.refresh_from_db()
    return (media_root / job.log_file.name).read_bytes().decode().split("\r\n")


def test_abort_stops_between_chunks_and_keeps_what_was_applied(make_study, media_root, monkeypatch):
    studies = [make_study(f"ACC{number}") for number in range(1, 5)]
    job = queued_job("Accession,Height,Weight\n" + "".join(f"ACC{n},17{n},7{n}\n" for n in range(1, 5)))
    seen = []

    def apply_in_pairs(table, id_type, on_row, before_chunk, import_id):
        def on_row_then_abort(outcome):
            on_row(outcome)
            seen.append(PatientSizeImport.objects.values_list("progress", flat=True).get(pk=job.pk))
            if outcome.row.number == 2:  # the user presses Abort while rows 1-2 are being processed
                PatientSizeImport.objects.filter(pk=job.pk).update(abort_requested=True)

        return apply_module.apply_size_table(
            table, id_type, on_row_then_abort, before_chunk, chunk_size=2, import_id=import_id
        )

    monkeypatch.setattr(runner, "apply_size_table", apply_in_pairs)
    runner.run_import(job.pk)

    job.refresh_from_db()
    assert seen == ["Processing row 1 of 4", "Processing row 1 of 4"]
    assert (job.state, job.done_count, job.total_count) == (TaskState.ABORTED, 2, 4)
    assert [stored_size(study)[0] for study in studies] == [Decimal("171.00"), Decimal("172.00"), None, None]
    lines = log_lines(job, media_root)
    assert "Rows processed: 2 of 4 (aborted)" in lines
    assert "Aborted by the user before row 3; rows after that were not read." in lines
    assert files_under(media_root / "patient_size_csv") == []


def test_a_file_that_fails_at_run_time_is_recorded_logged_and_deleted(make_study, media_root):
    study = make_study("ACC1")
    job = queued_job("Accession,Height,Weight\nACC1,170,70\n", weight_column="Mass")
    runner.run_import(job.pk)
    job.refresh_from_db()
    message = 'ris.csv: no column titled "Mass" for the weight; the columns are "Accession", "Height", "Weight"'
    assert (job.state, job.error, job.progress) == (TaskState.FAILED, message, "Nothing was imported")
    assert f"Nothing was imported: {message}" in log_lines(job, media_root)
    assert stored_size(study) == (None, None)
    assert (job.csv_file.name, files_under(media_root / "patient_size_csv")) == ("", [])


def test_an_unexpected_error_fails_the_row_and_still_deletes_the_csv(make_study, media_root, monkeypatch):
    job = queued_job("Accession,Height,Weight\nACC1,170,70\n")
    monkeypatch.setattr(runner, "apply_size_table", _explode)
    runner.run_import(job.pk)
    job.refresh_from_db()
    assert (job.state, job.error) == (TaskState.FAILED, "Unexpected error: database went away")
    assert files_under(media_root / "patient_size_csv") == []


def _explode(*args, **kwargs):
    raise RuntimeError("database went away")


def test_a_repeated_delivery_of_a_finished_import_does_nothing(make_study, media_root):
    study = make_study("ACC1")
    job = queued_job("Accession,Height,Weight\nACC1,170,70\n")
    runner.run_import(job.pk)
    PatientSizeImport.objects.filter(pk=job.pk).update(progress="done once")
    runner.run_import(job.pk)
    assert PatientSizeImport.objects.get(pk=job.pk).progress == "done once"
    assert stored_size(study) == (Decimal("170.00"), Decimal("70.00"))


def test_a_deleted_import_is_ignored(media_root):
    runner.run_import(987654)
    assert PatientSizeImport.objects.count() == 0


def test_the_log_names_the_columns_and_ends_with_the_summary(make_study, media_root):
    make_study("ACC1")
    job = queued_job("Accession,Height,Weight\nACC1,170,\n", weight_column="")
    runner.run_import(job.pk)
    lines = log_lines(job, media_root)
    assert lines[:5] == [
        f"OpenREM patient size import {job.pk}",
        "File: ris.csv",
        'Identifier column: "Accession" (accession number)',
        'Height column: "Height" (cm)',
        "Weight column: none (kg)",
    ]
    assert "Row 1: accession number ACC1: height 170.00 cm inserted; weight not given" in lines
    assert lines[-2].startswith("Finished: ") and lines[-1] == ""


def test_deleting_the_record_while_it_runs_stops_the_task(make_study, media_root, monkeypatch):
    studies = [make_study(f"ACC{number}") for number in range(1, 5)]
    job = queued_job("Accession,Height,Weight\n" + "".join(f"ACC{n},17{n},7{n}\n" for n in range(1, 5)))

    def apply_in_pairs(table, id_type, on_row, before_chunk, import_id):
        def on_row_then_delete(outcome):
            on_row(outcome)
            if outcome.row.number == 2:
                PatientSizeImport.objects.filter(pk=job.pk).delete()

        return apply_module.apply_size_table(
            table, id_type, on_row_then_delete, before_chunk, chunk_size=2, import_id=import_id
        )

    monkeypatch.setattr(runner, "apply_size_table", apply_in_pairs)
    runner.run_import(job.pk)
    assert [stored_size(study)[0] for study in studies] == [Decimal("171.00"), Decimal("172.00"), None, None]
    assert (PatientSizeImport.objects.count(), files_under(media_root / "patient_size_csv")) == (0, [])
