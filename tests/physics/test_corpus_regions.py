"""The Target Region codes real scanners send, read from the vendor corpus, and the effective dose they give."""

from decimal import Decimal

import pydicom
import pytest

from remapp.dicom import concepts as c
from remapp.dicom.content import find_item, find_items, read_content_tree
from remapp.physics.effective_dose import effective_dose
from tests.conftest import corpus_file

pytestmark = pytest.mark.corpus


def _events(name):
    root = read_content_tree(pydicom.dcmread(corpus_file(name)))
    for event in find_items(root, c.CT_ACQUISITION, recursive=True):
        region = find_item(event, c.TARGET_REGION)
        dose = find_item(event, c.CT_DOSE)
        dlp = find_item(dose, c.DLP)
        phantom = find_item(dose, c.CTDIW_PHANTOM_TYPE)
        yield (
            dlp.value[0] if dlp is not None else None,
            region.value if region is not None else None,
            phantom.value if phantom is not None else None,
        )


def _regions_and_doses(name, age_years=Decimal("40")):
    results = [effective_dose(dlp, region, age_years, phantom) for dlp, region, phantom in _events(name)]
    return [(r.region, r.value_msv, r.reason) for r in results]


def test_siemens_legacy_chest_code_gives_the_adult_chest_factor():
    assert _regions_and_doses("CT-RDSR-Siemens-Multi-3.dcm") == [
        ("chest", Decimal("7.46") * Decimal("0.0145"), None),
        ("chest", Decimal("69.81") * Decimal("0.0145"), None),
        ("chest", Decimal("158.82") * Decimal("0.0145"), None),
    ]


def test_siemens_whole_body_topogram_gets_no_value_and_abdomen_scans_do():
    no_region = "Target Region 'Entire body' (SRT T-D0010) is not mapped to a body region"
    assert _regions_and_doses("CT-RDSR-Siemens_Flash-TAP-SS.dcm") == [
        (None, None, no_region),
        ("abdomen", Decimal("1.2") * Decimal("0.0153"), None),
        ("abdomen", Decimal("3.61") * Decimal("0.0153"), None),
        ("abdomen", Decimal("708.2") * Decimal("0.0153"), None),
    ]


def test_siemens_heart_code_takes_the_chest_factor():
    results = _regions_and_doses("CT-RDSR-Siemens_Flash-QA-DS.dcm")

    assert [region for region, _, _ in results] == ["abdomen"] + ["chest"] * 8
    assert results[1] == ("chest", Decimal("84.28") * Decimal("0.0145"), None)


def test_toshiba_chest_abdomen_pelvis_code_and_its_localiser_without_dlp():
    assert _regions_and_doses("CT-RDSR-ToshibaPixelMed.dcm") == [
        ("chest-abdomen-pelvis", None, "no DLP reported"),
        ("chest-abdomen-pelvis", Decimal("208.50") * Decimal("0.0152"), None),
        ("chest-abdomen-pelvis", Decimal("141.20") * Decimal("0.0152"), None),
    ]


def test_ge_unknown_region_code_gets_no_value():
    results = _regions_and_doses("CT-ESR-GE_VCT.dcm")

    with_dlp = [result for result in results if result[2] != "no DLP reported"]
    assert len(with_dlp) == 11
    assert {result for result in with_dlp} == {
        (None, None, "Target Region 'Unknown' (99GEMS 00001) is not mapped to a body region")
    }


def test_reports_without_target_region_get_no_value():
    assert _regions_and_doses("CT-RDSR-GEPixelMed.dcm") == [
        (None, None, "no Target Region reported"),
        (None, None, "no Target Region reported"),
    ]
