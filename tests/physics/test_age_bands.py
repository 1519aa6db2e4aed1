"""Age bands of the paediatric conversion factors: nearest reference age, boundaries halfway, boundary goes up."""

from decimal import Decimal

import pytest

from remapp.physics.age_bands import age_band


@pytest.mark.parametrize(
    "age, band",
    [
        (Decimal("0"), "0"),
        (Decimal("0.499"), "0"),
        (Decimal("0.5"), "1"),
        (Decimal("2.999"), "1"),
        (Decimal("3"), "5"),
        (Decimal("7"), "5"),
        (Decimal("7.499"), "5"),
        (Decimal("7.5"), "10"),
        (Decimal("8"), "10"),
        (Decimal("12"), "10"),
        (Decimal("12.499"), "10"),
        (Decimal("12.5"), "adult"),
        (Decimal("13"), "adult"),
        (Decimal("15"), "adult"),
        (Decimal("87.25"), "adult"),
        (1, "1"),
        (10, "10"),
        (0.25, "0"),
        ("4.5", "5"),
    ],
)
def test_each_age_falls_in_its_band(age, band):
    result = age_band(age)

    assert (result.band, result.reason) == (band, None)


@pytest.mark.parametrize(
    "age, reason",
    [
        (None, "patient age not known"),
        (Decimal("-1"), "patient age -1 y is negative"),
        ("abc", "patient age 'abc' is not a number"),
        (Decimal("NaN"), "patient age Decimal('NaN') is not a number"),
        (True, "patient age True is not a number"),
    ],
)
def test_an_unusable_age_gets_no_band_and_the_reason(age, reason):
    result = age_band(age)

    assert (result.band, result.reason) == (None, reason)
