"""openrem_rdsr.py and the shared import runner: wildcards, recursion, summary, exit status, queue, workers."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from remapp import __version__
from remapp.models import GeneralStudy
from scripts._cli import Progress, expand_paths
from scripts.openrem_rdsr import main
from tests.conftest import corpus_file

CHECKOUT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def reports(tmp_path):
    """Two CT reports at the top, one in a sub-folder, one non-dose SR and a text file."""
    shutil.copy(corpus_file("CT-RDSR-Siemens-Multi-1.dcm"), tmp_path / "a.dcm")
    shutil.copy(corpus_file("CT-RDSR-Siemens-Continued-1.dcm"), tmp_path / "b.dcm")
    (tmp_path / "sub").mkdir()
    shutil.copy(corpus_file("CT-RDSR-Toshiba_DoseCheck.dcm"), tmp_path / "sub" / "c.dcm")
    shutil.copy(corpus_file("ESR_non-dose.dcm"), tmp_path / "sub" / "bad.dcm")
    (tmp_path / "sub" / "notes.txt").write_text("not dicom")
    return tmp_path


@pytest.mark.django_db
def test_it_expands_wildcards_itself_and_prints_a_summary(reports, capsys):
    status = main([str(reports / "*.dcm")])

    out, err = capsys.readouterr()
    assert status == 0
    assert out.startswith("imported 2, duplicates 0, rejected 0 in ")
    assert err == ""
    assert GeneralStudy.objects.count() == 2


@pytest.mark.django_db
def test_it_looks_into_sub_folders_only_when_asked(reports, capsys):
    assert main([str(reports)]) == 0
    assert capsys.readouterr().out.startswith("imported 2, duplicates 0, rejected 0")

    status = main(["-r", str(reports)])

    out, err = capsys.readouterr()
    assert status == 1
    assert out.startswith("imported 1, duplicates 2, rejected 2 in ")
    assert err.splitlines() == [
        f"{reports / 'sub' / 'bad.dcm'}: rejected: not an X-Ray Radiation Dose Report "
        "(document title: Diagnostic Imaging Report)",
        f"{reports / 'sub' / 'notes.txt'}: rejected: not a DICOM file (no DICOM file preamble and header)",
    ]


@pytest.mark.django_db
def test_a_name_that_matches_nothing_is_reported_and_fails(tmp_path, capsys):
    assert main([str(tmp_path / "missing*.dcm")]) == 1
    assert "missing*.dcm: no such file, folder or match" in capsys.readouterr().err


@pytest.mark.django_db
def test_queue_hands_each_file_to_the_task_and_returns(reports, capsys):
    status = main(["--queue", str(reports / "a.dcm"), str(reports / "b.dcm")])

    assert status == 0
    assert capsys.readouterr().out == "queued 2 files for import\n"
    # Tests run tasks eagerly, so the queued files were imported by the task.
    assert GeneralStudy.objects.count() == 2


def test_version_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"openrem_rdsr.py (OpenREM) {__version__}"


def test_it_runs_from_the_checkout_as_a_file(tmp_path):
    env = {**os.environ, "OPENREM_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "openremproject.settings"}
    result = subprocess.run(
        [sys.executable, "scripts/openrem_rdsr.py", "--version"], cwd=CHECKOUT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"openrem_rdsr.py (OpenREM) {__version__}"


def test_the_progress_bar_shows_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    plain, terminal = io.StringIO(), Terminal()
    for stream in (plain, terminal):
        progress = Progress(2, stream)
        progress.step("a.dcm")
        progress.step("b.dcm")
        progress.close()
    assert plain.getvalue() == ""
    assert "2/2" in terminal.getvalue()


def test_expand_paths_keeps_each_file_once(reports):
    paths, unmatched = expand_paths([str(reports / "a.dcm"), str(reports / "*.dcm"), str(reports / "nope")])
    assert paths == [reports / "a.dcm", reports / "b.dcm"]
    assert unmatched == [f"{reports / 'nope'}: no such file, folder or match"]


@pytest.mark.django_db
def test_an_empty_folder_is_reported_and_fails(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main([str(tmp_path / "empty")]) == 1
    out, err = capsys.readouterr()
    assert err == f"{tmp_path / 'empty'}: empty folder, no files to import\n"
    assert out.startswith("imported 0, duplicates 0, rejected 1 in ")


@pytest.mark.django_db
def test_a_folder_with_files_only_in_sub_folders_suggests_r(tmp_path, capsys):
    (tmp_path / "top" / "sub").mkdir(parents=True)
    (tmp_path / "top" / "sub" / "x.dcm").write_bytes(b"not read")
    assert main([str(tmp_path / "top")]) == 1
    out, err = capsys.readouterr()
    assert err == f"{tmp_path / 'top'}: no files here, only in sub-folders (add -r to import those)\n"
    assert out.startswith("imported 0, duplicates 0, rejected 1 in ")


@pytest.mark.django_db
def test_a_pattern_matching_only_empty_folders_is_reported(tmp_path, capsys):
    (tmp_path / "day1").mkdir()
    (tmp_path / "day2").mkdir()
    assert main(["--queue", str(tmp_path / "day*")]) == 1
    out, err = capsys.readouterr()
    assert err == f"{tmp_path / 'day*'}: matches only empty folders, no files to import\n"
    assert out == "queued 0 files for import\n"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="worker processes cannot see the in-memory SQLite test DB"
)
def test_workers_import_in_parallel_processes(reports, capsys):
    status = main(["--workers", "2", "-r", str(reports / "*.dcm"), str(reports / "sub" / "c.dcm")])

    assert status == 0
    assert capsys.readouterr().out.startswith("imported 3, duplicates 0, rejected 0")
    assert GeneralStudy.objects.count() == 3


@pytest.mark.django_db
def test_it_takes_only_dose_reports_and_names_what_else_it_was_given(tmp_path, capsys):
    image = tmp_path / "image.dcm"
    shutil.copy(corpus_file("DX-Im-GE_XR220-1.dcm"), image)

    status = main([str(image)])

    out, err = capsys.readouterr()
    assert status == 1
    assert err == (
        f"{image}: rejected: a radiography (DX/CR) image, not a radiation dose report: "
        "import it with openrem_dx.py or openrem_import.py\n"
    )
    assert GeneralStudy.objects.count() == 0


@pytest.mark.django_db
def test_a_queued_file_of_another_kind_is_refused_by_the_task_too(tmp_path, capsys):
    image = tmp_path / "image.dcm"
    shutil.copy(corpus_file("MG-Im-GE_Seno_1_ForPresentation.dcm"), image)

    assert main(["--queue", str(image)]) == 0  # queued: the worker decides, as the eager test task does here
    assert GeneralStudy.objects.count() == 0
