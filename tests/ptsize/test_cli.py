"""The command line: openrem_ptsizecsv.py [-h] [-u|--si-uid] [-v] csvfile id height weight."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from remapp import __version__
from scripts.openrem_ptsizecsv import main
from tests.ptsize.conftest import stored_size

CHECKOUT = Path(__file__).resolve().parents[2]
RIS = 'Patient name,Height (cm),"Accession No",Weight\r\nA B,172,ACC1,80\r\nC D,,ACC2,1.5\r\nE F,160,ACC9,60\r\n'


@pytest.mark.django_db
def test_it_imports_by_accession_and_prints_the_summary(make_study, write_csv, capsys):
    first, second = make_study("ACC1"), make_study("ACC2")
    assert main([str(write_csv(RIS)), "Accession No", "Height (cm)", "Weight"]) == 0
    assert stored_size(first) == (Decimal("172.00"), Decimal("80.00"))
    assert stored_size(second) == (None, Decimal("1.50"))
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == [
        "Rows processed: 3 of 3",
        "Rows matched to a study: 2",
        "Heights inserted: 1",
        "Weights inserted: 2",
    ]
    assert "Rows with no matching study: 1" in out


@pytest.mark.django_db
def test_verbose_prints_each_rows_outcome(make_study, write_csv, capsys):
    make_study("ACC1", height="170")
    assert main(["-v", str(write_csv(RIS)), "Accession No", "Height (cm)", ""]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "Row 1: accession number ACC1: height already present (170.00 cm kept, 172.00 cm not stored); weight not given",
        "Row 2: accession number ACC2: no matching study",
        "Row 3: accession number ACC9: no matching study",
    ]


@pytest.mark.django_db
def test_si_uid_matches_by_study_instance_uid(make_study, write_csv, capsys):
    study = make_study("ACC1", uid="1.2.840.99.1")
    path = write_csv("Study UID,Weight,Height\n1.2.840.99.1,75,180\n")
    assert main(["--si-uid", str(path), "Study UID", "Height", "Weight"]) == 0
    assert stored_size(study) == (Decimal("180.00"), Decimal("75.00"))


@pytest.mark.django_db
def test_a_bad_file_gives_one_line_and_changes_nothing(make_study, write_csv, capsys):
    study = make_study("ACC1")
    path = write_csv("Accession No,Height,Weight\nACC1,170,80,Ren\xe9\n".encode("latin-1"))
    assert main([str(path), "Accession No", "Height", "Weight"]) == 1
    assert capsys.readouterr().err == f"{path}: not UTF-8 text (byte 0xE9 on line 2); save it as 'CSV UTF-8'\n"
    assert stored_size(study) == (None, None)


@pytest.mark.django_db
def test_a_missing_column_gives_one_line_and_changes_nothing(make_study, write_csv, capsys):
    study = make_study("ACC1")
    path = write_csv(RIS)
    assert main([str(path), "Accession", "Height (cm)", "Weight"]) == 1
    assert capsys.readouterr().err.startswith(f'{path}: no column titled "Accession" for the identifier; the columns')
    assert stored_size(study) == (None, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"Accession No,Height,Weight\n", "the file has column titles but no data rows"),
        (b"PK\x03\x04xl/workbook.xml", "this is an Excel workbook or zip file, not CSV; save it as 'CSV UTF-8'"),
        (b"\x00\x01binary", "this is not a CSV text file (it contains binary data)"),
        (
            b"one column only\nACC1\n",
            "found only one column title; a patient-size CSV needs a title row with an identifier column "
            "and a height or weight column, separated by commas",
        ),
        (b"Accession No,Height,Weight\n" + b"ACC1,170,80\n" * 20, "more than 10 rows; split it into smaller files"),
    ],
    ids=["empty", "titles-only", "xlsx", "binary", "not-csv", "huge"],
)
def test_each_kind_of_bad_file_is_refused_and_changes_nothing(make_study, write_csv, capsys, settings, content, reason):
    settings.OPENREM_PATIENT_SIZE_MAX_ROWS = 10
    study = make_study("ACC1")
    path = write_csv(content)
    assert main([str(path), "Accession No", "Height", "Weight"]) == 1
    assert capsys.readouterr().err == f"{path}: {reason}\n"
    assert stored_size(study) == (None, None)


@pytest.mark.django_db
def test_a_missing_file_is_named(tmp_path, capsys):
    assert main([str(tmp_path / "nope.csv"), "id", "h", "w"]) == 1
    assert capsys.readouterr().err == f"{tmp_path / 'nope.csv'}: no such file\n"


def _run_from_checkout(*args, tmp_path):
    env = {**os.environ, "OPENREM_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "openremproject.settings"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "scripts/openrem_ptsizecsv.py", *args], cwd=CHECKOUT, env=env, capture_output=True, text=True
    )


def test_it_runs_from_the_checkout_and_prints_its_version(tmp_path):
    result = _run_from_checkout("--version", tmp_path=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"openrem_ptsizecsv.py {__version__}\n")


def test_from_the_checkout_it_says_to_migrate_a_database_that_never_was(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = _run_from_checkout(str(empty), "id", "h", "w", tmp_path=tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        f"openrem_ptsizecsv.py: the database {tmp_path / 'openrem.sqlite3'} is not migrated (it has no tables yet): "
        "run `python manage.py migrate`\n",
    )


def test_it_imports_into_a_real_database_when_run_from_the_checkout(tmp_path):
    env = {**os.environ, "OPENREM_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "openremproject.settings"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    python = [sys.executable]
    subprocess.run([*python, "manage.py", "migrate", "-v", "0"], cwd=CHECKOUT, env=env, check=True)
    create = (
        "from remapp.models import GeneralStudy as G; "
        "G.objects.create(study_instance_uid='1.2.9', accession_number='ACC1')"
    )
    subprocess.run([*python, "manage.py", "shell", "-c", create], cwd=CHECKOUT, env=env, check=True)
    csv_path = tmp_path / "ris.csv"
    csv_path.write_text(RIS)
    result = subprocess.run(
        [*python, "scripts/openrem_ptsizecsv.py", "-v", str(csv_path), "Accession No", "Height (cm)", "Weight"],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "Row 1: accession number ACC1: height 172.00 cm inserted; weight 80.00 kg inserted"
    )
    check = (
        "from remapp.models import PatientStudy as P; p = P.objects.get(); "
        "print(p.patient_height_cm_ris, p.patient_weight_kg_ris)"
    )
    shown = subprocess.run(
        [*python, "manage.py", "shell", "-c", check], cwd=CHECKOUT, env=env, capture_output=True, text=True
    )
    assert shown.stdout.splitlines()[-1] == "172.00 80.00"


def test_it_asks_for_all_four_arguments(tmp_path):
    result = _run_from_checkout("file.csv", "id", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "usage: openrem_ptsizecsv.py [-h] [-u] [-v] [--version] csvfile id height weight" in result.stderr.replace(
        "\n                            ", " "
    )
