"""Header parsing and the shared save helpers."""

import datetime as dt
import hashlib
import hmac
from decimal import Decimal

import pydicom
import pytest
from django.db import transaction
from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.extractors.study.header import parse_header
from remapp.extractors.study.rows import coded_concept, fit_to_fields
from remapp.extractors.study.save import DuplicateObject, save_header
from remapp.extractors.study.summary import refresh_study_summary
from remapp.models import CodedConcept, CtIrradiationEvent, CtRadiationDose, GeneralStudy, Patient, UniqueEquipment
from tests.conftest import corpus_file

pytestmark = pytest.mark.django_db


def _dataset(**values) -> Dataset:
    ds = Dataset()
    ds.StudyInstanceUID = "1.2.3.4"
    ds.SOPInstanceUID = "1.2.3.4.5"
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.88.67"
    for keyword, value in values.items():
        setattr(ds, keyword, value)
    return ds


def test_it_parses_the_header_modules_of_a_real_report():
    header = parse_header(pydicom.dcmread(corpus_file("CT-RDSR-Toshiba_MultiValSD.dcm")))

    assert header.study.study_date == dt.date(2018, 1, 5)
    assert header.study.study_time == dt.time(11, 1, 45)
    assert header.study.accession_number == "8886221439198526"
    assert header.study.study_description == "CT Chest With Contrast"
    assert header.equipment.manufacturer == "TOSHIBA"
    assert header.equipment.station_name == "AquilionOne"
    assert header.equipment.software_versions == "V8.30ER004"
    assert header.dose_object.content_datetime == dt.datetime(2018, 1, 5, 11, 7, 38)


def test_the_name_is_kept_only_for_matching_and_never_shown():
    header = parse_header(_dataset(PatientName="Physics^QA Phantom", PatientID="12345"))

    assert header.patient.name_to_match == "Physics^QA Phantom"
    assert "Physics" not in repr(header)


def test_patient_id_and_birth_date_are_not_stored_by_default(settings):
    settings.OPENREM_STORE_PATIENT_ID = False
    settings.OPENREM_STORE_BIRTH_DATE = False
    header = parse_header(_dataset(PatientID="ABC123", PatientBirthDate="19700101", PatientSex="F"))

    assert (header.patient.patient_id, header.patient.birth_date, header.patient.sex) == ("", None, "F")


def test_patient_id_is_stored_hashed_when_asked(settings):
    settings.OPENREM_STORE_PATIENT_ID = True
    settings.OPENREM_HASH_PATIENT_ID = True
    settings.OPENREM_STORE_BIRTH_DATE = True
    header = parse_header(_dataset(PatientID="ABC123", PatientBirthDate="19700101"))

    key = (settings.OPENREM_HOME / "patient_id_key").read_bytes().strip()
    assert header.patient.patient_id == hmac.new(key, b"ABC123", hashlib.sha256).hexdigest()
    assert header.patient.patient_id != hashlib.sha256(b"ABC123").hexdigest()  # unkeyed: reversible by trying IDs
    assert (header.patient.patient_id_is_hashed, header.patient.patient_id_hash_method) == (True, "hmac-sha256")
    assert header.patient.birth_date == dt.date(1970, 1, 1)


def test_the_patient_id_key_can_come_from_the_environment_and_is_not_the_secret_key(settings, monkeypatch):
    from remapp import patient_ids

    settings.OPENREM_STORE_PATIENT_ID = True
    settings.OPENREM_HASH_PATIENT_ID = True
    monkeypatch.setenv("OPENREM_PATIENT_ID_KEY", "site-key-1")
    monkeypatch.setattr(patient_ids, "_key", {})

    stored = parse_header(_dataset(PatientID="ABC123")).patient.patient_id

    assert stored == hmac.new(b"site-key-1", b"ABC123", hashlib.sha256).hexdigest()
    assert stored != hmac.new(settings.SECRET_KEY.encode(), b"ABC123", hashlib.sha256).hexdigest()


def test_patient_id_is_stored_plain_when_hashing_is_off(settings):
    settings.OPENREM_STORE_PATIENT_ID = True
    settings.OPENREM_HASH_PATIENT_ID = False
    assert parse_header(_dataset(PatientID="ABC123")).patient.patient_id == "ABC123"


def test_save_header_creates_one_study_and_reports_a_duplicate_object():
    header = parse_header(
        _dataset(PatientName="Test^Patient", PatientAge="045Y", StationName="CT1", StudyDate="20240102")
    )
    with transaction.atomic():
        saved = save_header(header, "a.dcm")
    study, dose_object = saved.study, saved.dose_object

    assert study.test_patient and study.test_patient_indicator == "Patient name matches TEST PATIENT*"
    assert study.patient_study.patient_age_years == Decimal("45.000")
    assert study.equipment.unique_equipment.display_name == "CT1"
    assert dose_object.source_file_name == "a.dcm"
    with pytest.raises(DuplicateObject), transaction.atomic():
        save_header(header, "again.dcm")
    assert GeneralStudy.objects.count() == 1


def test_a_second_object_of_the_study_reuses_the_study_and_fills_its_blanks():
    with transaction.atomic():
        first = save_header(parse_header(_dataset(StationName="CT1"))).study
    later = _dataset(StationName="CT1", AccessionNumber="ACC1")
    later.SOPInstanceUID = "1.2.3.4.6"
    with transaction.atomic():
        second = save_header(parse_header(later)).study

    assert second.pk == first.pk
    assert GeneralStudy.objects.get().accession_number == "ACC1"
    assert UniqueEquipment.objects.count() == 1
    assert Patient.objects.count() == 1


def test_equipment_without_station_name_is_named_by_institution_and_model():
    with transaction.atomic():
        study = save_header(
            parse_header(_dataset(InstitutionName="City Hospital", ManufacturerModelName="Aquilion"))
        ).study
    assert study.equipment.unique_equipment.display_name == "City Hospital Aquilion"


def test_coded_concepts_are_stored_once():
    memo = {}
    first = coded_concept(Code("113805", "DCM", "Constant Angle Acquisition"), memo)
    second = coded_concept(Code("113805", "DCM", "Constant Angle Acquisition"), memo)
    assert first.pk == second.pk
    assert CodedConcept.objects.filter(code_value="113805").count() == 1
    assert coded_concept(None) is None


def test_fit_to_fields_clips_text_and_drops_numbers_that_cannot_fit():
    event = CtIrradiationEvent(acquisition_protocol="x" * 300 + "\x00", mean_ctdivol_mgy=Decimal("1E20"))
    fit_to_fields(event)
    assert event.acquisition_protocol == "x" * 256
    assert event.mean_ctdivol_mgy is None


def test_the_summary_is_recomputed_from_the_events():
    with transaction.atomic():
        saved = save_header(parse_header(_dataset()))
    study, dose_object = saved.study, saved.dose_object
    report = CtRadiationDose.objects.create(study=study, dose_object=dose_object)
    for uid, ctdi, dlp in (("1", "2.5", "100.25"), ("2", "10.75", "300"), ("3", None, None)):
        CtIrradiationEvent.objects.create(
            ct_radiation_dose=report,
            study=study,
            irradiation_event_uid=uid,
            mean_ctdivol_mgy=None if ctdi is None else Decimal(ctdi),
            dlp_mgycm=None if dlp is None else Decimal(dlp),
        )

    refresh_study_summary(study)

    study.refresh_from_db()
    assert study.modality == "CT"
    assert study.number_of_events == 3
    assert study.total_dlp_mgycm == Decimal("400.25")
    assert study.max_ctdivol_mgy == Decimal("10.75")
    assert study.total_dap_gym2 is None
    assert study.station_id == study.equipment.unique_equipment_id


def test_an_imported_study_takes_its_dicom_height_and_weight_as_its_effective_size():
    from remapp.extractors.router import import_dataset
    from remapp.models import PatientStudy
    from remapp.synthetic import ct_rdsr

    outcome = import_dataset(ct_rdsr(seed=21, patient_size_m=1.74, patient_weight_kg=0), "sized.dcm")
    row = PatientStudy.objects.get(study_id=outcome.study_id)

    assert (row.height_m, row.height_source) == (Decimal("1.740"), "dicom")
    assert (row.weight_kg, row.weight_source) == (None, "")  # a weight of 0 means the unit did not know it
