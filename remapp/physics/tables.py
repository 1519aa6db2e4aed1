"""Reading the published tables kept as CSV data files, with one-line errors naming the file, line and field.

A table file is UTF-8 text: ``# key: value`` header lines (``name``, ``title``, ``source``, ``extends``), then
a row of column titles, then one row per value. Further lines starting with ``#`` and blank lines are comments.
A value may not span lines. The loaders of each table (k-factors, target regions, SSDE fits) check the values.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

HEADER_KEYS = frozenset({"name", "title", "source", "extends"})


class PhysicsTableError(ValueError):
    """A table file that cannot be used; the message is one line naming the file, line and field."""


@dataclass(frozen=True)
class TableRow:
    """One data row: its line number in the file and its fields by column title."""

    line: int
    fields: dict[str, str]


@dataclass(frozen=True)
class TableFile:
    """A table file as read: its file name, header values and data rows (not yet checked)."""

    file_name: str
    header: dict[str, str]
    rows: tuple[TableRow, ...]

    def where(self, row: TableRow, field: str) -> str:
        """'file line N, field F': the place a value error is reported at."""
        return f"{self.file_name} line {row.line}, field {field}"


def _one_line(text: str) -> str:
    return repr(text.replace("\r", " ").replace("\n", " "))


def parse_table_text(text: str, file_name: str, columns: tuple[str, ...]) -> TableFile:
    """A table's header and rows from its text; columns must all be present (extra columns are kept)."""
    header: dict[str, str] = {}
    titles: list[str] | None = None
    rows: list[TableRow] = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if titles is None:
                key, sep, value = stripped[1:].partition(":")
                key = key.strip().lower()
                if sep and key in HEADER_KEYS:
                    # Several 'source' lines make one citation list.
                    header[key] = f"{header[key]} {value.strip()}" if key in header else value.strip()
            continue
        values = [value.strip() for value in next(csv.reader([line]))]
        if titles is None:
            titles = [title.lower() for title in values]
            missing = [column for column in columns if column not in titles]
            if missing:
                raise PhysicsTableError(f"{file_name} line {number}: missing column(s) {', '.join(missing)}")
            continue
        if len(values) != len(titles):
            raise PhysicsTableError(f"{file_name} line {number}: {len(values)} fields where {len(titles)} are expected")
        rows.append(TableRow(number, dict(zip(titles, values, strict=True))))
    if titles is None:
        raise PhysicsTableError(f"{file_name}: no row of column titles")
    return TableFile(file_name, header, tuple(rows))


def read_table_file(path: Path | str, columns: tuple[str, ...]) -> TableFile:
    """A site's table file from disk; unreadable or non-UTF-8 files give a PhysicsTableError."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PhysicsTableError(f"{path.name}: cannot be read ({error.__class__.__name__})") from error
    return parse_table_text(text, path.name, columns)


def read_builtin_table(file_name: str, columns: tuple[str, ...]) -> TableFile:
    """One of the published tables shipped in remapp/physics/data."""
    text = resources.files("remapp.physics").joinpath("data").joinpath(file_name).read_text(encoding="utf-8")
    return parse_table_text(text, file_name, columns)


def positive_decimal(table: TableFile, row: TableRow, field: str) -> Decimal:
    """The field as an exact Decimal greater than zero, or a PhysicsTableError naming the row and field."""
    text = row.fields[field]
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        raise PhysicsTableError(f"{table.where(row, field)}: {_one_line(text)} is not a number") from None
    if not value.is_finite():
        raise PhysicsTableError(f"{table.where(row, field)}: {_one_line(text)} is not a finite number")
    if value <= 0:
        raise PhysicsTableError(f"{table.where(row, field)}: {text} must be greater than zero")
    return value


def choice(table: TableFile, row: TableRow, field: str, allowed: tuple[str, ...], what: str) -> str:
    """The field when it is one of ``allowed`` (compared in lower case), else a PhysicsTableError."""
    value = row.fields[field].lower()
    if value not in allowed:
        raise PhysicsTableError(
            f"{table.where(row, field)}: unknown {what} {_one_line(row.fields[field])} (known: {', '.join(allowed)})"
        )
    return value


def required_text(table: TableFile, row: TableRow, field: str) -> str:
    """The field's text, which may not be blank."""
    value = row.fields[field]
    if not value:
        raise PhysicsTableError(f"{table.where(row, field)}: may not be blank")
    return value
