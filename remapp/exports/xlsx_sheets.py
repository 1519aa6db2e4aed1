"""XLSX data sheets: typed cells, a bold frozen header row, an autofilter, column widths and Excel's row limit.

Sheets are written in xlsxwriter's constant-memory mode, strictly top to bottom: anything that belongs to the
header row (its cells, a note on it) is written when the sheet is made, and what depends on all the rows
(the autofilter's range, the column widths) is set by ``finish`` before the workbook closes.
"""

from collections.abc import Callable

from xlsxwriter.worksheet import Worksheet

from remapp.exports.cells import DATE, DATETIME, INTEGER, NUMBER, TEXT, TIME, local_naive
from remapp.exports.columns import Column

# Excel shows no date before 1900-01-01: earlier ones (0001-01-01 from an unset clock) are left empty.
EXCEL_FIRST_YEAR = 1900
# Column widths in characters: text columns fit the longest value among a sheet's first SAMPLED_ROWS rows (or
# the header), other kinds a typical value; none is narrower than MIN_COLUMN_WIDTH (the autofilter button
# needs room) or wider than MAX_COLUMN_WIDTH. Measuring every cell would cost time on every row of a large
# export for no better a result.
MIN_COLUMN_WIDTH = 8
MAX_COLUMN_WIDTH = 50
SAMPLED_ROWS = 200
WIDTH_SPARE = 2  # room for the autofilter button
KIND_WIDTHS = {NUMBER: 10, INTEGER: 6, DATE: len("yyyy-mm-dd"), TIME: len("hh:mm:ss"), DATETIME: 19}
NOTE_SIZE = {"width": 480, "height": 160}


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
    date_format = formats[column.kind]
    if column.kind == DATETIME:

        def put_datetime(sheet, row, col, value):
            local = local_naive(value)
            if local.year >= EXCEL_FIRST_YEAR:
                sheet.write_datetime(row, col, local, date_format)

        return put_datetime
    if column.kind == TIME:
        return lambda sheet, row, col, value: sheet.write_datetime(row, col, value, date_format)

    def put_date(sheet, row, col, value):
        if value.year >= EXCEL_FIRST_YEAR:
            sheet.write_datetime(row, col, value, date_format)

    return put_date


class Cells:
    """Writes one dict's columns into a sheet row with the right cell type per column; skips missing values."""

    def __init__(self, columns: tuple[Column, ...], formats: dict):
        self.width = len(columns)
        self.writers = [(number, column.key, _cell_writer(column, formats)) for number, column in enumerate(columns)]
        self.text_keys = [(number, column.key) for number, column in enumerate(columns) if column.kind == TEXT]

    def write(self, sheet: Worksheet, row: int, first_column: int, values: dict) -> None:
        for number, key, put in self.writers:
            value = values.get(key)
            if value is not None and value != "":
                put(sheet, row, first_column + number, value)

    def measure(self, widths: list[int], first_column: int, values: dict) -> None:
        """Widen ``widths`` of the text columns to fit these values."""
        for number, key in self.text_keys:
            value = values.get(key)
            if value:
                length = len(str(value))
                if length > widths[first_column + number]:
                    widths[first_column + number] = length


class DataSheet:
    """One sheet of rows under a bold, frozen header row with an autofilter over every row written."""

    def __init__(self, workbook, name: str, columns: list[tuple[str, str]], formats: dict, max_rows: int, note=None):
        """``columns`` are (header, kind) pairs; ``note`` is (column number, text) shown on that header cell."""
        self.sheet = workbook.add_worksheet(name)
        self.headers = [header for header, _ in columns]
        self.content_widths = [KIND_WIDTHS.get(kind, 0) for _, kind in columns]
        self.max_rows = max_rows
        self.last_row = 0
        self.sheet.write_row(0, 0, self.headers, formats["header"])
        if note is not None:
            self.sheet.write_comment(0, note[0], note[1], NOTE_SIZE)
        self.sheet.freeze_panes(1, 0)

    @property
    def name(self) -> str:
        """The sheet's name."""
        return self.sheet.name

    @property
    def full(self) -> bool:
        """Whether the sheet has no row left."""
        return self.last_row + 1 >= self.max_rows

    def next_row(self) -> int:
        """The next free row number, or ExportTooLarge past Excel's rows."""
        if self.full:
            raise ExportTooLarge(f"sheet '{self.name}' would pass Excel's {self.max_rows:,} rows; use a CSV export")
        self.last_row += 1
        return self.last_row

    def put(self, row: int, first_column: int, cells: Cells, values: dict) -> None:
        """Write ``values`` with ``cells`` from ``first_column``, measuring text in the first rows."""
        cells.write(self.sheet, row, first_column, values)
        if row <= SAMPLED_ROWS:
            cells.measure(self.content_widths, first_column, values)

    def finish(self) -> None:
        """Set the autofilter over the rows written and the column widths."""
        self.sheet.autofilter(0, 0, self.last_row, len(self.headers) - 1)
        for number, (header, content) in enumerate(zip(self.headers, self.content_widths, strict=True)):
            width = min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, len(header) + WIDTH_SPARE, content + WIDTH_SPARE))
            self.sheet.set_column(number, number, width)


class ContinuedSheet:
    """A sheet that goes on in "Name (2)", "Name (3)"... when full, so no row is dropped at Excel's limit.

    The parts the row count asks for are made at once, beside each other; rows added to the database while
    the export runs can need one more, which is then made at the end of the workbook.
    """

    def __init__(self, make_part: Callable[[str], DataSheet], name: str, parts: int, taken: set[str]):
        """``taken`` holds the lower-case names of the workbook's sheets, these parts' planned names among them."""
        self.make_part = make_part
        self.base_name = name
        self.taken = taken
        self.parts = [make_part(part_name) for part_name in self.planned_names(name, parts)]
        self.current = 0

    @staticmethod
    def planned_names(name: str, parts: int) -> list[str]:
        """The names of the parts made at once: reserve them before naming other sheets."""
        return [name] + [f"{name} ({number})" for number in range(2, parts + 1)]

    def _add_part(self) -> None:
        number = len(self.parts) + 1
        while f"{self.base_name} ({number})".lower() in self.taken:
            number += 1
        name = f"{self.base_name} ({number})"
        self.taken.add(name.lower())
        self.parts.append(self.make_part(name))

    def next_row(self) -> tuple[DataSheet, int]:
        """The part with room and its next free row."""
        while self.parts[self.current].full:
            self.current += 1
            if self.current == len(self.parts):
                self._add_part()
        part = self.parts[self.current]
        return part, part.next_row()
