"""Each generated kind imports through the real router, and the database holds exactly the values put in."""

from decimal import Decimal

import pytest

import remapp.synthetic as synthetic
from remapp.extractors import Status
from remapp.extractors.router import import_path
from remapp.models import (
    CtAccumulatedDose,
    CtIrradiationEvent,
    GeneralStudy,
    IrradiationEventXRayData,
)
from remapp.synthetic import CtEvent, CtSource, PhilipsSeries, ProjectionEvent, surview

pytestmark = pytest.mark.django_db


def _import(dataset, tmp_path, name="object.dcm"):
    path = synthetic.write(dataset, tmp_path / name)
    outcome = import_path(path)
    assert outcome.status == Status.IMPORTED, outcome.line()
    return GeneralStudy.objects.get(study_instance_uid=dataset.StudyInstanceUID)


def test_a_ct_rdsr_imports_with_every_event_value_and_the_total(tmp_path):
    events = [
        CtEvent(protocol="Scout", acquisition_type="constant_angle", ctdivol_mgy=0.12, dlp_mgycm=4.5, pitch=None),
        CtEvent(
            protocol="Chest", ctdivol_mgy=8.31, dlp_mgycm=277.42, scanning_length_mm=320,
            sources=[CtSource(kvp=100, tube_current_ma=187, max_tube_current_ma=260, rotation_time_s=0.5)],
        ),
        CtEvent(protocol="Abdomen", target_region="abdomen", ctdivol_mgy=11.05, dlp_mgycm=461.7, pitch=1.375),
    ]  # fmt: skip
    study = _import(synthetic.ct_rdsr(events=events, seed=1, patient_age="061Y"), tmp_path)

    rows = list(CtIrradiationEvent.objects.filter(study=study).order_by("sequence_number", "id"))
    assert [r.acquisition_protocol for r in rows] == ["Scout", "Chest", "Abdomen"]
    assert [r.mean_ctdivol_mgy for r in rows] == [Decimal("0.12"), Decimal("8.31"), Decimal("11.05")]
    assert [r.dlp_mgycm for r in rows] == [Decimal("4.5"), Decimal("277.42"), Decimal("461.7")]
    assert rows[2].pitch_factor == Decimal("1.375")
    assert rows[1].scanning_length_mm == Decimal("320")
    source = rows[1].sources.get()
    assert (source.kvp, source.xray_tube_current_ma, source.maximum_xray_tube_current_ma) == (100, 187, 260)
    total = CtAccumulatedDose.objects.get(ct_radiation_dose__study=study)
    assert total.ct_dose_length_product_total_mgycm == Decimal("743.62")
    study.refresh_from_db()
    assert (study.modality, study.number_of_events, study.total_dlp_mgycm) == ("CT", 3, Decimal("743.62"))
    assert study.max_ctdivol_mgy == Decimal("11.05")


def test_a_ct_dose_check_imports(tmp_path):
    check = synthetic.CtDoseCheck(
        dlp_alert_mgycm=1000, ctdivol_alert_mgy=80, accumulated_dlp_forward_estimate_mgycm=1210
    )
    study = _import(synthetic.ct_rdsr(events=[CtEvent(dose_check=check)], seed=2), tmp_path)

    dose_check = CtIrradiationEvent.objects.get(study=study).dose_check
    assert (dose_check.dlp_alert_value_configured, dose_check.ctdivol_alert_value_configured) == (True, True)
    assert dose_check.dlp_alert_value_mgycm == Decimal("1000")
    assert dose_check.accumulated_dlp_forward_estimate_mgycm == Decimal("1210")
    assert dose_check.dlp_notification_value_configured is False


def test_an_rf_rdsr_imports_with_dap_and_fluoro_time(tmp_path):
    events = [
        ProjectionEvent(event_type="fluoroscopy", dose_area_product_gym2=0.0000412, dose_rp_gy=0.0012,
                        irradiation_duration_s=41.5, kvp=72, fluoro_mode="pulsed", pulse_rate_per_s=7.5),
        ProjectionEvent(event_type="stationary", dose_area_product_gym2=0.000137, dose_rp_gy=0.0041,
                        irradiation_duration_s=3.0, kvp=81, number_of_pulses=12),
    ]  # fmt: skip
    study = _import(synthetic.rf_rdsr(events=events, seed=3), tmp_path)

    rows = list(IrradiationEventXRayData.objects.filter(study=study).order_by("sequence_number", "id"))
    assert [r.dose_area_product_gym2 for r in rows] == [Decimal("0.0000412"), Decimal("0.000137")]
    assert [r.source.kvp for r in rows] == [72, 81]
    study.refresh_from_db()
    assert study.modality == "RF"
    assert study.total_dap_gym2 == Decimal("0.0001782")
    assert study.total_fluoro_time_s == Decimal("41.5")
    assert study.total_dose_rp_gy == Decimal("0.0053")


@pytest.mark.parametrize("accumulation", ["projection", "integrated"])
def test_a_dx_rdsr_imports_with_dap_and_kvp(tmp_path, accumulation):
    events = [
        ProjectionEvent(protocol="Chest PA", image_view="PA", dose_area_product_gym2=0.0000011, kvp=125),
        ProjectionEvent(protocol="Chest LAT", image_view="LAT", dose_area_product_gym2=0.0000042, kvp=125),
    ]
    study = _import(synthetic.dx_rdsr(events=events, accumulation=accumulation, seed=4), tmp_path)

    rows = list(IrradiationEventXRayData.objects.filter(study=study).order_by("sequence_number", "id"))
    assert [r.dose_area_product_gym2 for r in rows] == [Decimal("0.0000011"), Decimal("0.0000042")]
    assert [r.source.kvp for r in rows] == [125, 125]
    study.refresh_from_db()
    assert (study.modality, study.number_of_events, study.total_dap_gym2) == ("DX", 2, Decimal("0.0000053"))


def test_an_mg_rdsr_imports_with_agd_per_breast(tmp_path):
    events = [
        ProjectionEvent(protocol="RCC", laterality="R", image_view="CC", target_region="breast",
                        dose_area_product_gym2=None, average_glandular_dose_mgy=1.31, kvp=29,
                        compression_thickness_mm=48, compression_force_n=95),
        ProjectionEvent(protocol="LCC", laterality="L", image_view="CC", target_region="breast",
                        dose_area_product_gym2=None, average_glandular_dose_mgy=1.42, kvp=30),
        ProjectionEvent(protocol="LMLO", laterality="L", image_view="MLO", target_region="breast",
                        dose_area_product_gym2=None, average_glandular_dose_mgy=1.57, kvp=31),
    ]  # fmt: skip
    study = _import(synthetic.mg_rdsr(events=events, seed=5), tmp_path)

    rows = list(IrradiationEventXRayData.objects.filter(study=study).order_by("sequence_number", "id"))
    assert [r.source.average_glandular_dose_mgy for r in rows] == [Decimal("1.31"), Decimal("1.42"), Decimal("1.57")]
    assert rows[0].mechanical.compression_force_n == Decimal("95")
    assert rows[0].mechanical.compression_thickness_mm == Decimal("48")
    study.refresh_from_db()
    assert study.modality == "MG"
    assert (study.total_agd_left_mgy, study.total_agd_right_mgy) == (Decimal("2.99"), Decimal("1.31"))


def test_mammography_images_import_with_agd_and_kvp(tmp_path):
    common = {"seed": 6, "study_instance_uid": "1.2.826.0.1.3680043.10.6"}
    _import(synthetic.mammo_image(instance_number=1, laterality="L", average_glandular_dose_mgy=1.23, kvp=28, **common),
            tmp_path, "l.dcm")  # fmt: skip
    study = _import(
        synthetic.mammo_image(instance_number=2, laterality="R", average_glandular_dose_mgy=1.45, kvp=30, **common),
        tmp_path,
        "r.dcm",
    )

    rows = list(IrradiationEventXRayData.objects.filter(study=study).order_by("date_time_started", "id"))
    assert [r.source.average_glandular_dose_mgy for r in rows] == [Decimal("1.23"), Decimal("1.45")]
    assert [r.source.kvp for r in rows] == [28, 30]
    study.refresh_from_db()
    assert (study.modality, study.number_of_events) == ("MG", 2)
    assert (study.total_agd_left_mgy, study.total_agd_right_mgy) == (Decimal("1.23"), Decimal("1.45"))


def test_dx_images_import_with_dap_converted_to_gym2(tmp_path):
    study = _import(synthetic.dx_image(seed=7, dose_area_product_dgycm2=0.85, kvp=81), tmp_path)

    row = IrradiationEventXRayData.objects.get(study=study)
    assert row.dose_area_product_gym2 == Decimal("0.0000085")
    assert row.source.kvp == 81
    study.refresh_from_db()
    assert (study.modality, study.total_dap_gym2) == ("DX", Decimal("0.0000085"))


def test_a_philips_dose_screen_imports_with_ctdivol_and_total_dlp(tmp_path):
    series = [
        surview(),
        PhilipsSeries(series_number=3, description="PRE", ctdivol_mgy=7.25, dlp_mgycm=196.01),
        PhilipsSeries(series_number=4, description="PORTAL", ctdivol_mgy=9.5, dlp_mgycm=612.4),
    ]
    study = _import(synthetic.philips_ct_dose_screen(series=series, seed=8), tmp_path)

    rows = list(CtIrradiationEvent.objects.filter(study=study).exclude(dlp_mgycm=0).order_by("sequence_number"))
    assert [r.mean_ctdivol_mgy for r in rows] == [Decimal("7.25"), Decimal("9.5")]
    assert [r.dlp_mgycm for r in rows] == [Decimal("196.01"), Decimal("612.4")]
    study.refresh_from_db()
    assert (study.modality, study.total_dlp_mgycm) == ("CT", Decimal("808.41"))


def test_a_second_import_of_the_same_object_is_a_duplicate(tmp_path):
    path = synthetic.write(synthetic.ct_rdsr(seed=9), tmp_path / "a.dcm")
    assert import_path(path).status == Status.IMPORTED
    assert import_path(path).status == Status.DUPLICATE
    assert CtIrradiationEvent.objects.count() == 2


def test_an_updated_report_with_more_events_keeps_each_event_once(tmp_path):
    first = synthetic.ct_rdsr(n_events=2, seed=10, sop_instance_uid="1.2.826.0.1.3680043.10.9.1")
    update = synthetic.ct_rdsr(n_events=3, seed=10, sop_instance_uid="1.2.826.0.1.3680043.10.9.2")
    _import(first, tmp_path, "first.dcm")
    study = _import(update, tmp_path, "update.dcm")

    assert CtIrradiationEvent.objects.filter(study=study).count() == 3
    study.refresh_from_db()
    assert study.number_of_events == 3


def test_a_for_presentation_copy_of_a_for_processing_image_is_the_same_exposure(tmp_path):
    common = {"seed": 11, "study_instance_uid": "1.2.826.0.1.3680043.10.11", "average_glandular_dose_mgy": 1.6}
    processing = synthetic.mammo_image(presentation="FOR PROCESSING", instance_number=1, **common)
    presentation = synthetic.mammo_image(instance_number=2, source_image_uid=processing.SOPInstanceUID, **common)
    study = _import(processing, tmp_path, "processing.dcm")
    second = import_path(synthetic.write(presentation, tmp_path / "presentation.dcm"))

    assert second.status == Status.DUPLICATE
    assert IrradiationEventXRayData.objects.filter(study=study).count() == 1
    study.refresh_from_db()
    assert (study.number_of_events, study.total_agd_left_mgy) == (1, Decimal("1.6"))


def test_dx_images_with_one_irradiation_event_uid_count_one_exposure(tmp_path):
    common = {"seed": 12, "irradiation_event_uid": "1.2.826.0.1.3680043.10.12.1", "dose_area_product_dgycm2": 0.5}
    study = _import(synthetic.dx_image(presentation="FOR PROCESSING", instance_number=1, **common), tmp_path, "a.dcm")
    second = import_path(synthetic.write(synthetic.dx_image(instance_number=2, **common), tmp_path / "b.dcm"))

    assert second.status == Status.DUPLICATE
    assert IrradiationEventXRayData.objects.filter(study=study).count() == 1
    study.refresh_from_db()
    assert study.total_dap_gym2 == Decimal("0.000005")


def test_a_test_patient_name_marks_the_study_and_is_not_stored(tmp_path):
    study = _import(synthetic.dx_image(seed=13, patient_name="PHYSICS^QA PHANTOM"), tmp_path)
    ordinary = _import(synthetic.dx_image(seed=14, patient_name="SMITH^JANE"), tmp_path, "ordinary.dcm")

    assert (study.test_patient, ordinary.test_patient) == (True, False)
    assert study.test_patient_indicator == "Patient name matches *PHANTOM*"  # the pattern, not the name
