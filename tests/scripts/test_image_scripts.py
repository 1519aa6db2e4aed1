"""The image import scripts: the shared command-line behaviour over real files, and the whole corpus at once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from remapp.models import GeneralStudy, IrradiationEventXRayData
from scripts import openrem_ctphilips, openrem_dx, openrem_import, openrem_mg

pytestmark = pytest.mark.django_db
CHECKOUT = Path(__file__).resolve().parents[2]


def test_openrem_mg_imports_the_mammography_images_with_a_summary(corpus_dir, capsys):
    status = openrem_mg.main([str(corpus_dir / "MG-Im-*.dcm")])
    out, err = capsys.readouterr()
    assert status == 0
    assert out.startswith("imported 4, duplicates 1, rejected 0 in ")
    assert err == ""
    assert IrradiationEventXRayData.objects.count() == 4
    assert set(GeneralStudy.objects.values_list("modality", flat=True)) == {"MG"}


def test_openrem_dx_reports_a_file_of_no_supported_kind_and_exits_1(corpus_dir, capsys):
    status = openrem_dx.main([str(corpus_dir / "DX-Im-GE_XR220-*.dcm"), str(corpus_dir / "ESR_non-dose.dcm")])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.startswith("imported 3, duplicates 0, rejected 1 in ")
    assert err == (
        f"{corpus_dir / 'ESR_non-dose.dcm'}: rejected: not an X-Ray Radiation Dose Report "
        "(document title: Diagnostic Imaging Report)\n"
    )
    assert GeneralStudy.objects.get().total_dap_gym2 is not None


@pytest.mark.parametrize(
    "script, name, message",
    [
        (
            openrem_mg,
            "CT-RDSR-Siemens-Multi-1.dcm",
            "a radiation dose report, not a mammography image: import it with openrem_rdsr.py or openrem_import.py",
        ),
        (
            openrem_dx,
            "MG-Im-Hologic-PropProj.dcm",
            "a mammography image, not a radiography (DX/CR) image: import it with openrem_mg.py or openrem_import.py",
        ),
        (
            openrem_ctphilips,
            "DX-Im-GE_XR220-1.dcm",
            "a radiography (DX/CR) image, not a Philips CT dose screen: "
            "import it with openrem_dx.py or openrem_import.py",
        ),
    ],
)
def test_each_per_type_script_takes_only_its_own_kind(corpus_dir, capsys, script, name, message):
    status = script.main([str(corpus_dir / name)])
    out, err = capsys.readouterr()

    assert status == 1
    assert err == f"{corpus_dir / name}: rejected: {message}\n"
    assert out.startswith("imported 0, duplicates 0, rejected 1 in ")
    assert GeneralStudy.objects.count() == 0


def test_openrem_ctphilips_imports_the_dose_screen_and_then_calls_it_a_duplicate(corpus_dir, capsys):
    screen = str(corpus_dir / "CT-SC-Philips_Brilliance16P.dcm")
    assert openrem_ctphilips.main([screen]) == 0
    assert openrem_ctphilips.main([screen]) == 0
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("imported 1, duplicates 0, rejected 0")
    assert lines[1].startswith("imported 0, duplicates 1, rejected 0")
    assert GeneralStudy.objects.get().number_of_events == 4


def test_openrem_import_takes_the_whole_corpus_folder_in_one_go(corpus_dir, capsys):
    dicom_files = sorted(p.name for p in corpus_dir.glob("*.dcm"))
    status = openrem_import.main([str(corpus_dir)])
    out, err = capsys.readouterr()
    assert status == 1  # the non-dose SR and the README are rejected
    # Duplicates: the For Processing copy of GE exposure 1, and the Siemens-Zee "adjusted" report that
    # repeats the SOP Instance UID of RF-RDSR-Siemens-Zee.dcm.
    assert out.startswith(f"imported {len(dicom_files) - 3}, duplicates 2, rejected 2 in ")
    assert sorted(line.split(": ")[0] for line in err.splitlines()) == [
        str(corpus_dir / "ESR_non-dose.dcm"),
        str(corpus_dir / "README.md"),
    ]
    modalities = sorted(GeneralStudy.objects.values_list("modality", flat=True).distinct())
    assert modalities == ["CT", "DX", "MG", "RF"]


@pytest.mark.parametrize("script", ["openrem_mg.py"])
def test_scripts_run_as_files_from_the_checkout(script, corpus_dir, tmp_path):
    env = {**os.environ, "OPENREM_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "openremproject.settings"}
    env.pop("DATABASE_URL", None)  # a throwaway SQLite database under tmp_path
    subprocess.run([sys.executable, str(CHECKOUT / "manage.py"), "migrate", "-v0"], env=env, check=True, cwd=tmp_path)
    done = subprocess.run(
        [sys.executable, str(CHECKOUT / "scripts" / script), str(corpus_dir / "MG-Im-GE_Seno_2_ForPresentation.dcm")],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported 1, duplicates 0, rejected 0 in ")


def test_the_import_task_takes_an_image_of_any_supported_kind(corpus_dir):
    from remapp.tasks import import_dicom_file

    result = import_dicom_file.delay(str(corpus_dir / "MG-Im-Hologic-PropProj.dcm")).get()
    assert (result["status"], result["modality"], result["reason"]) == ("imported", "MG", "")
    assert GeneralStudy.objects.get(pk=result["study_id"]).number_of_events == 1
