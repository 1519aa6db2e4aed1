"""Cell values: how one stored value becomes a CSV field or an XLSX cell, per kind of column.

Numbers stay numbers, dates stay dates, a missing value is an empty cell (never "None"), and text that a
spreadsheet would run as a formula gets a leading apostrophe.
"""

import datetime
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


def safe_text(value) -> str:
    """Text for a spreadsheet: empty for None, and an apostrophe before a leading formula character."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


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
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def _csv_date(value) -> str:
    return "" if value is None else value.isoformat()


def _csv_datetime(value) -> str:
    return "" if value is None else local_naive(value).isoformat(sep=" ")


def _csv_integer(value) -> str:
    return "" if value is None else str(int(value))


CSV_CONVERTERS = {
    TEXT: safe_text,
    NUMBER: number_text,
    INTEGER: _csv_integer,
    DATE: _csv_date,
    TIME: _csv_date,
    DATETIME: _csv_datetime,
}


def csv_converter(kind: str):
    """The function turning a stored value of this kind into CSV text."""
    return CSV_CONVERTERS[kind]
