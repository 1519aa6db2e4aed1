"""Radiography (DX/CR) image headers parsed into plain data (no database): exact values from the vendor corpus."""

from decimal import Decimal

import pydicom
import pytest

from remapp.extractors import ExtractionError
from remapp.extractors.images import radiography as dx
from tests.conftest import corpus_file


def _parse(name):
    return dx.parse(pydicom.dcmread(corpus_file(name), stop_before_pixels=True))


def test_it_reads_a_ge_optima_xr220_image():
    parsed = _parse("DX-Im-GE_XR220-1.dcm")
    event, source, detector = parsed.event, parsed.event.source, parsed.event.detector
    assert parsed.identity.modality == "DX"
    assert event.irradiation_event_uid == "1.3.6.1.4.1.5962.99.1.2282339064.1266597797.1479751121656.20.0"
    assert event.acquisition_protocol == "ABD_1_VIEW"
    assert event.anatomical_structure.meaning == "Abdomen"
    assert event.image_view.meaning == "antero-posterior"
    assert event.laterality is None  # Image Laterality 'U' (unpaired)
    assert str(event.date_time_started) == "2014-09-30 14:11:33"
    assert source.kvp == Decimal("69.639999")
    assert source.xray_tube_current_ma == Decimal("189")
    assert source.exposure_time_ms == Decimal("6")
    assert source.exposure_uas == Decimal("1040")
    assert event.dose_area_product_gym2 == Decimal("0.0000041")  # 0.41 dGy.cm2
    assert detector.exposure_index == Decimal("51.745061")
    assert detector.target_exposure_index == Decimal("438.469173")
    assert detector.deviation_index == Decimal("-9.3")
    assert detector.detector_id == "UA1234-6"
    assert detector.detector_type == "SCINTILLATOR"


@pytest.mark.parametrize(
    ("name", "dap_gym2", "uas", "deviation_index"),
    [
        ("DX-Im-GE_XR220-2.dcm", Decimal("0.0000082"), Decimal("2040"), Decimal("-6.1")),
        ("DX-Im-GE_XR220-3.dcm", Decimal("0.0000205"), Decimal("5040"), Decimal("-1.8")),
    ],
)
def test_each_ge_exposure_has_its_own_dap(name, dap_gym2, uas, deviation_index):
    parsed = _parse(name)
    assert parsed.event.dose_area_product_gym2 == dap_gym2
    assert parsed.event.source.exposure_uas == uas
    assert parsed.event.detector.deviation_index == deviation_index


def test_it_reads_a_carestream_drx_image_with_its_irradiation_event_uid():
    parsed = _parse("DX-Im-Carestream_DRX.dcm")
    event, source, detector = parsed.event, parsed.event.source, parsed.event.detector
    assert event.irradiation_event_uid == "1.3.6.1.4.1.5962.99.1.886610039.3649959.1495535261815.5.0"
    assert event.acquisition_protocol == "AP"  # no Protocol Name: the series description names the view
    assert event.anatomical_structure.meaning == "CHEST"
    assert event.image_view.meaning == "antero-posterior"
    assert source.kvp == Decimal("100")
    assert source.exposure_uas == Decimal("1000")
    assert event.dose_area_product_gym2 == Decimal("0.00000633")
    assert (detector.exposure_index, detector.target_exposure_index, detector.deviation_index) == (
        Decimal("256.88"),
        Decimal("226.22"),
        Decimal("0.55"),
    )
    assert detector.detector_id == "153430100419"


def test_it_reads_kodak_dr7500_filters_written_with_commas():
    parsed = _parse("DX-Im-Carestream_DR7500-2.dcm")
    source = parsed.event.source
    assert parsed.event.dose_area_product_gym2 == Decimal("0.00010157")
    assert source.kvp == Decimal("80")
    assert source.exposure_uas == Decimal("9000")
    assert [
        (f.xray_filter_material.meaning, f.xray_filter_thickness_minimum_mm, f.xray_filter_thickness_maximum_mm)
        for f in source.filters
    ] == [
        ("Aluminum or Aluminum compound", Decimal("0.94"), Decimal("1.06")),
        ("Copper or Copper compound", Decimal("0.194"), Decimal("0.206")),
    ]
    assert source.filters[0].xray_filter_type.meaning == "Wedge filter"
    assert parsed.event.mechanical.distances.distance_source_to_detector_mm == Decimal("11.5")
    assert parsed.event.detector.relative_xray_exposure == Decimal("1430")


def test_kodak_dr7500_first_image_has_one_aluminium_filter():
    parsed = _parse("DX-Im-Carestream_DR7500-1.dcm")
    assert parsed.event.dose_area_product_gym2 == Decimal("0.00011013")
    assert [f.xray_filter_material.meaning for f in parsed.event.source.filters] == ["Aluminum or Aluminum compound"]


def test_it_rejects_a_mammography_image():
    dataset = pydicom.dcmread(corpus_file("MG-Im-GE_Seno_2_ForPresentation.dcm"), stop_before_pixels=True)
    with pytest.raises(ExtractionError, match="not a radiography"):
        dx.parse(dataset)
