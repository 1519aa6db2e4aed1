"""CT XLSX: summary, all-data and one sheet per series protocol, opened with openpyxl."""

import datetime
from decimal import Decimal

import pytest

from remapp.exports import xlsx_writer
from remapp.exports.ct import CT_EVENT_COLUMNS
from remapp.exports.sheet_names import MAX_SHEET_NAME, clean_sheet_name, unique_sheet_names
from remapp.version import __version__
from tests.exports.conftest import export_workbook
from tests.factories import add_ct_event, make_study, site_datetime

pytestmark = pytest.mark.django_db

LONG_PROTOCOL = "Abdomen/Pelvis [contrast] portal venous phase: 5mm?"


def _studies():
    first = make_study(
        "CT",
        accession_number="ACC-1",
        when=site_datetime(2024, 3, 5),
        study_description="CT Abdomen",
        requested_procedure="CT AP",
        number_of_events=2,
        total_dlp_mgycm=Decimal("600"),
    )
    add_ct_event(first, protocol="Topogram", acquisition_type="Spiral Acquisition", ctdivol="0.12", dlp="4")
    add_ct_event(first, protocol=LONG_PROTOCOL, ctdivol="9.5", dlp="596")
    second = make_study(
        "CT",
        accession_number="ACC-2",
        when=site_datetime(2024, 3, 7),
        study_description="=cmd|' /C calc'!A0",
        requested_procedure="CT AP",
        number_of_events=1,
        total_dlp_mgycm=Decimal("5"),
    )
    add_ct_event(second, protocol="topogram", ctdivol="0.2", dlp="5")


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_it_writes_summary_all_data_events_and_alphabetical_protocol_sheets(tmp_path):
    _studies()
    workbook = export_workbook(tmp_path, "ct")
    protocol_sheet = clean_sheet_name(LONG_PROTOCOL)
    # "Topogram" and "topogram" share a sheet: one series each, so the first spelling in sort order names it.
    assert workbook.sheetnames == ["Summary", "All data", "Events", protocol_sheet, "Topogram"]
    assert protocol_sheet == "Abdomen_Pelvis _contrast_ porta"
    assert len(protocol_sheet) <= MAX_SHEET_NAME

    summary = _rows(workbook["Summary"])
    assert summary[0][0] == "Export time" and isinstance(summary[0][1], datetime.datetime)
    assert summary[1][:2] == ("OpenREM version", __version__)
    assert summary[2][:2] == ("Number of exams", 2)
    assert summary[3][:2] == ("Number of irradiation events", 3)
    assert [row[0] for row in summary[4:8]] == ["All data sheet", "Events sheet", "Protocol sheets", None]
    assert summary[8][:9] == (
        "Study description",
        "Frequency",
        None,
        "Requested procedure",
        "Frequency",
        None,
        "Series protocol",
        "Frequency",
        "Sheet",
    )
    table = [row[:9] for row in summary[9:]]
    assert {row[0:2] for row in table[:2]} == {("=cmd|' /C calc'!A0", 1), ("CT Abdomen", 1)}
    assert table[2][0:2] == (None, None)
    assert table[0][3:5] == ("CT AP", 2)
    assert table[0][6:9] == (LONG_PROTOCOL, 1, protocol_sheet)
    assert table[1][6:9] == ("Topogram", 1, "Topogram")
    assert table[2][6:9] == ("topogram", 1, "Topogram")
    assert len(table) == 3


def test_all_data_has_one_study_a_row_with_typed_cells(tmp_path):
    _studies()
    workbook = export_workbook(tmp_path, "ct")
    header, newest, oldest = _rows(workbook["All data"])
    assert header[header.index("E1 Protocol") - 3] == "DLP total (mGy.cm)"
    values = dict(zip(header, oldest, strict=True))
    assert values["Study number"] == 2
    assert values["Accession number"] == "ACC-1"
    assert values["Study date"] == datetime.datetime(2024, 3, 5)
    assert values["Number of events"] == 2
    assert values["E1 Protocol"] == "Topogram"
    assert values["E1 CTDIvol (mGy)"] == pytest.approx(0.12)
    assert values["E2 DLP (mGy.cm)"] == 596
    assert values["E2 kVp"] == 120
    assert values["E1 Scanning length (mm)"] is None
    newest_values = dict(zip(header, newest, strict=True))
    assert newest_values["E2 Protocol"] is None
    # A text cell that looks like a formula is stored as text, not as a formula.
    cell = workbook["All data"].cell(row=2, column=header.index("Study description") + 1)
    assert cell.data_type == "s" and cell.value == "=cmd|' /C calc'!A0"


def test_protocol_sheets_have_one_series_a_row_with_the_study_columns(tmp_path):
    _studies()
    workbook = export_workbook(tmp_path, "ct")
    header, *rows = _rows(workbook["Topogram"])
    assert header == (
        "Display name",
        "Accession number",
        "Study date",
        "Study time",
        "Age (years)",
        "Sex",
        "Height (m)",
        "Weight (kg)",
        "Study description",
        "Requested procedure",
        *(column.header for column in CT_EVENT_COLUMNS),
    )
    assert len(rows) == 2
    newest, oldest = (dict(zip(header, row, strict=True)) for row in rows)
    assert (newest["Accession number"], newest["Protocol"], newest["DLP (mGy.cm)"]) == ("ACC-2", "topogram", 5)
    assert oldest["Accession number"] == "ACC-1"
    assert oldest["Protocol"] == "Topogram"
    assert oldest["DLP (mGy.cm)"] == 4
    assert oldest["Type"] == "Spiral Acquisition"


def test_sheet_names_are_valid_unique_and_short():
    names = unique_sheet_names(
        ["", "History", "a" * 40, "a" * 40 + "b", "Summary", "It's", "x:y/z*?[]\\"], taken={"Summary", "All data"}
    )
    assert names[""] == "(no protocol)"
    assert names["History"] == "History Unnamed"
    assert names["a" * 40] == "a" * 31
    assert names["a" * 40 + "b"] == "a" * 27 + " (2)"
    assert names["Summary"] == "Summary (2)"
    assert names["It's"] == "It's"
    assert names["x:y/z*?[]\\"] == "x_y_z_____"
    assert len({name.lower() for name in names.values()}) == len(names)
    assert all(len(name) <= MAX_SHEET_NAME for name in names.values())


def test_protocols_past_the_sheet_limit_share_one_sheet(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_writer, "MAX_PROTOCOL_SHEETS", 1)
    _studies()
    workbook = export_workbook(tmp_path, "ct")
    # Two protocols: Topogram (two series, in two spellings) keeps its sheet, the rarer one goes on Other.
    assert workbook.sheetnames == ["Summary", "All data", "Events", "Topogram", "Other protocols"]
    other = list(workbook["Other protocols"].iter_rows(values_only=True))
    assert len(other) == 1 + 1
    assert other[1][other[0].index("Protocol")] == LONG_PROTOCOL
    summary = _rows(workbook["Summary"])
    assert (LONG_PROTOCOL, 1, "Other protocols") in {row[6:9] for row in summary}


def test_a_selection_too_big_for_a_sheet_fails_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_writer, "EXCEL_MAX_ROWS", 2)
    _studies()
    with pytest.raises(xlsx_writer.ExportTooLarge, match="use a CSV export"):
        export_workbook(tmp_path, "ct")
    assert not list(tmp_path.glob("ct.xlsx*")) and not list(tmp_path.glob(".xlsx-rows-*"))
