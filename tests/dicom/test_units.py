"""The one unit converter: exact factors, vendor misspellings, unknown units never guessed."""

from decimal import Decimal

import pytest

from remapp.dicom.units import conversion_factor, convert, is_known_unit


@pytest.mark.parametrize(
    "value, unit, target, expected",
    [
        ("1.5", "dGy.cm2", "Gy.m2", "0.000015"),
        ("12", "cGy.cm2", "Gy.m2", "0.000012"),
        ("3", "Gy.cm2", "Gy.m2", "0.0003"),
        ("250", "mGy.cm2", "Gy.m2", "0.000025"),
        ("0.5", "Gym2", "Gy.m2", "0.5"),
        ("2.5", "mGy", "Gy", "0.0025"),
        ("7", "uGy", "Gy", "0.000007"),
        ("0.012", "Gy", "mGy", "12"),
        ("415.82", "mGycm", "mGy.cm", "415.82"),
        ("1.5", "Gy.cm", "mGy.cm", "1500"),
        ("40", "ms", "s", "0.04"),
        ("0.04", "s", "ms", "40"),
        ("5", "{events}", "1", "5"),
        ("2", "X-ray sources", "1", "2"),
        ("1.375", "{ratio}", "1", "1.375"),
        ("600", "mm", "m", "0.6"),
        ("25", "cm2", "m2", "0.0025"),
        ("120", "kV", "kV", "120"),
    ],
)
def test_it_converts_exactly_by_the_declared_unit(value, unit, target, expected):
    assert convert(Decimal(value), unit, target) == Decimal(expected)


def test_it_keeps_the_decimal_string_when_no_conversion_is_needed():
    assert str(convert(Decimal("7.460"), "mGy.cm", "mGy.cm")) == "7.460"


@pytest.mark.parametrize("unit", ["furlong", "mGy.furlong", "", "Gy.m"])
def test_it_does_not_guess_an_unknown_unit(unit, caplog):
    assert convert(Decimal("1"), unit, "Gy.m2") is None


def test_it_refuses_a_unit_of_another_dimension():
    assert convert(Decimal("1"), "mGy", "Gy.m2") is None
    assert conversion_factor("s", "mm") is None


def test_a_missing_unit_gives_no_value():
    assert convert(Decimal("1"), None, "mGy") is None


def test_it_knows_annotations_are_unity():
    assert is_known_unit("{pulses}")
    assert not is_known_unit("pulses")
