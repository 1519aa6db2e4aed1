"""Fluoroscopy, radiography and mammography exports, read back with the csv module and openpyxl."""

import datetime
from decimal import Decimal

import pytest

from tests.exports.conftest import as_dict, export_rows, export_workbook
from tests.factories import add_projection_event, make_study, site_datetime

pytestmark = pytest.mark.django_db


def _fluoroscopy_study():
    one = make_study(
        "RF",
        accession_number="RF-1",
        study_description="Barium swallow",
        number_of_events=3,
        total_dap_gym2=Decimal("0.00052"),
        total_dose_rp_gy=Decimal("0.0123"),
        total_fluoro_time_s=Decimal("95.5"),
    )
    add_projection_event(
        one,
        protocol="Low dose fluoro",
        event_type="Fluoroscopy",
        dose_area_product_gym2=Decimal("0.0001"),
        date_time_started=datetime.datetime(2024, 3, 5, 9, 31, 2, tzinfo=datetime.UTC),
        source__kvp=Decimal("78"),
        source__pulse_rate_per_s=Decimal("7.5"),
        filters=[("Copper", "0.1"), ("Aluminum", "1.0")],
    )
    add_projection_event(
        one, protocol="Low dose fluoro", event_type="Fluoroscopy", dose_area_product_gym2=Decimal("0.00012")
    )
    add_projection_event(
        one,
        protocol="Single shot",
        event_type="Stationary Acquisition",
        dose_area_product_gym2=Decimal("0.0003"),
        source__kvp=Decimal("81"),
    )
    return one


def test_fluoroscopy_csv_is_one_row_per_study_with_fluoroscopy_and_acquisition_totals(tmp_path):
    _fluoroscopy_study()
    header, row = export_rows(tmp_path, "rf")
    values = as_dict(header, row)
    assert "E1 Protocol" not in header
    assert values["Accession number"] == "RF-1"
    assert values["DAP total (cGy.cm²)"] == "520"
    assert values["Dose at RP total (mGy)"] == "12.3"  # stored 0.0123 Gy, exported in the display unit
    assert values["Fluoroscopy time total (s)"] == "95.5"
    assert values["Fluoroscopy events"] == "2"
    assert values["Fluoroscopy DAP (cGy.cm²)"] == "220"
    assert values["Acquisition events"] == "1"
    assert values["Acquisition DAP (cGy.cm²)"] == "300"


def test_fluoroscopy_xlsx_has_every_event_on_its_protocol_sheet(tmp_path):
    _fluoroscopy_study()
    workbook = export_workbook(tmp_path, "rf")
    assert workbook.sheetnames == ["Summary", "All data", "Events", "Low dose fluoro", "Single shot"]
    header, *rows = list(workbook["Low dose fluoro"].iter_rows(values_only=True))
    assert len(rows) == 2
    first = dict(zip(header, rows[0], strict=True))
    assert first["Accession number"] == "RF-1"
    assert first["Type"] == "Fluoroscopy"
    # 09:31:02 UTC is 09:31:02 in London in March (GMT).
    assert first["Time"] == datetime.datetime(2024, 3, 5, 9, 31, 2)
    assert first["kVp"] == 78
    assert first["Pulse rate (pulse/s)"] == 7.5
    assert first["Filters"] == "Copper 0.1 mm; Aluminum 1 mm"
    assert first["DAP (cGy.cm²)"] == pytest.approx(100)
    all_header, all_row = list(workbook["All data"].iter_rows(values_only=True))
    values = dict(zip(all_header, all_row, strict=True))
    assert values["E3 Protocol"] == "Single shot" and values["E3 kVp"] == 81
    assert values["Fluoroscopy events"] == 2


def _radiography_study():
    one = make_study(
        "DX",
        accession_number="DX-1",
        when=site_datetime(2024, 3, 5),
        study_description="Chest PA",
        total_dap_gym2=Decimal("0.0000125"),
    )
    add_projection_event(
        one,
        protocol="Chest PA",
        anatomical_structure="Chest",
        image_view="postero-anterior",
        dose_area_product_gym2=Decimal("0.0000125"),
        source__kvp=Decimal("125"),
        source__exposure_uas=Decimal("2500"),
        source__exposure_time_ms=Decimal("8"),
        detector__exposure_index=Decimal("310"),
        detector__deviation_index=Decimal("-0.4"),
    )
    return one


def test_radiography_csv_and_xlsx(tmp_path):
    _radiography_study()
    header, row = export_rows(tmp_path, "dx")
    values = as_dict(header, row)
    assert values["DAP total (cGy.cm²)"] == "12.5"
    assert values["E1 Protocol"] == "Chest PA"
    assert values["E1 Anatomy"] == "Chest"
    assert values["E1 View"] == "postero-anterior"
    assert values["E1 kVp"] == "125"
    assert values["E1 mAs"] == "2.5"
    assert values["E1 Exposure time (ms)"] == "8"
    assert values["E1 Exposure index"] == "310"
    assert values["E1 Deviation index"] == "-0.4"
    assert values["E1 Source to detector (mm)"] == ""
    workbook = export_workbook(tmp_path, "dx")
    header, row = list(workbook["Chest PA"].iter_rows(values_only=True))
    sheet_values = dict(zip(header, row, strict=True))
    assert sheet_values["mAs"] == 2.5 and sheet_values["Deviation index"] == -0.4
    assert sheet_values["Study date"] == datetime.datetime(2024, 3, 5)


def _mammography_study(accession="MG-1", age=Decimal("52.25")):
    one = make_study("MG", accession_number=accession, age=age, total_agd_mgy=Decimal("5.1"))
    for laterality, view, agd, thickness in (
        ("Right", "cranio-caudal", "1.2", "52"),
        ("Left", "medio-lateral oblique", "1.35", "61"),
        ("Left", "latero-medial", "1.5", "58"),
    ):
        add_projection_event(
            one,
            protocol="Routine",
            laterality=laterality,
            image_view=view,
            source__kvp=Decimal("29"),
            source__exposure_uas=Decimal("85300"),
            source__anode_target_material="Tungsten",
            source__average_glandular_dose_mgy=Decimal(agd),
            mechanical__compression_thickness_mm=Decimal(thickness),
            mechanical__compression_force_n=Decimal("98.1"),
            filters=[("Rhodium", "0.05")],
        )
    return one


def test_mammography_csv(tmp_path):
    _mammography_study()
    header, row = export_rows(tmp_path, "mg")
    values = as_dict(header, row)
    assert values["AGD total (mGy)"] == "5.1"
    assert [values[f"E{n} View"] for n in (1, 2, 3)] == ["cranio-caudal", "medio-lateral oblique", "latero-medial"]
    assert values["E1 Laterality"] == "Right"
    assert values["E1 Target"] == "Tungsten"
    assert values["E1 Filters"] == "Rhodium 0.05 mm"
    assert values["E1 mAs"] == "85.3"
    assert values["E2 Compression thickness (mm)"] == "61"
    assert values["E3 AGD (mGy)"] == "1.5"
