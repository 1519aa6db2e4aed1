"""Every generator: valid Part 10 files that read back, right SOP classes, deterministic, controllable header."""

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from pydicom import dcmread
from pydicom.uid import ExplicitVRLittleEndian

import remapp.synthetic as synthetic

ROOT = Path(__file__).resolve().parent.parent.parent

GENERATORS = {
    "ct_rdsr": (synthetic.ct_rdsr, "1.2.840.10008.5.1.4.1.1.88.67", "SR"),
    "rf_rdsr": (synthetic.rf_rdsr, "1.2.840.10008.5.1.4.1.1.88.67", "SR"),
    "dx_rdsr": (synthetic.dx_rdsr, "1.2.840.10008.5.1.4.1.1.88.67", "SR"),
    "mg_rdsr": (synthetic.mg_rdsr, "1.2.840.10008.5.1.4.1.1.88.67", "SR"),
    "mammo_image": (synthetic.mammo_image, "1.2.840.10008.5.1.4.1.1.1.2", "MG"),
    "dx_image": (synthetic.dx_image, "1.2.840.10008.5.1.4.1.1.1.1", "DX"),
    "philips_ct_dose_screen": (synthetic.philips_ct_dose_screen, "1.2.840.10008.5.1.4.1.1.7", "CT"),
}


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_it_writes_a_part10_file_that_reads_back_unchanged(kind, tmp_path):
    generate, sop_class, modality = GENERATORS[kind]
    dataset = generate(seed=7)
    path = synthetic.write(dataset, tmp_path / "sub" / f"{kind}.dcm")

    with open(path, "rb") as handle:
        assert handle.read(132)[128:] == b"DICM"
    read = dcmread(path)
    assert read.SOPClassUID == sop_class
    assert read.file_meta.MediaStorageSOPClassUID == sop_class
    assert read.file_meta.MediaStorageSOPInstanceUID == read.SOPInstanceUID == dataset.SOPInstanceUID
    assert read.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    assert read.Modality == modality
    assert read == dataset


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_uids(kind, tmp_path):
    generate = GENERATORS[kind][0]
    first = synthetic.write(generate(seed=11), tmp_path / "a.dcm").read_bytes()
    again = synthetic.write(generate(seed=11), tmp_path / "b.dcm").read_bytes()
    other = generate(seed=12)

    assert first == again
    assert other.SOPInstanceUID != dcmread(tmp_path / "a.dcm").SOPInstanceUID
    assert other.StudyInstanceUID != dcmread(tmp_path / "a.dcm").StudyInstanceUID


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_it_takes_study_patient_and_equipment_values(kind):
    generate = GENERATORS[kind][0]
    dataset = generate(
        seed=1,
        study_instance_uid="1.2.826.0.1.3680043.10.1.1",
        accession_number="ACC42",
        study_datetime=datetime(2025, 6, 3, 14, 5, 9),
        study_description="Exact description",
        institution_name="St Elsewhere",
        manufacturer="ACME",
        manufacturer_model_name="Ray 9",
        station_name="ROOM7",
        patient_name="PHYSICS^TEST",
        patient_id="QA001",
        patient_age="067Y",
        patient_sex="M",
        patient_birth_date=date(1958, 2, 1),
        patient_weight_kg=81.5,
    )
    assert dataset.StudyInstanceUID == "1.2.826.0.1.3680043.10.1.1"
    assert dataset.AccessionNumber == "ACC42"
    assert (dataset.StudyDate, dataset.StudyTime) == ("20250603", "140509")
    assert dataset.StudyDescription == "Exact description"
    assert (dataset.InstitutionName, dataset.Manufacturer) == ("St Elsewhere", "ACME")
    assert (dataset.ManufacturerModelName, dataset.StationName) == ("Ray 9", "ROOM7")
    assert (str(dataset.PatientName), dataset.PatientID) == ("PHYSICS^TEST", "QA001")
    assert (dataset.PatientAge, dataset.PatientSex, dataset.PatientBirthDate) == ("067Y", "M", "19580201")
    assert str(dataset.PatientWeight) == "81.5"


def test_it_rejects_an_unknown_header_value():
    with pytest.raises(TypeError, match="unknown header value.*hospital"):
        synthetic.ct_rdsr(hospital="typo")


def test_it_rejects_an_unknown_short_code_name():
    with pytest.raises(ValueError, match="unknown target region 'elbowz'"):
        synthetic.ct_rdsr(events=[synthetic.CtEvent(target_region="elbowz")])


def test_images_of_one_study_differ_by_instance_number():
    first = synthetic.dx_image(seed=3, instance_number=1)
    second = synthetic.dx_image(seed=3, instance_number=2)
    assert first.StudyInstanceUID == second.StudyInstanceUID
    assert first.SOPInstanceUID != second.SOPInstanceUID


def test_uids_are_valid_dicom_uids():
    dataset = synthetic.ct_rdsr(seed="any string seed")
    for uid in (dataset.StudyInstanceUID, dataset.SeriesInstanceUID, dataset.SOPInstanceUID):
        assert uid.is_valid
        assert len(uid) <= 64


def test_the_generator_needs_only_pydicom():
    code = "import sys, remapp.synthetic, remapp.synthetic.demo; print(sorted({m.split('.')[0] for m in sys.modules}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "django" not in result.stdout
    assert "pydicom" in result.stdout
