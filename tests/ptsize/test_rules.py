"""The import rules: never overwrite, first row wins, cm and kg only, every row's outcome named."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from remapp.models import PatientStudy
from remapp.ptsize import apply_size_table, read_size_table
from tests.ptsize.conftest import stored_size

pytestmark = pytest.mark.django_db


def run(path, id_column="Accession", height="Height", weight="Weight", id_type="accession", **kwargs):
    lines = []
    table = read_size_table(path, id_column, height, weight)
    summary = apply_size_table(table, id_type, on_row=lambda outcome: lines.append(outcome.line()), **kwargs)
    return summary, lines


def test_it_inserts_height_in_cm_and_weight_in_kg(make_study, write_csv):
    study = make_study("ACC1")
    summary, lines = run(write_csv("Accession,Height,Weight\nACC1,172.4,80\n"))
    assert stored_size(study) == (Decimal("172.40"), Decimal("80.00"))
    assert lines == ["Row 1: accession number ACC1: height 172.40 cm inserted; weight 80.00 kg inserted"]
    assert (summary.heights_inserted, summary.weights_inserted, summary.rows_matched) == (1, 1, 1)


def test_it_never_overwrites_a_stored_height_or_weight(make_study, write_csv):
    study = make_study("ACC1", height="165", weight=None)
    _, lines = run(write_csv("Accession,Height,Weight\nACC1,172,81\n"))
    assert stored_size(study) == (Decimal("165.00"), Decimal("81.00"))
    assert lines == [
        "Row 1: accession number ACC1: height already present (165.00 cm kept, 172.00 cm not stored); "
        "weight 81.00 kg inserted"
    ]


def test_the_first_row_for_a_study_wins(make_study, write_csv):
    study = make_study("ACC1")
    summary, lines = run(write_csv("Accession,Height,Weight\nACC1,170,\nACC1,180,90\n"))
    assert stored_size(study) == (Decimal("170.00"), None)
    assert (
        lines[1]
        == "Row 2: accession number ACC1: ignored, row 1 already named this accession number (the first row wins)"
    )
    assert summary.rows_repeated == 1


def test_the_first_row_wins_across_chunks(make_study, write_csv):
    study = make_study("ACC1")
    summary, lines = run(write_csv("Accession,Height,Weight\nACC1,170,70\nACC2,1,1\nACC1,180,90\n"), chunk_size=2)
    assert stored_size(study) == (Decimal("170.00"), Decimal("70.00"))
    assert lines[2].endswith("ignored, row 1 already named this accession number (the first row wins)")


def test_it_logs_metres_and_implausible_values_and_does_not_store_them(make_study, write_csv):
    first, second = make_study("ACC1"), make_study("ACC2")
    summary, lines = run(write_csv("Accession,Height,Weight\nACC1,1.72,abc\nACC2,400,650\n"))
    assert stored_size(first) == (None, None)
    assert stored_size(second) == (None, None)
    assert lines == [
        'Row 1: accession number ACC1: height "1.72" bad value (looks like metres; heights must be in cm), '
        'not stored; weight "abc" bad value (not a number), not stored',
        'Row 2: accession number ACC2: height "400" bad value (implausible for a height in cm), not stored; '
        'weight "650" bad value (implausible for a weight in kg), not stored',
    ]
    assert summary.bad_values == 4


def test_it_names_rows_with_no_matching_study_or_no_identifier(make_study, write_csv):
    make_study("ACC1")
    summary, lines = run(write_csv("Accession,Height,Weight\nNOPE,170,70\n,170,70\n"))
    assert lines == ["Row 1: accession number NOPE: no matching study", "Row 2: no accession number, skipped"]
    assert (summary.rows_no_match, summary.rows_no_identifier, summary.rows_done) == (1, 1, 2)


def test_a_blank_height_column_stores_only_weights(make_study, write_csv):
    study = make_study("ACC1")
    _, lines = run(write_csv("Accession,Height,Weight\nACC1,170,70\n"), height="")
    assert stored_size(study) == (None, Decimal("70.00"))
    assert lines == ["Row 1: accession number ACC1: height not given; weight 70.00 kg inserted"]


def test_it_matches_by_study_instance_uid(make_study, write_csv):
    study = make_study("ACC1", uid="1.2.3.4")
    other = make_study("1.2.3.4", uid="9.9.9")
    _, lines = run(write_csv("UID,Height,Weight\n1.2.3.4,170,70\n"), id_column="UID", id_type="si-uid")
    assert stored_size(study) == (Decimal("170.00"), Decimal("70.00"))
    assert stored_size(other) == (None, None)
    assert lines == ["Row 1: Study Instance UID 1.2.3.4: height 170.00 cm inserted; weight 70.00 kg inserted"]


def test_an_accession_number_shared_by_two_studies_fills_both_and_creates_missing_patient_study(make_study, write_csv):
    first = make_study("ACC1", uid="1.1", weight="60")
    second = make_study("ACC1", uid="1.2", patient_study=False)
    _, lines = run(write_csv("Accession,Height,Weight\nACC1,170,70\n"))
    assert stored_size(first) == (Decimal("170.00"), Decimal("60.00"))
    assert stored_size(second) == (Decimal("170.00"), Decimal("70.00"))
    assert lines == [
        "Row 1: accession number ACC1 (2 studies): study 1.1: height 170.00 cm inserted; weight already present "
        "(60.00 kg kept, 70.00 kg not stored); study 1.2: height 170.00 cm inserted; weight 70.00 kg inserted"
    ]


def test_it_leaves_the_dicom_height_and_weight_alone(make_study, write_csv):
    study = make_study("ACC1")
    PatientStudy.objects.filter(study=study).update(patient_size_m=Decimal("1.600"), patient_weight_kg=Decimal("55"))
    run(write_csv("Accession,Height,Weight\nACC1,170,70\n"))
    patient_study = PatientStudy.objects.get(study=study)
    assert (patient_study.patient_size_m, patient_study.patient_weight_kg) == (Decimal("1.600"), Decimal("55.00"))
    assert stored_size(study) == (Decimal("170.00"), Decimal("70.00"))


def test_it_looks_studies_up_in_batches_not_per_row(make_study, write_csv):
    for number in range(30):
        make_study(f"ACC{number}")
    rows = "".join(f"ACC{number},{150 + number},{50 + number}\n" for number in range(30))
    table = read_size_table(write_csv("Accession,Height,Weight\n" + rows), "Accession", "Height", "Weight")
    with CaptureQueriesContext(connection) as queries:
        apply_size_table(table, "accession", chunk_size=10)
    # Per chunk of 10: find studies, lock patient studies, one bulk update of the RIS values and one of the
    # effective height and weight (plus savepoint statements).
    data_queries = [q for q in queries.captured_queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))]
    assert len(data_queries) == 12
    assert PatientStudy.objects.filter(patient_height_cm_ris__isnull=False).count() == 30


def test_before_chunk_returning_false_stops_between_chunks(make_study, write_csv):
    studies = [make_study(f"ACC{number}") for number in range(4)]
    rows = "".join(f"ACC{number},170,70\n" for number in range(4))
    calls = []

    def before_chunk(first_row, total):
        calls.append((first_row, total))
        return first_row < 3

    summary, lines = run(write_csv("Accession,Height,Weight\n" + rows), chunk_size=2, before_chunk=before_chunk)
    assert calls == [(1, 4), (3, 4)]
    assert (summary.aborted, summary.rows_done) == (True, 2)
    assert [stored_size(study)[0] for study in studies] == [Decimal("170.00"), Decimal("170.00"), None, None]
