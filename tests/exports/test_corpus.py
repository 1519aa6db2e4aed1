"""Exports of real vendor files imported through the router, read back with the csv module and openpyxl."""

import datetime

import pytest

from remapp.extractors.router import import_path
from tests.conftest import corpus_file
from tests.exports.conftest import as_dict, export_rows, export_workbook

pytestmark = [pytest.mark.django_db, pytest.mark.corpus]


def _import(*names: str) -> None:
    for name in names:
        outcome = import_path(corpus_file(name))
        assert outcome.as_dict()["status"] == "imported", outcome.as_dict()


def test_siemens_ct_rdsr_exports_every_event_to_csv(tmp_path):
    _import("CT-RDSR-Siemens_Flash-TAP-SS.dcm")
    header, row = export_rows(tmp_path, "ct")
    values = as_dict(header, row)
    assert values["Manufacturer"] == "SIEMENS"
    assert values["Model"] == "SOMATOM Definition Flash"
    assert values["Accession number"] == "ACC12345601"
    assert values["Study date"] == "1997-01-01"
    assert values["Age (years)"] == "67"
    assert values["Sex"] == "M"
    assert values["Study description"] == "Thorax^TAP (Adult)"
    assert values["Number of events"] == "4"
    assert values["DLP total (mGy.cm)"] == "724.52"
    assert [values[f"E{n} Protocol"] for n in (2, 3, 4)] == ["PreMonitoring", "Monitoring", "TAP"]
    assert [values[f"E{n} Type"] for n in (1, 2, 4)] == [
        "Constant Angle Acquisition",
        "Stationary Acquisition",
        "Spiral Acquisition",
    ]
    assert [values[f"E{n} CTDIvol (mGy)"] for n in (1, 2, 3, 4)] == ["0.14", "1.2", "3.61", "9.91"]
    assert [values[f"E{n} DLP (mGy.cm)"] for n in (1, 2, 3, 4)] == ["11.51", "1.2", "3.61", "708.2"]
    assert values["E4 Exposure time (s)"] == "16.01"
    assert values["E4 Scanning length (mm)"] == "737"
    assert values["E4 Total collimation (mm)"] == "38.4"
    assert values["E4 Pitch"] == "0.6"
    assert values["E4 kVp"] == "120"
    assert values["E4 mA"] == "176"
    assert values["E4 Maximum mA"] == "560"
    assert values["E4 Phantom"] == "IEC Body Dosimetry Phantom"
    assert values["E1 Pitch"] == ""
    assert "E5 Protocol" not in header


def test_siemens_ct_rdsr_xlsx_has_a_sheet_per_protocol(tmp_path):
    _import("CT-RDSR-Siemens_Flash-TAP-SS.dcm")
    workbook = export_workbook(tmp_path, "ct")
    assert workbook.sheetnames[:6] == ["Summary", "All data", "Events", "Monitoring", "PreMonitoring", "TAP"]
    assert len(workbook.sheetnames) == 7
    header, row = list(workbook["TAP"].iter_rows(values_only=True))
    values = dict(zip(header, row, strict=True))
    assert values["CTDIvol (mGy)"] == pytest.approx(9.91)
    assert values["DLP (mGy.cm)"] == pytest.approx(708.2)
    assert values["Study date"] == datetime.datetime(1997, 1, 1)
    assert workbook["Summary"]["B3"].value == 1


def test_dual_source_ct_exports_both_sources(tmp_path):
    _import("CT-RDSR-Siemens_Flash-QA-DS.dcm")
    header, row = export_rows(tmp_path, "ct")
    values = as_dict(header, row)
    assert values["E1 Protocol"] == "DE_laser align"
    assert values["E1 Number of sources"] == "2"
    assert (values["E1 kVp"], values["E1 mA"]) == ("100", "399")
    assert (values["E1 Source B kVp"], values["E1 Source B mA"]) == ("140", "308")


def test_fluoroscopy_rdsr_exports_totals_and_events(tmp_path):
    _import("RF-RDSR-Siemens-Zee.dcm")
    header, row = export_rows(tmp_path, "rf")
    values = as_dict(header, row)
    assert values["Model"] == "AXIOM-Artis"
    assert values["Study date"] == "2016-05-12"
    assert values["Number of events"] == "8"
    assert values["DAP total (cGy.cm²)"] == "16"
    assert values["Dose at RP total (mGy)"] == "2.49"
    assert values["Fluoroscopy time total (s)"] == "28"
    assert (values["Fluoroscopy events"], values["Acquisition events"]) == ("8", "0")
    workbook = export_workbook(tmp_path, "rf")
    assert workbook.sheetnames[:3] == ["Summary", "All data", "Events"]
    assert workbook["Events"].max_row - 1 == 8
    assert sum(workbook[name].max_row - 1 for name in workbook.sheetnames[3:]) == 8


def test_radiography_rdsr_and_image_export(tmp_path):
    _import("DX-RDSR-Canon_CXDI.dcm", "DX-Im-GE_XR220-1.dcm")
    header, *rows = export_rows(tmp_path, "dx")
    by_accession = {row[header.index("Accession number")]: as_dict(header, row) for row in rows}
    canon = by_accession["3599305798462538"]
    assert canon["Study description"] == "CR THORAX"
    assert canon["DAP total (cGy.cm²)"] == "10.7"
    assert canon["E1 Protocol"] == "THORAX AP 90kv-0,9mAs"
    assert (canon["E1 kVp"], canon["E1 mA"], canon["E1 mAs"]) == ("90", "160", "0.8")
    assert canon["E1 Exposure time (ms)"] == "5"
    ge = by_accession["00938475"]
    assert ge["E1 Protocol"] == "ABD_1_VIEW"
    assert (ge["E1 Anatomy"], ge["E1 View"]) == ("Abdomen", "antero-posterior")
    assert ge["E1 mAs"] == "1.04"
    assert ge["E1 DAP (cGy.cm²)"] == "4.1"
    assert ge["E1 Deviation index"] == "-9.3"


def test_hologic_mammography_rdsr_in_the_nhsbsp_layout(tmp_path):
    _import("MG-RDSR-Hologic_2D.dcm")
    header, *rows = export_rows(tmp_path, "nhsbsp")
    assert header[:8] == ["Survey number", "Patient number", "View code", "kV", "Anode", "Filter", "Thickness", "mAs"]
    assert rows == [
        ["1", "1", "LCC", "28", "W", "Rh", "43", "90.2", "", "", "", "", "61", "", ""],
        ["1", "1", "RCC", "28", "W", "Rh", "43", "88.8", "", "", "", "", "61", "", ""],
    ]
    header, row = export_rows(tmp_path, "mg")
    values = as_dict(header, row)
    assert (values["E1 View"], values["E1 Laterality"], values["E1 kVp"]) == ("cranio-caudal", "Left", "28")
