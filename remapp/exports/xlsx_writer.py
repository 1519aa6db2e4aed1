"""The XLSX writer: a summary sheet, an all-data sheet (one study a row, events to the right) and one sheet
per series protocol (one event a row, sheets in alphabetical order).

xlsxwriter's constant-memory mode keeps one row per sheet in memory and spills the rest to temporary files,
so every sheet is written strictly top to bottom while the studies stream past once.
"""

import datetime
import tempfile
from collections.abc import Iterable
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from remapp.exports.cells import DATE, DATETIME, INTEGER, NUMBER, TEXT, TIME, local_naive
from remapp.exports.columns import Column, ExportSpec
from remapp.exports.csv_writer import event_headers
from remapp.exports.sheet_names import unique_sheet_names
from remapp.version import __version__

EXCEL_MAX_ROWS = 1_048_576
# Each protocol sheet holds an open temporary file; past this many, the rarest protocols share one sheet.
MAX_PROTOCOL_SHEETS = 200
PROTOCOL_SHEET_STUDY_KEYS = {
    "station__display_name",
    "accession_number",
    "study_date",
    "study_time",
    "patient_study__patient_age_years",
    "patient__patient_sex",
    "patient_study__patient_size_m",
    "patient_study__patient_weight_kg",
    "study_description",
    "requested_procedure",
}
SUMMARY_SHEET = "Summary"
ALL_DATA_SHEET = "All data"
OTHER_PROTOCOLS_SHEET = "Other protocols"


class ExportTooLarge(Exception):
    """A sheet would pass Excel's row limit."""


def _cell_writer(column: Column, formats: dict):
    """put(sheet, row, column number, value): writes one stored value as the right kind of cell."""
    unit = column.convert
    if column.kind in (NUMBER, INTEGER):
        if unit is None:  # the common case, called for most cells: no extra call per cell
            return lambda sheet, row, col, value: sheet.write_number(row, col, float(value))
        return lambda sheet, row, col, value: sheet.write_number(row, col, float(unit(value)))
    if column.kind == TEXT:
        # write_string never makes a formula, so "=..." stays the text it was.
        if unit is None:
            return lambda sheet, row, col, value: sheet.write_string(row, col, str(value))
        return lambda sheet, row, col, value: sheet.write_string(row, col, str(unit(value)))
    if column.kind == DATETIME:
        return lambda sheet, row, col, value: sheet.write_datetime(row, col, local_naive(value), formats[DATETIME])
    date_format = formats[column.kind]
    return lambda sheet, row, col, value: sheet.write_datetime(row, col, value, date_format)


class _Cells:
    """Writes one dict's columns into a sheet row with the right cell type per column; skips missing values."""

    def __init__(self, columns: tuple[Column, ...], formats: dict):
        self.writers = [(number, column.key, _cell_writer(column, formats)) for number, column in enumerate(columns)]

    def write(self, sheet: Worksheet, row: int, first_column: int, values: dict) -> None:
        for number, key, put in self.writers:
            value = values.get(key)
            if value is not None and value != "":
                put(sheet, row, first_column + number, value)


class _ProtocolSheets:
    """One sheet per series protocol, alphabetical, with a row counter per sheet."""

    def __init__(self, workbook, protocols: list[tuple[str, int]], headers: list[str], header_format, taken: set):
        self.workbook = workbook
        self.headers = headers
        self.header_format = header_format
        kept = sorted(protocols, key=lambda pair: -pair[1])[:MAX_PROTOCOL_SHEETS]
        kept_names = sorted((name for name, _ in kept), key=str.lower)
        names = unique_sheet_names(kept_names, taken)
        self.next_row = {}
        self.sheets = {protocol: self._add(names[protocol]) for protocol in kept_names}
        self.other = self._add(OTHER_PROTOCOLS_SHEET) if len(protocols) > len(kept) else None

    def _add(self, name: str) -> Worksheet:
        sheet = self.workbook.add_worksheet(name)
        sheet.write_row(0, 0, self.headers, self.header_format)
        sheet.freeze_panes(1, 0)
        self.next_row[name] = 1
        return sheet

    def claim_row(self, protocol: str) -> tuple[Worksheet, int]:
        """The sheet for this protocol and its next free row."""
        sheet = self.sheets.get(protocol)
        if sheet is None:
            # Rare protocols, or one imported while this export ran, share the last sheet.
            if self.other is None:
                self.other = self._add(OTHER_PROTOCOLS_SHEET)
            sheet = self.other
        row = self.next_row[sheet.name]
        if row >= EXCEL_MAX_ROWS:
            raise ExportTooLarge(f"sheet '{sheet.name}' would pass Excel's {EXCEL_MAX_ROWS:,} rows; use a CSV export")
        self.next_row[sheet.name] = row + 1
        return sheet, row


def protocol_study_columns(spec: ExportSpec) -> tuple[Column, ...]:
    """The study columns repeated on each protocol sheet row: who, when, where and what was asked for.

    Fewer than the all-data sheet's, because every event repeats them; the all-data sheet has the rest.
    """
    return tuple(column for column in spec.study_columns if column.key in PROTOCOL_SHEET_STUDY_KEYS)


def _write_summary(sheet: Worksheet, formats: dict, exported_at, study_count: int, tables: list) -> None:
    """Export time, version, number of exams, then the frequency tables side by side."""
    sheet.write_string(0, 0, "Export time")
    sheet.write_datetime(0, 1, local_naive(exported_at), formats[DATETIME])
    sheet.write_string(1, 0, "OpenREM version")
    sheet.write_string(1, 1, __version__)
    sheet.write_string(2, 0, "Number of exams")
    sheet.write_number(2, 1, study_count)
    first = 4
    for index, (title, _) in enumerate(tables):
        sheet.write_string(first, index * 3, title, formats["header"])
        sheet.write_string(first, index * 3 + 1, "Frequency", formats["header"])
    longest = max((len(rows) for _, rows in tables), default=0)
    for offset in range(longest):
        for index, (_, rows) in enumerate(tables):
            if offset < len(rows):
                value, count = rows[offset]
                if value:
                    sheet.write_string(first + 1 + offset, index * 3, value)
                sheet.write_number(first + 1 + offset, index * 3 + 1, count)
    sheet.set_column(0, len(tables) * 3, 24)


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
    """Write the workbook for these chunks of (study, events) to ``path``; returns the number of studies."""
    # The sheets' row files live in a scratch folder of their own: when an export fails or is aborted the
    # workbook is abandoned unassembled (assembling a big one would delay the abort) and the folder removed.
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".xlsx-rows-") as scratch:
        workbook = xlsxwriter.Workbook(
            str(path),
            {"constant_memory": True, "tmpdir": scratch, "strings_to_numbers": False, "strings_to_urls": False},
        )
        formats = {
            DATE: workbook.add_format({"num_format": "yyyy-mm-dd"}),
            TIME: workbook.add_format({"num_format": "hh:mm:ss"}),
            DATETIME: workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
            "header": workbook.add_format({"bold": True}),
        }
        summary = workbook.add_worksheet(SUMMARY_SHEET)
        all_data = workbook.add_worksheet(ALL_DATA_SHEET)
        study_headers = [column.header for column in spec.study_columns]
        all_data.write_row(0, 0, study_headers + event_headers(spec.event_columns, event_count), formats["header"])
        all_data.freeze_panes(1, 0)
        protocol_headers = [column.header for column in protocol_study_columns(spec)]
        protocol_headers += [column.header for column in spec.event_columns]
        taken = {SUMMARY_SHEET, ALL_DATA_SHEET, OTHER_PROTOCOLS_SHEET}
        protocol_sheets = _ProtocolSheets(workbook, protocols, protocol_headers, formats["header"], taken)
        _write_summary(summary, formats, exported_at, study_count, frequency_tables)
        written = _write_rows(spec, chunks, all_data, protocol_sheets, formats)
        workbook.close()
    return written


def _write_rows(spec: ExportSpec, chunks: Iterable, all_data: Worksheet, protocol_sheets, formats) -> int:
    study_cells = _Cells(spec.study_columns, formats)
    protocol_study_cells = _Cells(protocol_study_columns(spec), formats)
    protocol_study_width = len(protocol_study_columns(spec))
    event_cells = _Cells(spec.event_columns, formats)
    study_width = len(spec.study_columns)
    event_width = len(spec.event_columns)
    written = 0
    for chunk in chunks:
        for study, events in chunk:
            written += 1
            if written >= EXCEL_MAX_ROWS:
                raise ExportTooLarge(f"more than {EXCEL_MAX_ROWS - 1:,} studies do not fit one sheet; use a CSV export")
            study_cells.write(all_data, written, 0, study)
            for number, event in enumerate(events):
                event_cells.write(all_data, written, study_width + number * event_width, event)
                sheet, row = protocol_sheets.claim_row(event.get("acquisition_protocol") or "")
                protocol_study_cells.write(sheet, row, 0, study)
                event_cells.write(sheet, row, protocol_study_width, event)
    return written
