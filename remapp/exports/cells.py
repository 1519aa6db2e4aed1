"""Cell values: how one stored value becomes a CSV field or an XLSX cell, per kind of column.

Numbers stay numbers, dates stay dates, a missing value is an empty cell (never "None"), and text that a
spreadsheet would run as a formula gets an apostrophe wherever a spreadsheet could start a cell in it.
"""

import datetime
import re
from decimal import Decimal

from django.utils import timezone

TEXT = "text"
NUMBER = "number"
INTEGER = "integer"
DATE = "date"
TIME = "time"
DATETIME = "datetime"
KINDS = (TEXT, NUMBER, INTEGER, DATE, TIME, DATETIME)

# Characters that make Excel or LibreOffice read a cell as a formula (OWASP "CSV injection" list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A spreadsheet that opens a comma-separated file with ";" as its separator (the list separator of most of
# Europe) starts a new cell after every ";" and, outside quotes it has lost track of, after every line break,
# wherever they are in the field; quotes cannot help there, so the text after them is neutralised too.
_INNER_CELL_START = re.compile(r'(?<=[;\r\n])(?="*[=+\-@\t\r])')
_INNER_SEPARATORS = re.compile(r"[;\r\n]")
# Fields holding either separator, a quote or a line break are quoted (RFC 4180, plus ";").
_NEEDS_QUOTES = re.compile(r'[,;"\r\n]')


def safe_text(value) -> str:
    """Text for a spreadsheet: empty for None, an apostrophe before a formula character where a cell can start."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        text = "'" + text
    if _INNER_SEPARATORS.search(text):
        text = _INNER_CELL_START.sub("'", text)
    return text


def csv_field(text: str) -> str:
    """One CSV field from its text: quoted when it holds a comma, semicolon, quote mark or line break."""
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(value) -> str:
    """A text value as a CSV field: neutralised as ``safe_text`` does, then quoted if it needs it."""
    return csv_field(safe_text(value))


def number_text(value) -> str:
    """A number as plain decimal text without exponent or trailing zeros; empty for None."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, Decimal):
        # Stored measurements carry 15 decimal places: 120.000000000000000 reads 120. String trimming is
        # cheaper than normalize(); exponent forms (0E-15) take the exact route.
        if "E" in text:
            return format(value.normalize(), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text


def local_naive(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime in the site's zone without tzinfo, as spreadsheets store them."""
    if timezone.is_aware(value):
        try:
            value = timezone.localtime(value)
        except OverflowError:
            # 0001-01-01 (an unset modality clock) has no local time west of Greenwich: keep it in UTC.
            value = value.astimezone(datetime.UTC)
    return value.replace(tzinfo=None)


def _csv_date(value) -> str:
    return "" if value is None else value.isoformat()


def _csv_datetime(value) -> str:
    return "" if value is None else local_naive(value).isoformat(sep=" ")


def _csv_integer(value) -> str:
    return "" if value is None else str(int(value))


# Every converter gives a finished CSV field: only text can hold characters that need quoting.
CSV_CONVERTERS = {
    TEXT: csv_text,
    NUMBER: number_text,
    INTEGER: _csv_integer,
    DATE: _csv_date,
    TIME: _csv_date,
    DATETIME: _csv_datetime,
}


def csv_converter(kind: str):
    """The function turning a stored value of this kind into a CSV field."""
    return CSV_CONVERTERS[kind]
