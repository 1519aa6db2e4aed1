"""Philips CT dose-info screen parsed into plain data (no database): every series' values from the corpus."""

from decimal import Decimal

import pydicom
import pytest

from remapp.extractors import ExtractionError
from remapp.extractors.images import philips_ct as ct_philips
from tests.conftest import corpus_file


def _parse(name="CT-SC-Philips_Brilliance16P.dcm"):
    return ct_philips.parse(pydicom.dcmread(corpus_file(name), stop_before_pixels=True))


def test_it_reads_every_series_of_the_brilliance_screen():
    screen = _parse()
    assert screen.dose_length_product_total_mgycm == Decimal("1102.44609")
    assert screen.total_number_of_irradiation_events == 4
    rows = [
        (s.series_number, s.acquisition_protocol, s.ct_acquisition_type.meaning, s.mean_ctdivol_mgy, s.dlp_mgycm)
        for s in screen.series
    ]
    assert rows == [
        (1, "", "Constant Angle Acquisition", Decimal("0.0"), Decimal("0")),
        (3, "PRE KIDNEYS", "Spiral Acquisition", Decimal("7.200978719152135"), Decimal("196.01")),
        (5, "30S KIDNEYS", "Spiral Acquisition", Decimal("11.32941264247715"), Decimal("248.585973")),
        (6, "100S C/A/P", "Spiral Acquisition", Decimal("9.315682513246966"), Decimal("657.85012")),
    ]


def test_it_converts_tube_current_and_time_of_each_series():
    series = _parse().series[1]
    assert series.kvp == Decimal("120")
    assert series.xray_tube_current_ma == Decimal("165.044374")  # 165044.374 uA
    assert series.exposure_time_s == Decimal("6.986")  # 6986 ms
    assert series.scanning_length_mm == Decimal("231")
    assert series.nominal_single_collimation_width_mm == Decimal("1.5")
    assert series.nominal_total_collimation_width_mm == Decimal("24.0")
    assert series.pitch_factor == Decimal("0.8355391387939453")


def test_series_uids_are_stable_and_distinct():
    first, second = _parse(), _parse()
    uids = [s.irradiation_event_uid for s in first.series]
    assert uids == [s.irradiation_event_uid for s in second.series]
    assert len(set(uids)) == 4
    assert all(uid.startswith("2.25.") and len(uid) <= 64 for uid in uids)


def test_it_rejects_a_secondary_capture_without_philips_dose_data():
    dataset = pydicom.dcmread(corpus_file("MG-Im-Hologic-PropProj.dcm"), stop_before_pixels=True)
    with pytest.raises(ExtractionError, match="not a Philips CT dose-info screen"):
        ct_philips.parse(dataset)
