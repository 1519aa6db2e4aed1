"""XLSX layout (issue 11): protocol sheets grouped ignoring case, header rows, the bounded all-data sheet and the
long Events sheet, read back with openpyxl."""

import datetime
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from remapp.exports import xlsx_sheets, xlsx_writer
from remapp.exports.ct import CT_EVENT_COLUMNS, CT_EXPORT
from remapp.exports.projection import RF_EXPORT
from tests.exports.conftest import as_dict, export_rows, export_workbook
from tests.factories import add_ct_event, add_projection_event, make_station, make_study, site_datetime

pytestmark = pytest.mark.django_db

EVENT_KEY_HEADERS = ("Accession number", "Study date", "Study time", "Display name", "Study number", "Event number")


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def _records(sheet) -> list[dict]:
    header, *rows = _rows(sheet)
    return [dict(zip(header, row, strict=True)) for row in rows]


def _widths(sheet) -> dict[str, float]:
    """Column widths by header, expanding openpyxl's column ranges."""
    by_number = {}
    for dimension in sheet.column_dimensions.values():
        for number in range(dimension.min, dimension.max + 1):
            by_number[number] = dimension.width
    header = _rows(sheet)[0]
    return {name: by_number.get(number) for number, name in enumerate(header, start=1)}


def excel_width(characters: int) -> float:
    """The width xlsxwriter stores for a column of this many characters (Calibri 11: 7 px a digit, 5 px padding)."""
    return int((characters * 7 + 5) / 7 * 256) / 256


def _case_variant_studies():
    """Four CT studies: three spellings of one chest protocol, and a head protocol."""
    spellings = ["Chest routine", "CHEST ROUTINE", "Chest routine", " chest  Routine "]
    for number, protocol in enumerate(spellings, start=1):
        one = make_study(
            "CT", accession_number=f"CASE-{number}", when=site_datetime(2024, 4, number), number_of_events=1
        )
        add_ct_event(one, protocol=protocol, ctdivol=f"{number}.5", dlp=f"{number}00")
    head = make_study("CT", accession_number="CASE-5", when=site_datetime(2024, 4, 5), number_of_events=1)
    add_ct_event(head, protocol="Head", ctdivol="50", dlp="800")


def test_protocols_differing_only_in_case_and_spaces_share_the_sheet_of_the_most_frequent_spelling(tmp_path):
    _case_variant_studies()
    workbook = export_workbook(tmp_path, "ct")
    assert workbook.sheetnames == ["Summary", "All data", "Events", "Chest routine", "Head"]
    chest = _records(workbook["Chest routine"])
    # Newest first, as the list shows them; every row keeps the protocol exactly as the scanner spelled it.
    assert [row["Protocol"] for row in chest] == [" chest  Routine ", "Chest routine", "CHEST ROUTINE", "Chest routine"]
    assert [row["Accession number"] for row in chest] == ["CASE-4", "CASE-3", "CASE-2", "CASE-1"]
    assert [row["CTDIvol (mGy)"] for row in chest] == [4.5, 3.5, 2.5, 1.5]
    protocol_column = get_column_letter(_rows(workbook["Chest routine"])[0].index("Protocol") + 1)
    assert workbook["Chest routine"][f"{protocol_column}1"].comment.text == (
        "Series protocols on this sheet (letter case and spaces ignored): "
        '"Chest routine" 2, " chest  Routine " 1, "CHEST ROUTINE" 1'
    )
    assert workbook["Head"][f"{protocol_column}1"].comment.text == (
        'Series protocols on this sheet (letter case and spaces ignored): "Head" 1'
    )


def test_the_summary_names_the_sheet_of_every_protocol_spelling(tmp_path):
    _case_variant_studies()
    summary = _rows(export_workbook(tmp_path, "ct")["Summary"])
    header_row = next(number for number, row in enumerate(summary) if row[0] == "Study description")
    assert summary[header_row][:9] == (
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
    table = [row[6:9] for row in summary[header_row + 1 :] if row[6] is not None]
    assert table == [
        ("Chest routine", 2, "Chest routine"),
        (" chest  Routine ", 1, "Chest routine"),
        ("CHEST ROUTINE", 1, "Chest routine"),
        ("Head", 1, "Head"),
    ]
    notes = {row[0]: row[1] for row in summary[:header_row] if row[0]}
    assert notes["Number of exams"] == 5
    assert notes["Number of irradiation events"] == 5
    assert notes["Protocol sheets"] == (
        "one sheet per series protocol, alphabetical; spellings that differ only in letter case or spaces share "
        "a sheet named after the most frequent one (see the Sheet column below)"
    )
    assert notes["All data sheet"] == (
        f"one study a row with its first {xlsx_writer.ALL_DATA_MAX_EVENTS} events to the right; "
        "every event of every study is on the Events sheet"
    )


def test_every_data_sheet_has_a_bold_frozen_header_an_autofilter_and_fitted_column_widths(tmp_path):
    _case_variant_studies()
    workbook = export_workbook(tmp_path, "ct")
    for name, last_row in (("All data", 6), ("Events", 6), ("Chest routine", 5), ("Head", 2)):
        sheet = workbook[name]
        header = _rows(sheet)[0]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}{last_row}", name
        assert all(cell.font.b for cell in sheet[1]), name
    events = _widths(workbook["Events"])
    # Text fits its longest value or its header, numbers and dates a typical value; two characters spare.
    assert events["Accession number"] == excel_width(len("Accession number") + 2)
    assert events["Study date"] == excel_width(len("yyyy-mm-dd") + 2)
    assert events["Protocol"] == excel_width(len(" chest  Routine ") + 2)
    assert events["Display name"] == excel_width(len("Display name") + 2)
    assert events["CTDIvol (mGy)"] == excel_width(len("CTDIvol (mGy)") + 2)
    assert events["kVp"] == excel_width(10 + 2)
    assert _widths(workbook["All data"])["E1 Protocol"] == excel_width(len(" chest  Routine ") + 2)
    # Never so narrow that the filter button hides a short header.
    assert _widths(workbook["Head"])["Sex"] == excel_width(xlsx_sheets.MIN_COLUMN_WIDTH)


def test_a_very_long_text_column_is_bounded(tmp_path):
    one = make_study("CT", study_description="CT " + "long description " * 7, number_of_events=1)
    add_ct_event(one, protocol="Head", ctdivol="50", dlp="800")
    widths = _widths(export_workbook(tmp_path, "ct")["All data"])
    assert widths["Study description"] == excel_width(xlsx_sheets.MAX_COLUMN_WIDTH)


def _fluoroscopy_study(events: int, accession: str = "RF-LONG"):
    one = make_study("RF", accession_number=accession, number_of_events=events, station=make_station("Cath lab 2"))
    for number in range(1, events + 1):
        add_projection_event(
            one,
            protocol="Fluoro" if number % 2 else "Acquisition",
            event_type="Fluoroscopy" if number % 2 else "Stationary Acquisition",
            dose_area_product_gym2=Decimal(number) / 1_000_000,
            date_time_started=datetime.datetime(2024, 3, 5, 9, 0, number, tzinfo=datetime.UTC),
        )
    return one


def test_all_data_keeps_the_first_events_and_says_how_many_more_are_on_the_events_sheet(tmp_path):
    bound = xlsx_writer.ALL_DATA_MAX_EVENTS
    assert bound == 20
    _fluoroscopy_study(bound + 5)
    short = make_study("RF", accession_number="RF-SHORT", when=site_datetime(2024, 1, 2), number_of_events=1)
    add_projection_event(short, protocol="Fluoro", event_type="Fluoroscopy", dose_area_product_gym2=Decimal("0.0002"))
    workbook = export_workbook(tmp_path, "rf")
    header, long_row, short_row = _rows(workbook["All data"])
    assert header[0] == "Study number"
    assert f"E{bound} Protocol" in header and f"E{bound + 1} Protocol" not in header
    first_event = header.index("E1 Time")
    assert header[first_event - 2 : first_event] == (
        "Events (all on Events sheet)",
        "Events not shown here",
    )
    assert len(header) == first_event + bound * len(RF_EXPORT.event_columns)
    long_values = dict(zip(header, long_row, strict=True))
    assert long_values["Study number"] == 1
    assert long_values["Events (all on Events sheet)"] == bound + 5
    assert long_values["Events not shown here"] == 5
    assert long_values[f"E{bound} DAP (cGy.cm²)"] == pytest.approx(bound)
    short_values = dict(zip(header, short_row, strict=True))
    assert short_values["Study number"] == 2
    assert short_values["Events (all on Events sheet)"] == 1
    assert short_values["Events not shown here"] == 0
    assert short_values["E2 Protocol"] is None


def test_the_events_sheet_has_every_event_of_every_study_with_its_study_keys(tmp_path):
    _fluoroscopy_study(25)
    short = make_study(
        "RF", accession_number="RF-SHORT", when=site_datetime(2024, 1, 2, 8, 5), station=make_station("RF Room 1")
    )
    add_projection_event(short, protocol="Fluoro", event_type="Fluoroscopy", dose_area_product_gym2=Decimal("0.0002"))
    workbook = export_workbook(tmp_path, "rf")
    header, *rows = _rows(workbook["Events"])
    assert header == EVENT_KEY_HEADERS + tuple(column.header for column in RF_EXPORT.event_columns)
    assert len(rows) == 26
    records = [dict(zip(header, row, strict=True)) for row in rows]
    assert [(row["Study number"], row["Event number"]) for row in records] == [(1, n) for n in range(1, 26)] + [(2, 1)]
    assert {row["Accession number"] for row in records[:25]} == {"RF-LONG"}
    assert {row["Display name"] for row in records[:25]} == {"Cath lab 2"}
    assert [row["DAP (cGy.cm²)"] for row in records[:25]] == [pytest.approx(n) for n in range(1, 26)]
    assert records[24]["Time"] == datetime.datetime(2024, 3, 5, 9, 0, 25)
    assert records[24]["Protocol"] == "Fluoro"
    assert records[25] == {
        **dict.fromkeys(header),
        "Accession number": "RF-SHORT",
        "Study date": datetime.datetime(2024, 1, 2),
        "Study time": datetime.time(8, 5),
        "Display name": "RF Room 1",
        "Study number": 2,
        "Event number": 1,
        "Protocol": "Fluoro",
        "Type": "Fluoroscopy",
        "DAP (cGy.cm²)": pytest.approx(200),
    }


def test_the_events_sheet_continues_on_further_sheets_past_excels_row_limit(tmp_path, monkeypatch):
    # Two data rows a sheet: five events need Events, Events (2) and Events (3).
    monkeypatch.setattr(xlsx_writer, "EXCEL_MAX_ROWS", 3)
    for number in range(2):
        one = make_study("CT", accession_number=f"PART-{number}", when=site_datetime(2024, 2, 1 + number))
        for protocol in ("Head", "Neck", "Chest")[: 3 - number]:
            add_ct_event(one, protocol=protocol, ctdivol="5", dlp="50")
    workbook = export_workbook(tmp_path, "ct")
    assert workbook.sheetnames == ["Summary", "All data", "Events", "Events (2)", "Events (3)", "Chest", "Head", "Neck"]
    keys = [
        (row["Accession number"], row["Event number"], row["Protocol"])
        for name in ("Events", "Events (2)", "Events (3)")
        for row in _records(workbook[name])
    ]
    assert keys == [
        ("PART-1", 1, "Head"),
        ("PART-1", 2, "Neck"),
        ("PART-0", 1, "Head"),
        ("PART-0", 2, "Neck"),
        ("PART-0", 3, "Chest"),
    ]
    assert all(workbook[name].freeze_panes == "A2" for name in ("Events (2)", "Events (3)"))


def test_events_added_while_an_export_runs_are_written_on_a_new_part_never_dropped(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_writer, "EXCEL_MAX_ROWS", 3)
    events = [{"acquisition_protocol": protocol} for protocol in ("Head", "Neck", "Head")]
    path = tmp_path / "late.xlsx"
    written = xlsx_writer.write_xlsx(
        CT_EXPORT,
        [[({"pk": 1, "accession_number": "LATE"}, events)]],
        path,
        event_count=3,
        study_count=1,
        frequency_tables=[],
        # Counted before a third event arrived: the Events sheet was planned as one part of two rows.
        protocols=[("Head", 1), ("Neck", 1)],
        exported_at=datetime.datetime(2024, 3, 5, 10, 0, tzinfo=datetime.UTC),
    )
    assert written == 1
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Summary", "All data", "Events", "Head", "Neck", "Events (2)"]
    rows = _records(workbook["Events"]) + _records(workbook["Events (2)"])
    assert [(row["Event number"], row["Protocol"]) for row in rows] == [(1, "Head"), (2, "Neck"), (3, "Head")]


def test_a_protocol_too_common_for_one_sheet_fails_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_writer, "EXCEL_MAX_ROWS", 3)
    first = make_study("CT", accession_number="MANY-1")
    add_ct_event(first, protocol="head", ctdivol="5", dlp="50")
    add_ct_event(first, protocol="head", ctdivol="5", dlp="50")
    add_ct_event(make_study("CT", accession_number="MANY-2"), protocol="head", ctdivol="5", dlp="50")
    with pytest.raises(xlsx_writer.ExportTooLarge, match="sheet 'head' would pass Excel's 3 rows; use a CSV export"):
        export_workbook(tmp_path, "ct")
    assert not list(tmp_path.glob("ct.xlsx*"))


def test_dates_excel_cannot_show_are_empty_cells_in_xlsx_and_iso_text_in_csv(tmp_path):
    one = make_study("RF", accession_number="YEAR-1", when=site_datetime(1, 1, 1), number_of_events=2)
    add_projection_event(one, protocol="Fluoro", date_time_started=datetime.datetime(1, 1, 1, tzinfo=datetime.UTC))
    add_projection_event(
        one, protocol="Fluoro", date_time_started=datetime.datetime(1900, 3, 1, 12, tzinfo=datetime.UTC)
    )
    workbook = export_workbook(tmp_path, "rf")
    values = _records(workbook["All data"])[0]
    assert values["Study date"] is None
    assert values["E1 Time"] is None
    assert values["E2 Time"] == datetime.datetime(1900, 3, 1, 12, 0)
    events = _records(workbook["Events"])
    assert [row["Study date"] for row in events] == [None, None]
    assert [row["Time"] for row in events] == [None, datetime.datetime(1900, 3, 1, 12, 0)]
    header, row = export_rows(tmp_path, "rf")
    assert as_dict(header, row)["Study date"] == "0001-01-01"


def test_the_ct_protocol_sheet_columns_are_unchanged(tmp_path):
    _case_variant_studies()
    header = _rows(export_workbook(tmp_path, "ct")["Head"])[0]
    assert header[-len(CT_EVENT_COLUMNS) :] == tuple(column.header for column in CT_EVENT_COLUMNS)
