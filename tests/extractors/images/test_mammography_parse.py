"""Mammography image headers parsed into plain data (no database): exact values from the vendor corpus."""

from decimal import Decimal

import pydicom
import pytest

from remapp.extractors import ExtractionError
from remapp.extractors.images import mammography as mammo
from tests.conftest import corpus_file

GE_STUDY = "1.3.6.1.4.1.5962.99.1.1270844358.1571783457.1525984267206"


def _parse(name):
    return mammo.parse(pydicom.dcmread(corpus_file(name), stop_before_pixels=True))


def test_it_reads_every_exposure_value_of_a_ge_senographe_image():
    parsed = _parse("MG-Im-GE_Seno_1_ForProcessing.dcm")
    event, source = parsed.event, parsed.event.source
    assert parsed.identity.modality == "MG"
    assert parsed.identity.presentation_intent == "FOR PROCESSING"
    assert event.irradiation_event_uid == f"{GE_STUDY}.2.0"
    assert event.laterality.meaning == "Left"
    assert (event.image_view.value, event.image_view.meaning) == ("R-10242", "cranio-caudal")
    assert event.acquisition_protocol == "STEREO"
    assert event.irradiation_event_type.meaning == "Stationary Acquisition"
    assert str(event.date_time_started) == "2013-04-12 13:22:23"
    assert source.kvp == Decimal("26")
    assert source.xray_tube_current_ma == Decimal("98")
    assert source.exposure_time_ms == Decimal("206")
    assert source.exposure_uas == Decimal("20800")
    assert source.average_glandular_dose_mgy == Decimal("0.547")  # Organ Dose 0.00547 dGy
    assert source.anode_target_material.meaning == "Molybdenum or Molybdenum compound"
    assert [f.xray_filter_material.meaning for f in source.filters] == ["Molybdenum or Molybdenum compound"]
    assert source.filters[0].xray_filter_type.meaning == "Strip filter"
    assert source.focal_spot_size_mm == Decimal("0.3")
    assert source.grid == "NONE"
    assert event.entrance_exposure_at_rp_mgy == Decimal("1.694")
    assert event.percent_fibroglandular_tissue == Decimal("80")
    assert event.mechanical.compression_thickness_mm == Decimal("20")
    assert event.mechanical.compression_force_n == Decimal("30")
    assert event.mechanical.distances.distance_source_to_detector_mm == Decimal("660")
    assert event.mechanical.distances.distance_source_to_entrance_surface_mm == Decimal("640")
    assert event.detector.detector_id == "PM980_03"
    assert event.detector.detector_type == "SCINTILLATOR"
    assert event.detector.relative_xray_exposure == Decimal("1694")


def test_for_presentation_copy_names_the_exposure_of_its_for_processing_source():
    processing = _parse("MG-Im-GE_Seno_1_ForProcessing.dcm")
    presentation = _parse("MG-Im-GE_Seno_1_ForPresentation.dcm")
    assert presentation.identity.sop_instance_uid != processing.identity.sop_instance_uid
    assert presentation.event.irradiation_event_uid == processing.event.irradiation_event_uid
    assert presentation.identity.presentation_intent == "FOR PRESENTATION"


def test_second_ge_exposure_is_rhodium_with_its_own_dose():
    parsed = _parse("MG-Im-GE_Seno_2_ForPresentation.dcm")
    source = parsed.event.source
    assert parsed.event.irradiation_event_uid == f"{GE_STUDY}.12.0"
    assert source.kvp == Decimal("29")
    assert source.exposure_uas == Decimal("53200")
    assert source.average_glandular_dose_mgy == Decimal("1.409")
    assert source.anode_target_material.meaning == "Rhodium or Rhodium compound"
    assert parsed.event.mechanical.compression_thickness_mm == Decimal("39")


def test_scaled_senographe_image_keeps_grid_and_compression():
    parsed = _parse("MG-Im-GE-SenDS-scaled.dcm")
    assert parsed.event.source.grid == "RECIPROCATING FOCUSED"
    assert parsed.event.source.average_glandular_dose_mgy == Decimal("1.373")
    assert parsed.event.mechanical.compression_force_n == Decimal("50")
    assert parsed.event.mechanical.compression_thickness_mm == Decimal("53")
    # A scaled copy shows the exposure of the image it was made from.
    assert parsed.event.irradiation_event_uid == "1.3.6.1.4.1.5962.99.1.693088767.1633245212.1473866904063.2.0"


def test_hologic_projection_object_is_one_rotational_tomosynthesis_exposure():
    parsed = _parse("MG-Im-Hologic-PropProj.dcm")
    event, source = parsed.event, parsed.event.source
    assert parsed.identity.sop_class_uid == mammo.SECONDARY_CAPTURE
    assert event.irradiation_event_uid == "1.2.826.0.1.3680043.8.498.8796749610338176875379319"
    assert event.irradiation_event_type.meaning == "Rotational Acquisition"
    assert event.laterality.meaning == "Right"  # from Laterality (0020,0060): no Image Laterality here
    assert event.image_view.meaning == "cranio-caudal"
    assert event.anatomical_structure.meaning == "Breast"
    assert source.kvp == Decimal("28")
    assert source.exposure_uas == Decimal("6000")
    assert source.exposure_time_ms == Decimal("300")  # Exposure Time in uS 300000
    assert source.xray_tube_current_ma == Decimal("20")
    assert source.average_glandular_dose_mgy == Decimal("0.26")
    assert source.number_of_pulses == Decimal("15")  # <nProj> of the Hologic private XML
    assert source.anode_target_material.meaning == "Tungsten or Tungsten compound"
    assert [
        (f.xray_filter_material.meaning, f.xray_filter_thickness_minimum_mm, f.xray_filter_thickness_maximum_mm)
        for f in source.filters
    ] == [("Aluminum or Aluminum compound", Decimal("0.7"), Decimal("0.7"))]
    assert event.half_value_layer_mm == Decimal("0.479")
    assert event.entrance_exposure_at_rp_mgy == Decimal("0.42")
    assert event.mechanical.positioner_primary_angle_deg == Decimal("-7.66")
    assert event.mechanical.positioner_primary_end_angle_deg == Decimal("7.56")
    assert event.mechanical.compression_thickness_mm == Decimal("18")
    assert event.mechanical.magnification_factor == Decimal("1.073")
    assert event.detector.detector_type == "DIRECT"


def test_it_rejects_a_radiography_image():
    dataset = pydicom.dcmread(corpus_file("DX-Im-GE_XR220-1.dcm"), stop_before_pixels=True)
    with pytest.raises(ExtractionError, match="not a mammography image"):
        mammo.parse(dataset)


def test_it_rejects_a_secondary_capture_that_is_not_hologic():
    dataset = pydicom.dcmread(corpus_file("CT-SC-Philips_Brilliance16P.dcm"), stop_before_pixels=True)
    with pytest.raises(ExtractionError, match="SOP Class 1.2.840.10008.5.1.4.1.1.7"):
        mammo.parse(dataset)
