"""The CSV writer: one row per study (events in columns E1..En, or study columns only) or one per exposure.

Rows are joined here rather than by the csv module, which cannot quote a field for holding a ";": every field
comes finished from ``cells`` (neutralised, and quoted when it holds a separator, quote mark or line break).
"""

from collections.abc import Iterable
from typing import TextIO

from remapp.exports.cells import csv_converter, csv_field
from remapp.exports.columns import Column, ExportSpec

LINE_END = "\r\n"


def event_headers(columns: Iterable[Column], event_count: int) -> list[str]:
    """Headers of the E1..En column groups."""
    return [f"E{number} {column.header}" for number in range(1, event_count + 1) for column in columns]


def _row_converter(columns: tuple[Column, ...]):
    """A function turning one dict into the CSV texts of these columns (built once, used for every row)."""
    getters = [(column.key, _with_unit(column.convert, csv_converter(column.kind))) for column in columns]

    def convert(row: dict) -> list[str]:
        return [to_text(row.get(key)) for key, to_text in getters]

    return convert


def _with_unit(unit, to_text):
    """The column's text conversion, after its unit conversion if it has one."""
    if unit is None:
        return to_text
    return lambda value: to_text(None if value is None else unit(value))


def csv_headers(spec: ExportSpec, event_count: int) -> list[str]:
    """The header row of this spec's CSV."""
    if spec.csv_layout == "exposures":
        return list(spec.fixed_headers)
    headers = [column.header for column in spec.study_columns]
    if spec.csv_layout == "events":
        headers += event_headers(spec.event_columns, event_count)
    return headers


def _line(fields: list[str]) -> str:
    return ",".join(fields) + LINE_END


def write_csv(spec: ExportSpec, chunks: Iterable, out: TextIO, event_count: int) -> int:
    """Write the CSV for these chunks of (study, events) to ``out``; returns the number of studies written."""
    out.write(_line([csv_field(header) for header in csv_headers(spec, event_count)]))
    study_cells = _row_converter(spec.study_columns)
    event_cells = _row_converter(spec.event_columns)
    empty_event = [""] * len(spec.event_columns)
    written = 0
    for chunk in chunks:
        rows = []
        for study, events in chunk:
            written += 1
            if spec.csv_layout == "exposures":
                # A fixed layout gives plain texts, already neutralised: only the quoting is left to do.
                rows.extend([csv_field(text) for text in row] for row in spec.fixed_rows(written, study, events))
                continue
            row = study_cells(study)
            if spec.csv_layout == "events":
                for event in events:
                    row += event_cells(event)
                # Pad so every row has as many fields as the header: readers then see empty cells, not short rows.
                row += empty_event * (event_count - len(events))
            rows.append(row)
        out.write("".join(map(_line, rows)))
    return written
