"""Radiography images saved as events of their study: stored values, DAP totals in any order, age."""

from decimal import Decimal

import pydicom
import pytest

from remapp.extractors.images import radiography as dx
from remapp.extractors.images.projection_save import age_from_dates
from remapp.models import AccumulatedIntegratedProjectionDose, GeneralStudy, IrradiationEventXRayData
from tests.conftest import corpus_file

pytestmark = pytest.mark.django_db

GE_FILES = ["DX-Im-GE_XR220-1.dcm", "DX-Im-GE_XR220-2.dcm", "DX-Im-GE_XR220-3.dcm"]


def _dataset(name):
    return pydicom.dcmread(corpus_file(name), stop_before_pixels=True)


def _import(name):
    return dx.import_dataset(_dataset(name), name)


@pytest.mark.parametrize("order", [GE_FILES, list(reversed(GE_FILES))])
def test_three_ge_exposures_make_one_study_with_the_dap_total(order):
    for name in order:
        assert _import(name).status.value == "imported"
    study = GeneralStudy.objects.get()
    assert (study.modality, study.number_of_events) == ("DX", 3)
    assert study.total_dap_gym2 == Decimal("0.0000328")  # (0.41 + 0.82 + 2.05) dGy.cm2
    assert study.station.display_name == "01234MOB54"
    assert study.patient_study.patient_age_years == Decimal("56")
    assert study.patient.patient_sex == "M"
    total = AccumulatedIntegratedProjectionDose.objects.get(accumulated_xray_dose__projection_xray_dose__study=study)
    assert (total.dose_area_product_total_gym2, total.total_number_of_radiographic_frames) == (Decimal("0.0000328"), 3)
    event = IrradiationEventXRayData.objects.get(study=study, irradiation_event_uid__endswith=".20.0")
    assert event.acquisition_protocol == "ABD_1_VIEW"
    assert event.anatomical_structure.code_meaning == "Abdomen"
    assert event.image_view.code_meaning == "antero-posterior"
    assert event.dose_area_product_gym2 == Decimal("0.0000041")
    assert (event.source.kvp, event.source.exposure_uas, event.source.xray_tube_current_ma) == (
        Decimal("69.639999"),
        Decimal("1040"),
        Decimal("189"),
    )
    assert (event.detector.exposure_index, event.detector.target_exposure_index, event.detector.deviation_index) == (
        Decimal("51.745061"),
        Decimal("438.469173"),
        Decimal("-9.3"),
    )


def test_carestream_drx_event_uses_its_irradiation_event_uid():
    outcome = _import("DX-Im-Carestream_DRX.dcm")
    study = GeneralStudy.objects.get(pk=outcome.study_id)
    assert study.total_dap_gym2 == Decimal("0.00000633")
    event = IrradiationEventXRayData.objects.get(study=study)
    assert event.irradiation_event_uid == "1.3.6.1.4.1.5962.99.1.886610039.3649959.1495535261815.5.0"
    assert event.detector.deviation_index == Decimal("0.55")
    assert event.detector.detector_id == "153430100419"


def test_kodak_cr_images_build_one_study_with_their_filters():
    _import("DX-Im-Carestream_DR7500-1.dcm")
    _import("DX-Im-Carestream_DR7500-2.dcm")
    study = GeneralStudy.objects.get()
    assert (study.modality, study.number_of_events) == ("DX", 2)
    assert study.total_dap_gym2 == Decimal("0.0002117")  # (11.013 + 10.157) dGy.cm2
    assert study.test_patient is True
    assert study.patient_study.patient_age_years == Decimal("0")  # no age field: from birth and study dates
    second = IrradiationEventXRayData.objects.get(study=study, source__exposure_uas=Decimal("9000"))
    filters = [
        (f.xray_filter_material.code_meaning, f.xray_filter_thickness_minimum_mm, f.xray_filter_thickness_maximum_mm)
        for f in second.source.filters.order_by("id")
    ]
    assert filters == [
        ("Aluminum or Aluminum compound", Decimal("0.94"), Decimal("1.06")),
        ("Copper or Copper compound", Decimal("0.194"), Decimal("0.206")),
    ]


def test_the_same_image_twice_is_a_duplicate():
    _import("DX-Im-GE_XR220-2.dcm")
    assert _import("DX-Im-GE_XR220-2.dcm").status == "duplicate"
    assert GeneralStudy.objects.get().number_of_events == 1


def test_age_is_computed_from_dates_when_the_age_field_is_missing():
    dataset = _dataset("DX-Im-GE_XR220-1.dcm")
    del dataset.PatientAge
    assert age_from_dates(dataset) == Decimal("56.882")  # born 1957-11-12, study 2014-09-30
    outcome = dx.import_dataset(dataset, "no-age.dcm")
    study = GeneralStudy.objects.get(pk=outcome.study_id)
    assert study.patient_study.patient_age_years == Decimal("56.882")
    assert study.patient.patient_birth_date is None  # not stored by default


def test_dx_for_processing_and_for_presentation_copies_count_once():
    from remapp.synthetic.images import dx_image

    shared = {"study_instance_uid": "1.2.826.0.1.3680043.8.498.501", "seed": "pair"}
    processing = dx_image(presentation="FOR PROCESSING", sop_instance_uid="1.2.826.0.1.3680043.8.498.502", **shared)
    presentation = dx_image(presentation="FOR PRESENTATION", sop_instance_uid="1.2.826.0.1.3680043.8.498.503", **shared)
    assert dx.import_dataset(presentation, "presentation.dcm").status == "imported"
    second = dx.import_dataset(processing, "processing.dcm")
    assert second.status == "duplicate"
    assert second.reason.startswith("same exposure as an image already imported")
    study = GeneralStudy.objects.get()
    assert (study.number_of_events, study.total_dap_gym2) == (1, Decimal("0.0000085"))  # 0.85 dGy.cm2
