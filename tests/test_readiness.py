"""Every command-line entry point says, in one line, when the database is not migrated, and what to run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.migrations.recorder import MigrationRecorder

from remapp.models import GeneralStudy
from remapp.readiness import database_problem
from scripts import openrem_ctphilips, openrem_dx, openrem_import, openrem_mg, openrem_ptsizecsv, openrem_rdsr

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
MIGRATE = "run `python manage.py migrate`"
SCRIPTS = {
    "openrem_import.py": openrem_import,
    "openrem_rdsr.py": openrem_rdsr,
    "openrem_mg.py": openrem_mg,
    "openrem_dx.py": openrem_dx,
    "openrem_ctphilips.py": openrem_ctphilips,
}


@pytest.fixture
def one_migration_unapplied():
    """The test database as if the newest OpenREM migration had not been run (undone when the test ends)."""
    MigrationRecorder.Migration.objects.filter(app="remapp").order_by("-name").first().delete()


def _never_migrated_env(tmp_path: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    env.update(OPENREM_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="openremproject.settings", SECRET_KEY="test")
    return env


def test_a_migrated_database_has_no_problem():
    assert database_problem() is None


def test_it_counts_the_unapplied_migrations(one_migration_unapplied):
    problem = database_problem()
    assert problem.startswith("the database ")
    assert problem.endswith(f" has 1 unapplied migration: {MIGRATE}")


@pytest.mark.parametrize("prog", sorted(SCRIPTS))
def test_each_import_script_refuses_an_unmigrated_database_in_one_line(prog, one_migration_unapplied, tmp_path, capsys):
    dicom_file = tmp_path / "a.dcm"
    dicom_file.write_bytes(b"not read")
    assert SCRIPTS[prog].main([str(dicom_file)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{prog}: {database_problem()}\n"
    assert GeneralStudy.objects.count() == 0


def test_the_patient_size_script_refuses_an_unmigrated_database_in_one_line(one_migration_unapplied, tmp_path, capsys):
    csv_file = tmp_path / "ris.csv"
    csv_file.write_text("Accession,Height,Weight\r\nACC1,170,70\r\n")
    assert openrem_ptsizecsv.main([str(csv_file), "Accession", "Height", "Weight"]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"openrem_ptsizecsv.py: {database_problem()}\n")


@pytest.mark.parametrize(
    "command, arguments",
    [
        ("openrem_export", ["ct", "-o", "{tmp}/ct.csv"]),
        ("openrem_demo", ["--studies-per-modality", "1", "--folder", "{tmp}/demo"]),
        ("openrem_benchdata", ["1"]),
        ("openrem_createadmin", ["--username", "boss", "--password", "s3cret-pass"]),
        ("openrem_storescp", ["--bind", "127.0.0.1", "--port", "0", "--holding", "{tmp}/holding"]),
    ],
)
def test_each_data_command_refuses_an_unmigrated_database(command, arguments, one_migration_unapplied, tmp_path):
    arguments = [argument.replace("{tmp}", str(tmp_path)) for argument in arguments]
    with pytest.raises(CommandError) as refused:
        call_command(command, *arguments)
    assert str(refused.value) == database_problem()
    assert list(tmp_path.iterdir()) == []
    assert GeneralStudy.objects.count() == 0


def test_a_script_on_a_database_never_migrated_says_to_migrate(tmp_path):
    result = subprocess.run(
        [sys.executable, "scripts/openrem_import.py", str(tmp_path)],
        cwd=ROOT,
        env=_never_migrated_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    database = tmp_path / "openrem.sqlite3"
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"openrem_import.py: the database {database} is not migrated (it has no tables yet): {MIGRATE}\n",
    )


def test_a_command_on_a_database_never_migrated_says_to_migrate(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "openrem_export", "ct", "-o", str(tmp_path / "ct.csv")],
        cwd=ROOT,
        env=_never_migrated_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    database = tmp_path / "openrem.sqlite3"
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"CommandError: the database {database} is not migrated (it has no tables yet): {MIGRATE}\n",
    )
    assert not (tmp_path / "ct.csv").exists()
