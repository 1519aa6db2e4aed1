"""Reading a RIS patient-size CSV file: checks that it is a CSV we can trust before anything is written.

The whole file is read and checked first (size, encoding, quoting, columns, at least one data row), so a bad
file is refused with one clear message and changes nothing.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# Limits keep one upload from filling memory or holding the task for hours. A site may raise them in
# local_settings.py; 60,000 rows of a typical RIS export are about 3 MB.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_ROWS = 500_000
DELIMITERS = (",", ";", "\t")


class PatientSizeCsvError(Exception):
    """A CSV file that cannot be used, with the reason a user can act on."""


def max_bytes() -> int:
    return int(getattr(settings, "OPENREM_PATIENT_SIZE_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_rows() -> int:
    return int(getattr(settings, "OPENREM_PATIENT_SIZE_MAX_ROWS", DEFAULT_MAX_ROWS))


@dataclass(frozen=True)
class SizeRow:
    """One data row reduced to the three chosen cells; ``number`` counts from the first row below the titles."""

    number: int
    identifier: str
    height: str
    weight: str


@dataclass(frozen=True)
class SizeTable:
    """The checked rows of one CSV file."""

    titles: list[str]
    rows: list[SizeRow]


def _size_label(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB"


def _decode(raw: bytes, name: str) -> str:
    """The file's text; UTF-8 (with or without the byte-order mark Excel writes) is the only encoding read."""
    if raw.startswith(b"PK\x03\x04"):
        raise PatientSizeCsvError(f"{name}: this is an Excel workbook or zip file, not CSV; save it as 'CSV UTF-8'")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PatientSizeCsvError(f"{name}: this is UTF-16 text; save it as 'CSV UTF-8' instead")
    if b"\x00" in raw:
        raise PatientSizeCsvError(f"{name}: this is not a CSV text file (it contains binary data)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise PatientSizeCsvError(
            f"{name}: not UTF-8 text (byte 0x{raw[error.start]:02X} on line {line}); save it as 'CSV UTF-8'"
        )


def _delimiter(first_line: str) -> str:
    """Comma unless the title line plainly uses semicolons or tabs (Excel in many European locales)."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _parse(text: str, name: str) -> Iterator[list[str]]:
    """The non-blank rows, one at a time (only the cells a caller keeps stay in memory)."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line), strict=True)
    count = 0
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            count += 1
            if count > max_rows() + 1:  # the title row does not count
                raise PatientSizeCsvError(f"{name}: more than {max_rows():,} rows; split it into smaller files")
            yield row
    except csv.Error as error:
        raise PatientSizeCsvError(f"{name}: not a well-formed CSV file (line {reader.line_num}: {error})")


def check_file_size(size: int, name: str) -> None:
    """Refuse an empty file or one over the size limit (checked before an upload is even stored)."""
    if size == 0:
        raise PatientSizeCsvError(f"{name}: the file is empty")
    if size > max_bytes():
        raise PatientSizeCsvError(
            f"{name}: {_size_label(size)} is larger than the {_size_label(max_bytes())} limit; "
            "split it into smaller files"
        )


def _open_rows(path: Path, name: str) -> tuple[list[str], Iterator[list[str]]]:
    """The title row and an iterator over the data rows, after the size and encoding checks."""
    check_file_size(path.stat().st_size, name)
    rows = _parse(_decode(path.read_bytes(), name), name)
    header = next(rows, None)
    if header is None:
        raise PatientSizeCsvError(f"{name}: the file is empty")
    return header, rows


def _no_data_rows(name: str) -> PatientSizeCsvError:
    return PatientSizeCsvError(f"{name}: the file has column titles but no data rows")


def _titles(header: list[str], name: str) -> list[str]:
    titles = [title.strip() for title in header]
    if len([title for title in titles if title]) < 2:
        raise PatientSizeCsvError(
            f"{name}: found only one column title; a patient-size CSV needs a title row with an identifier column "
            "and a height or weight column, separated by commas"
        )
    return titles


def read_column_titles(path: Path, name: str = "") -> list[str]:
    """The column titles of a CSV file, after checking the whole file is readable and has data rows."""
    name = name or Path(path).name
    header, rows = _open_rows(Path(path), name)
    titles = _titles(header, name)
    if sum(1 for _ in rows) == 0:  # reads to the end, so quoting errors and the row limit show here too
        raise _no_data_rows(name)
    return titles


def _column_index(titles: list[str], wanted: str, role: str, name: str) -> int | None:
    if not wanted:
        return None
    matches = [index for index, title in enumerate(titles) if title == wanted.strip()]
    if not matches:
        known = ", ".join(f'"{title}"' for title in titles if title)
        raise PatientSizeCsvError(f'{name}: no column titled "{wanted}" for the {role}; the columns are {known}')
    if len(matches) > 1:
        raise PatientSizeCsvError(f'{name}: the title "{wanted}" is used by more than one column')
    return matches[0]


def read_size_table(path: Path, id_column: str, height_column: str, weight_column: str, name: str = "") -> SizeTable:
    """Read and check the whole file; the rows keep only the identifier, height and weight cells."""
    name = name or Path(path).name
    if not id_column.strip():
        raise PatientSizeCsvError(f"{name}: no identifier column was chosen")
    if not (height_column.strip() or weight_column.strip()):
        raise PatientSizeCsvError(f"{name}: choose a height column, a weight column or both")
    header, rows = _open_rows(Path(path), name)
    titles = _titles(header, name)
    indexes = [
        _column_index(titles, id_column, "identifier", name),
        _column_index(titles, height_column, "height", name),
        _column_index(titles, weight_column, "weight", name),
    ]

    def cell(row: list[str], index: int | None) -> str:
        return row[index].strip() if index is not None and index < len(row) else ""

    size_rows = [
        SizeRow(number, cell(row, indexes[0]), cell(row, indexes[1]), cell(row, indexes[2]))
        for number, row in enumerate(rows, start=1)
    ]
    if not size_rows:
        raise _no_data_rows(name)
    return SizeTable(titles=titles, rows=size_rows)
