"""Mammography images saved as events of their study: exact stored values, the processing/presentation pair
counted once, duplicates, and totals that do not depend on arrival order."""

from decimal import Decimal

import pydicom
import pytest

from remapp.extractors.images import mammography as mammo
from remapp.models import (
    AccumulatedMammographyXRayDose,
    DoseObject,
    GeneralStudy,
    IrradiationEventXRayData,
    ProjectionXRayRadiationDose,
)
from tests.conftest import corpus_file

pytestmark = pytest.mark.django_db

GE_STUDY_UID = "1.3.6.1.4.1.5962.99.1.1270844358.1571783457.1525984267206.3.0"
GE_FILES = [
    "MG-Im-GE_Seno_1_ForProcessing.dcm",
    "MG-Im-GE_Seno_1_ForPresentation.dcm",
    "MG-Im-GE_Seno_2_ForPresentation.dcm",
]


def _import(name):
    path = corpus_file(name)
    return mammo.import_dataset(pydicom.dcmread(path, stop_before_pixels=True), str(path))


def _import_all(names):
    outcomes = [_import(name) for name in names]
    return [o.status.value if o.status == "imported" else f"{o.status}: {o.reason}" for o in outcomes]


def test_it_stores_a_ge_image_as_one_event_of_its_study():
    outcome = _import("MG-Im-GE_Seno_1_ForProcessing.dcm")
    study = GeneralStudy.objects.get(study_instance_uid=GE_STUDY_UID)
    assert (outcome.status.value, outcome.modality, outcome.study_id) == ("imported", "MG", study.pk)
    assert study.modality == "MG"
    assert study.number_of_events == 1
    assert study.total_agd_mgy == Decimal("0.547")
    assert study.total_agd_left_mgy == Decimal("0.547")
    assert study.total_agd_right_mgy is None
    assert study.accession_number == "1320419306092891"
    assert study.station.display_name == "MAMMOGE"
    assert study.patient_study.patient_age == "001D"
    event = IrradiationEventXRayData.objects.get(study=study)
    assert event.irradiation_event_uid == "1.3.6.1.4.1.5962.99.1.1270844358.1571783457.1525984267206.2.0"
    assert event.laterality.code_meaning == "Left"
    assert event.image_view.code_meaning == "cranio-caudal"
    assert event.presentation_intent == "FOR PROCESSING"
    assert event.entrance_exposure_at_rp_mgy == Decimal("1.694")
    assert event.source.kvp == Decimal("26")
    assert event.source.exposure_uas == Decimal("20800")
    assert event.source.exposure_time_ms == Decimal("206")
    assert event.source.average_glandular_dose_mgy == Decimal("0.547")
    assert event.source.anode_target_material.code_meaning == "Molybdenum or Molybdenum compound"
    assert [f.xray_filter_material.code_meaning for f in event.source.filters.all()] == [
        "Molybdenum or Molybdenum compound"
    ]
    assert event.mechanical.compression_thickness_mm == Decimal("20")
    assert event.mechanical.compression_force_n == Decimal("30")
    assert event.mechanical.distances.distance_source_to_detector_mm == Decimal("660")
    assert event.detector.detector_id == "PM980_03"


@pytest.mark.parametrize("order", [GE_FILES, list(reversed(GE_FILES)), [GE_FILES[1], GE_FILES[2], GE_FILES[0]]])
def test_processing_and_presentation_copies_count_once_in_any_order(order):
    outcomes = _import_all(order)
    assert sum(o == "imported" for o in outcomes) == 2
    assert [o for o in outcomes if o != "imported"] == [
        "duplicate: same exposure as an image already imported (irradiation event "
        "1.3.6.1.4.1.5962.99.1.1270844358.1571783457.1525984267206.2.0)"
    ]
    study = GeneralStudy.objects.get(study_instance_uid=GE_STUDY_UID)
    assert study.number_of_events == 2
    assert study.total_agd_mgy == Decimal("1.956")  # 0.547 + 1.409
    assert study.total_agd_left_mgy == Decimal("1.956")
    assert DoseObject.objects.filter(study=study).count() == 2
    report = ProjectionXRayRadiationDose.objects.get(study=study)
    assert report.dose_object is None
    assert report.source_of_dose_information.code_meaning == "Computed From Image Attributes"
    accumulated = AccumulatedMammographyXRayDose.objects.get(accumulated_xray_dose__projection_xray_dose=report)
    assert (accumulated.laterality.code_meaning, accumulated.accumulated_average_glandular_dose_mgy) == (
        "Left breast",
        Decimal("1.956"),
    )
    assert str(report.start_of_xray_irradiation.astimezone().replace(tzinfo=None))[:10] == "2013-04-12"


def test_the_same_image_twice_is_a_duplicate_and_changes_nothing():
    _import("MG-Im-GE_Seno_2_ForPresentation.dcm")
    again = _import("MG-Im-GE_Seno_2_ForPresentation.dcm")
    assert (again.status, again.reason) == (
        "duplicate",
        "SOP Instance UID 1.3.6.1.4.1.5962.99.1.1270844358.1571783457.1525984267206.13.0 already imported",
    )
    study = GeneralStudy.objects.get(study_instance_uid=GE_STUDY_UID)
    assert study.number_of_events == 1
    assert study.total_agd_mgy == Decimal("1.409")


def test_unlinked_copies_with_the_same_exposure_values_count_once():
    first = pydicom.dcmread(corpus_file("MG-Im-GE_Seno_1_ForProcessing.dcm"), stop_before_pixels=True)
    second = pydicom.dcmread(corpus_file("MG-Im-GE_Seno_1_ForPresentation.dcm"), stop_before_pixels=True)
    del second.SourceImageSequence  # a unit that does not link the copies by UID
    mammo.import_dataset(first, "first.dcm")
    outcome = mammo.import_dataset(second, "second.dcm")
    assert outcome.status == "duplicate"
    assert outcome.reason.startswith("same exposure as an image already imported")
    assert IrradiationEventXRayData.objects.count() == 1


def test_it_stores_the_hologic_projection_object_as_a_tomosynthesis_event():
    outcome = _import("MG-Im-Hologic-PropProj.dcm")
    study = GeneralStudy.objects.get(pk=outcome.study_id)
    assert (study.modality, study.number_of_events) == ("MG", 1)
    assert study.total_agd_mgy == Decimal("0.26")
    assert study.total_agd_right_mgy == Decimal("0.26")
    assert study.patient_study.patient_age_years == Decimal("100")
    assert study.test_patient is True  # 'phy' in the patient ID
    event = IrradiationEventXRayData.objects.get(study=study)
    assert event.irradiation_event_type.code_meaning == "Rotational Acquisition"
    assert event.laterality.code_meaning == "Right"
    assert event.source.number_of_pulses == Decimal("15")
    assert event.source.kvp == Decimal("28")
    assert event.source.anode_target_material.code_meaning == "Tungsten or Tungsten compound"
    assert event.mechanical.positioner_primary_angle_deg == Decimal("-7.66")
    assert event.mechanical.positioner_primary_end_angle_deg == Decimal("7.56")
    assert event.half_value_layer_mm == Decimal("0.479")


def test_scaled_senographe_image_imports_with_its_age_and_totals():
    outcome = _import("MG-Im-GE-SenDS-scaled.dcm")
    study = GeneralStudy.objects.get(pk=outcome.study_id)
    assert study.total_agd_left_mgy == Decimal("1.373")
    assert study.patient_study.patient_age_years == Decimal("0.003")  # 001D
    assert study.equipment.institution_name == "中心医院"


def _study_with_a_dose_report(study_uid, sop_class_uid="1.2.840.10008.5.1.4.1.1.88.67"):
    study = GeneralStudy.objects.create(study_instance_uid=study_uid)
    report_object = DoseObject.objects.create(
        study=study, sop_instance_uid="1.2.826.0.1.3680043.8.498.77", sop_class_uid=sop_class_uid
    )
    return study, report_object


def test_an_image_of_a_study_with_a_dose_report_is_not_counted_again():
    study, report_object = _study_with_a_dose_report(GE_STUDY_UID)
    ProjectionXRayRadiationDose.objects.create(study=study, dose_object=report_object)
    outcome = _import("MG-Im-GE_Seno_2_ForPresentation.dcm")
    assert (outcome.status, outcome.reason) == (
        "duplicate",
        "the study has a radiation dose report (RDSR), which covers this exposure",
    )
    assert IrradiationEventXRayData.objects.count() == 0
    assert DoseObject.objects.count() == 1


def test_a_dose_report_arriving_after_the_images_can_drop_the_image_record():
    from remapp.extractors.images.projection_save import drop_image_records
    from remapp.extractors.study.summary import refresh_study_summary

    _import_all(GE_FILES)
    study = GeneralStudy.objects.get(study_instance_uid=GE_STUDY_UID)
    assert drop_image_records(study) == 2
    refresh_study_summary(study, "MG")
    study.refresh_from_db()
    assert (study.number_of_events, study.total_agd_mgy) == (0, None)
    assert DoseObject.objects.filter(study=study).count() == 2  # re-sent images are still known
    assert _import("MG-Im-GE_Seno_2_ForPresentation.dcm").status == "duplicate"


@pytest.mark.parametrize(
    "name, mode, description",
    [
        ("MG-Im-GE_Seno_1_ForPresentation.dcm", "AUTOMATIC", "AOP standard RECTANGLE 822 mm 190 mm 180 mm 240 mm"),
        ("MG-Im-Hologic-PropProj.dcm", "MANUAL", "Manual"),
    ],
)
def test_it_stores_the_exposure_control_mode_and_its_description(name, mode, description):
    _import(name)
    source = IrradiationEventXRayData.objects.get().source

    assert source.exposure_control_mode == mode
    assert source.exposure_control_mode_description.startswith(description)
