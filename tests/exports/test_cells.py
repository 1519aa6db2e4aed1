"""Cell conversions: numbers as plain decimals, empty for missing, formula characters escaped."""

import datetime
from decimal import Decimal

import pytest

from remapp.exports.cells import csv_converter, number_text, safe_text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("120.000000000000000"), "120"),
        (Decimal("0.140000000000000"), "0.14"),
        (Decimal("-0.400000000000000"), "-0.4"),
        (Decimal("0E-15"), "0"),
        (Decimal("1E+3"), "1000"),
        (Decimal("100"), "100"),
        (Decimal("0.000000000000001"), "0.000000000000001"),
        (7, "7"),
        (None, ""),
    ],
)
def test_number_text(value, text):
    assert number_text(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("=1+2", "'=1+2"),
        ("+44 20", "'+44 20"),
        ("-x", "'-x"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("a=b", "a=b"),
        (None, ""),
        ("", ""),
    ],
)
def test_safe_text(value, text):
    assert safe_text(value) == text


def test_dates_times_and_integers():
    assert csv_converter("date")(datetime.date(2024, 3, 5)) == "2024-03-05"
    assert csv_converter("time")(datetime.time(9, 5, 7)) == "09:05:07"
    assert csv_converter("integer")(3) == "3"
    assert csv_converter("datetime")(datetime.datetime(2024, 7, 1, 8, 0, tzinfo=datetime.UTC)) == "2024-07-01 09:00:00"
    assert csv_converter("date")(None) == ""


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("a;=1", "a;'=1"),
        ("a;;+1", "a;;'+1"),
        ('a;"=1"', 'a;\'"=1"'),
        ("a\n@x", "a\n'@x"),
        ("a\r\n-x", "a\r\n'-x"),
        ("a;\tb", "a;'\tb"),
        ("=a;-b", "'=a;'-b"),
        ("Copper 0.1 mm; Aluminium 1 mm", "Copper 0.1 mm; Aluminium 1 mm"),
        ("a; -b", "a; -b"),
    ],
)
def test_safe_text_neutralises_every_place_a_semicolon_or_line_reader_starts_a_cell(value, text):
    assert safe_text(value) == text
