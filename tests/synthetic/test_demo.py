"""The demo data set and the openrem_demo command: realistic spread, deterministic, and idempotent."""

from collections import Counter
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from pydicom import dcmread

from remapp.models import CtIrradiationEvent, GeneralStudy, IrradiationEventXRayData, UniqueEquipment
from remapp.synthetic.demo import MODALITIES, plan, write_demo

END = datetime(2026, 3, 1)


def test_the_plan_spreads_studies_over_sites_units_and_working_days():
    studies = list(plan(studies_per_modality=60, seed=1, end=END, days=120))
    assert Counter(modality for modality, *_ in studies) == {m: 60 for m in MODALITIES}
    for modality in MODALITIES:
        units = {unit.station_name for m, unit, *_ in studies if m == modality}
        sites = {unit.site for m, unit, *_ in studies if m == modality}
        assert len(units) >= 3 and len(sites) == 3, modality
    times = [header["study_datetime"] for *_, header, _rng in studies]
    assert min(times) > datetime(2025, 11, 1) and max(times) <= END
    assert all(8 <= t.hour < 18 for t in times)
    assert len({header["study_instance_uid"] for *_, header, _rng in studies}) == 240


def test_the_same_seed_writes_the_same_objects(tmp_path):
    first = [dcmread(f.path).SOPInstanceUID for f in write_demo(tmp_path / "a", 3, seed=5, end=END)]
    again = [dcmread(f.path).SOPInstanceUID for f in write_demo(tmp_path / "b", 3, seed=5, end=END)]
    other = [dcmread(f.path).SOPInstanceUID for f in write_demo(tmp_path / "c", 3, seed=6, end=END)]
    assert first == again
    assert not set(first) & set(other)


def test_the_demo_uses_every_kind_of_dose_object(tmp_path):
    kinds = {f.kind for f in write_demo(tmp_path, 25, seed=2, end=END)}
    assert kinds == {
        "ct_rdsr", "philips_ct_dose_screen", "rf_rdsr", "dx_rdsr", "dx_image", "mg_rdsr", "mammo_image",
    }  # fmt: skip


@pytest.mark.django_db
def test_the_command_imports_the_demo_and_a_second_run_adds_nothing(tmp_path):
    out = StringIO()
    call_command("openrem_demo", studies_per_modality=3, seed="t", folder=str(tmp_path), stdout=out, stderr=out)
    first = out.getvalue()
    counts = Counter(GeneralStudy.objects.values_list("modality", flat=True))
    ct_events, projection_events = CtIrradiationEvent.objects.count(), IrradiationEventXRayData.objects.count()
    units = UniqueEquipment.objects.count()

    out = StringIO()
    call_command("openrem_demo", studies_per_modality=3, seed="t", folder=str(tmp_path), stdout=out, stderr=out)
    second = out.getvalue()

    assert counts == {"CT": 3, "RF": 3, "DX": 3, "MG": 3}
    assert "rejected, e.g." not in first
    assert "Studies in the database: CT 3, RF 3, DX 3, MG 3." in first
    assert (CtIrradiationEvent.objects.count(), IrradiationEventXRayData.objects.count()) == (
        ct_events,
        projection_events,
    )
    assert UniqueEquipment.objects.count() == units
    assert Counter(GeneralStudy.objects.values_list("modality", flat=True)) == counts
    rows = [line.split() for line in second.splitlines() if line.split()[:1] and line.split()[0] in MODALITIES]
    assert rows and all(row[3] == "0" and row[4] == row[2] and row[5] == "0" for row in rows)


@pytest.mark.django_db
def test_the_command_rejects_a_negative_study_count(tmp_path):
    with pytest.raises(CommandError, match="--studies-per-modality must be 0 or more"):
        call_command("openrem_demo", studies_per_modality=-1, folder=str(tmp_path))


def test_a_rerun_reuses_the_files_of_the_same_seed(tmp_path):
    first = [f.path for f in write_demo(tmp_path, 2, seed=3, end=END)]
    stamps = {path: path.stat().st_mtime_ns for path in first}
    again = [f.path for f in write_demo(tmp_path, 2, seed=3, end=END)]
    assert again == first
    assert {path: path.stat().st_mtime_ns for path in again} == stamps


@pytest.mark.django_db
def test_once_loads_the_demo_into_a_data_folder_only_the_first_time(tmp_path, settings):
    settings.OPENREM_HOME = tmp_path
    out = StringIO()
    call_command("openrem_demo", "--once", studies_per_modality=1, seed="o", folder=str(tmp_path / "demo"), stdout=out)
    assert "Studies in the database: CT 1, RF 1, DX 1, MG 1." in out.getvalue()
    GeneralStudy.objects.filter(modality="CT").delete()  # a user removes a demo study

    out = StringIO()
    call_command("openrem_demo", "--once", studies_per_modality=1, seed="o", folder=str(tmp_path / "demo"), stdout=out)
    record = tmp_path / "demo_loaded.txt"
    loaded = record.read_text().strip()
    assert loaded.endswith(" (studies per modality: 1, seed: o)")
    assert out.getvalue() == (
        f"Demo data already loaded into this data folder on {loaded}; not loading it again "
        f"(to load it anyway, delete {record} or run openrem_demo without --once).\n"
    )
    assert sorted(GeneralStudy.objects.values_list("modality", flat=True)) == ["DX", "MG", "RF"]
