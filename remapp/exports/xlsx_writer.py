"""The XLSX writer: a Summary sheet, an All data sheet (one study a row, its first events to the right), an
Events sheet (one irradiation event a row, the long table analysis tools read) and one sheet per series
protocol (one event a row, sheets in alphabetical order; spellings that differ only in letter case or spaces
share a sheet).

xlsxwriter's constant-memory mode keeps one row per sheet in memory and spills the rest to temporary files,
so every sheet is written strictly top to bottom while the studies stream past once.
"""

import datetime
import math
import tempfile
from collections.abc import Iterable
from pathlib import Path

import xlsxwriter

from remapp.exports.cells import DATE, DATETIME, INTEGER, TIME, local_naive
from remapp.exports.columns import Column, ExportSpec
from remapp.exports.csv_writer import event_headers
from remapp.exports.sheet_names import ProtocolGroup, group_protocols, protocol_key, unique_sheet_names
from remapp.exports.xlsx_sheets import Cells, ContinuedSheet, DataSheet, ExportTooLarge
from remapp.version import __version__

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
# The All data sheet shows each study's first ALL_DATA_MAX_EVENTS events in E1..En column groups: a wide
# sheet of hundreds of fluoroscopy events is unreadable and would pass Excel's columns. The Events sheet has
# every event.
ALL_DATA_MAX_EVENTS = 20
# Each protocol sheet holds an open temporary file; past this many, the rarest protocols share one sheet.
MAX_PROTOCOL_SHEETS = 200
# A sheet's note lists at most this many spellings; the Summary lists them all.
MAX_NOTE_SPELLINGS = 20
PROTOCOL_SHEET_STUDY_KEYS = {
    "station__display_name",
    "accession_number",
    "study_date",
    "study_time",
    "patient_study__patient_age_years",
    "patient__patient_sex",
    "patient_study__height_m",
    "patient_study__weight_kg",
    "study_description",
    "requested_procedure",
}
# The study keys starting each Events row, in this order, then its study and event numbers.
EVENTS_SHEET_STUDY_KEYS = ("accession_number", "study_date", "study_time", "station__display_name")
SUMMARY_SHEET = "Summary"
ALL_DATA_SHEET = "All data"
EVENTS_SHEET = "Events"
OTHER_PROTOCOLS_SHEET = "Other protocols"
STUDY_NUMBER = "Study number"
EVENT_NUMBER = "Event number"
EVENTS_IN_STUDY = "Events (all on Events sheet)"
EVENTS_NOT_SHOWN = "Events not shown here"
PROTOCOL_KEY = "acquisition_protocol"


def protocol_study_columns(spec: ExportSpec) -> tuple[Column, ...]:
    """The study columns repeated on each protocol sheet row: who, when, where and what was asked for.

    Fewer than the all-data sheet's, because every event repeats them; the all-data sheet has the rest.
    """
    return tuple(column for column in spec.study_columns if column.key in PROTOCOL_SHEET_STUDY_KEYS)


def events_study_columns(spec: ExportSpec) -> tuple[Column, ...]:
    """The study keys at the start of each Events row."""
    by_key = {column.key: column for column in spec.study_columns}
    return tuple(by_key[key] for key in EVENTS_SHEET_STUDY_KEYS if key in by_key)


def all_data_event_groups(spec: ExportSpec) -> int:
    """How many E1..En column groups the All data sheet may have: the bound, or fewer if Excel's columns end."""
    fixed = 1 + len(spec.study_columns) + 2
    return min(ALL_DATA_MAX_EVENTS, (EXCEL_MAX_COLUMNS - fixed) // max(1, len(spec.event_columns)))


def _kinds(columns: Iterable[Column]) -> list[tuple[str, str]]:
    return [(column.header, column.kind) for column in columns]


def _spellings_note(group: ProtocolGroup) -> str:
    shown = ", ".join(f'"{spelling}" {count}' for spelling, count in group.spellings[:MAX_NOTE_SPELLINGS])
    more = len(group.spellings) - MAX_NOTE_SPELLINGS
    if more > 0:
        shown += f" and {more} more (see the Summary sheet)"
    return f"Series protocols on this sheet (letter case and spaces ignored): {shown}"


def plan_protocol_sheets(groups: list[ProtocolGroup], taken: set[str]) -> dict[str, str]:
    """The sheet name of each protocol group that gets a sheet (by group key); the rest go on Other protocols."""
    kept = groups[:MAX_PROTOCOL_SHEETS]
    names = unique_sheet_names(sorted((group.name for group in kept), key=str.lower), taken)
    return {group.key: names[group.name] for group in kept}


def _check_fits(study_count: int, groups: list[ProtocolGroup], sheet_names: dict[str, str]) -> None:
    """Fail before writing anything when the counts already show that a sheet would pass Excel's rows."""
    rows = EXCEL_MAX_ROWS - 1
    if study_count > rows:
        raise ExportTooLarge(f"more than {rows:,} studies do not fit one sheet; use a CSV export")
    series = {}
    for group in groups:
        name = sheet_names.get(group.key, OTHER_PROTOCOLS_SHEET)
        series[name] = series.get(name, 0) + group.series
    for name, count in series.items():
        if count > rows:
            raise ExportTooLarge(f"sheet '{name}' would pass Excel's {EXCEL_MAX_ROWS:,} rows; use a CSV export")


class _Book:
    """The workbook being written: its formats, its sheets and the spec's cell writers."""

    def __init__(self, workbook, spec: ExportSpec, event_groups: int):
        self.workbook = workbook
        self.spec = spec
        self.event_groups = event_groups
        self.formats = {
            DATE: workbook.add_format({"num_format": "yyyy-mm-dd"}),
            TIME: workbook.add_format({"num_format": "hh:mm:ss"}),
            DATETIME: workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
            "header": workbook.add_format({"bold": True}),
        }
        self.study_cells = Cells(spec.study_columns, self.formats)
        self.event_cells = Cells(spec.event_columns, self.formats)
        self.protocol_study_cells = Cells(protocol_study_columns(spec), self.formats)
        self.events_study_cells = Cells(events_study_columns(spec), self.formats)
        self.other_protocols = None
        self.data_sheets = []

    def data_sheet(self, name: str, columns: list[tuple[str, str]], note=None) -> DataSheet:
        """A new data sheet; the row limit is read now so that tests can lower it."""
        sheet = DataSheet(self.workbook, name, columns, self.formats, EXCEL_MAX_ROWS, note)
        self.data_sheets.append(sheet)
        return sheet

    def all_data_sheet(self) -> DataSheet:
        """The All data sheet: study number, study columns, event counts, then the E1..En groups."""
        columns = [(STUDY_NUMBER, INTEGER), *_kinds(self.spec.study_columns)]
        columns += [(EVENTS_IN_STUDY, INTEGER), (EVENTS_NOT_SHOWN, INTEGER)]
        headers = event_headers(self.spec.event_columns, self.event_groups)
        kinds = [column.kind for column in self.spec.event_columns] * self.event_groups
        return self.data_sheet(ALL_DATA_SHEET, columns + list(zip(headers, kinds, strict=True)))

    def events_part(self, name: str) -> DataSheet:
        """One part of the Events sheet: the study keys, study and event numbers, then the event columns."""
        columns = [*_kinds(events_study_columns(self.spec)), (STUDY_NUMBER, INTEGER), (EVENT_NUMBER, INTEGER)]
        return self.data_sheet(name, columns + _kinds(self.spec.event_columns))

    def protocol_sheet(self, name: str, note: str) -> DataSheet:
        """A protocol sheet, with ``note`` on its Protocol header."""
        study_columns = protocol_study_columns(self.spec)
        event_keys = [column.key for column in self.spec.event_columns]
        protocol_column = len(study_columns) + (event_keys.index(PROTOCOL_KEY) if PROTOCOL_KEY in event_keys else 0)
        columns = _kinds(study_columns) + _kinds(self.spec.event_columns)
        return self.data_sheet(name, columns, (protocol_column, note))

    def protocol_sheets(self, groups: list[ProtocolGroup], sheet_names: dict[str, str]) -> dict[str, DataSheet]:
        """The protocol groups' sheets in alphabetical order, by group key, and Other protocols if needed."""
        kept = sorted((group for group in groups if group.key in sheet_names), key=lambda g: sheet_names[g.key].lower())
        sheets = {group.key: self.protocol_sheet(sheet_names[group.key], _spellings_note(group)) for group in kept}
        if len(kept) < len(groups):
            self.add_other_protocols()
        return sheets

    def add_other_protocols(self) -> DataSheet:
        """The sheet the rarest protocols share (and protocols imported while the export ran)."""
        if self.other_protocols is None:
            note = "Series protocols too rare for a sheet of their own: the Summary sheet's Sheet column names them"
            self.other_protocols = self.protocol_sheet(OTHER_PROTOCOLS_SHEET, note)
        return self.other_protocols


def _summary_notes(study_count: int, event_total: int, groups: int) -> list[tuple[str, object]]:
    return [
        ("OpenREM version", __version__),
        ("Number of exams", study_count),
        ("Number of irradiation events", event_total),
        (
            "All data sheet",
            f"one study a row with its first {groups} events to the right; "
            "every event of every study is on the Events sheet",
        ),
        (
            "Events sheet",
            "one irradiation event a row, with its study's keys and its study number on the All data sheet; "
            f"past Excel's {EXCEL_MAX_ROWS:,} rows it continues on Events (2) and so on",
        ),
        (
            "Protocol sheets",
            "one sheet per series protocol, alphabetical; spellings that differ only in letter case or spaces "
            "share a sheet named after the most frequent one (see the Sheet column below)",
        ),
    ]


def _write_summary(sheet, formats: dict, exported_at, notes: list, tables: list) -> None:
    """Export time and the notes, then the frequency tables side by side; tables are (headers, rows)."""
    sheet.write_string(0, 0, "Export time")
    sheet.write_datetime(0, 1, local_naive(exported_at), formats[DATETIME])
    for row, (label, value) in enumerate(notes, start=1):
        sheet.write_string(row, 0, label)
        if isinstance(value, str):
            sheet.write_string(row, 1, value)
        else:
            sheet.write_number(row, 1, value)
    first = len(notes) + 2
    starts = []
    column = 0
    for headers, _ in tables:
        starts.append(column)
        sheet.write_row(first, column, headers, formats["header"])
        column += len(headers) + 1
    longest = max((len(rows) for _, rows in tables), default=0)
    for offset in range(longest):
        for start, (_, rows) in zip(starts, tables, strict=True):
            if offset < len(rows):
                for number, value in enumerate(rows[offset]):
                    if isinstance(value, str):
                        if value:
                            sheet.write_string(first + 1 + offset, start + number, value)
                    else:
                        sheet.write_number(first + 1 + offset, start + number, value)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, max(column, 2), 24)


def write_xlsx(
    spec: ExportSpec,
    chunks: Iterable,
    path: Path,
    *,
    event_count: int,
    study_count: int,
    frequency_tables: list[tuple[str, list[tuple[str, int]]]],
    protocols: list[tuple[str, int]],
    exported_at: datetime.datetime,
) -> int:
    """Write the workbook for these chunks of (study, events) to ``path``; returns the number of studies.

    ``protocols`` are (spelling, number of series) over the export: they name the protocol sheets and plan
    the Events sheet's parts.
    """
    groups = group_protocols(protocols)
    event_total = sum(count for _, count in protocols)
    event_parts = max(1, math.ceil(event_total / (EXCEL_MAX_ROWS - 1)))
    planned_events = ContinuedSheet.planned_names(EVENTS_SHEET, event_parts)
    taken = {SUMMARY_SHEET, ALL_DATA_SHEET, OTHER_PROTOCOLS_SHEET, *planned_events}
    sheet_names = plan_protocol_sheets(groups, taken)
    _check_fits(study_count, groups, sheet_names)
    event_groups = all_data_event_groups(spec)
    # The sheets' row files live in a scratch folder of their own: when an export fails or is aborted the
    # workbook is abandoned unassembled (assembling a big one would delay the abort) and the folder removed.
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".xlsx-rows-") as scratch:
        workbook = xlsxwriter.Workbook(
            str(path),
            {"constant_memory": True, "tmpdir": scratch, "strings_to_numbers": False, "strings_to_urls": False},
        )
        book = _Book(workbook, spec, min(event_count, event_groups))
        summary = workbook.add_worksheet(SUMMARY_SHEET)
        all_data = book.all_data_sheet()
        used = {name.lower() for name in taken | set(sheet_names.values())}
        events = ContinuedSheet(book.events_part, EVENTS_SHEET, event_parts, used)
        protocol_sheets = book.protocol_sheets(groups, sheet_names)
        protocol_table = [
            (spelling, count, sheet_names.get(protocol_key(spelling), OTHER_PROTOCOLS_SHEET))
            for spelling, count in protocols
        ]
        tables = [([title, "Frequency"], rows) for title, rows in frequency_tables]
        tables.append((["Series protocol", "Frequency", "Sheet"], protocol_table))
        _write_summary(
            summary, book.formats, exported_at, _summary_notes(study_count, event_total, event_groups), tables
        )
        written = _write_rows(book, chunks, all_data, events, protocol_sheets)
        for sheet in book.data_sheets:
            sheet.finish()
        workbook.close()
    return written


def _write_rows(book: _Book, chunks: Iterable, all_data: DataSheet, events: ContinuedSheet, protocol_sheets) -> int:
    """Each study on All data, each of its events on the Events sheet and on its protocol's sheet."""
    spec = book.spec
    study_width = len(spec.study_columns)
    event_width = len(spec.event_columns)
    counts_column = 1 + study_width
    first_event_column = counts_column + 2
    events_keys_width = book.events_study_cells.width
    protocol_study_width = book.protocol_study_cells.width
    sheet_of_spelling = {}  # the exact spellings seen, so the grouping key is worked out once per spelling
    written = 0
    for chunk in chunks:
        for study, study_events in chunk:
            written += 1
            row = all_data.next_row()
            all_data.sheet.write_number(row, 0, written)
            all_data.put(row, 1, book.study_cells, study)
            shown = min(len(study_events), book.event_groups)
            all_data.sheet.write_number(row, counts_column, len(study_events))
            all_data.sheet.write_number(row, counts_column + 1, len(study_events) - shown)
            for number, event in enumerate(study_events, start=1):
                if number <= shown:
                    all_data.put(row, first_event_column + (number - 1) * event_width, book.event_cells, event)
                part, part_row = events.next_row()
                part.put(part_row, 0, book.events_study_cells, study)
                part.sheet.write_number(part_row, events_keys_width, written)
                part.sheet.write_number(part_row, events_keys_width + 1, number)
                part.put(part_row, events_keys_width + 2, book.event_cells, event)
                spelling = event.get(PROTOCOL_KEY) or ""
                sheet = sheet_of_spelling.get(spelling)
                if sheet is None:
                    sheet = protocol_sheets.get(protocol_key(spelling)) or book.add_other_protocols()
                    sheet_of_spelling[spelling] = sheet
                sheet_row = sheet.next_row()
                sheet.put(sheet_row, 0, book.protocol_study_cells, study)
                sheet.put(sheet_row, protocol_study_width, book.event_cells, event)
    return written
