"""Age bands of the CT effective dose conversion factors (AAPM Report 96, Table 4: 0, 1, 5, 10 years, adult).

Each patient takes the factors of the nearest reference age; 15 years and over (and anyone nearer 15 than 10)
takes the adult factors because the tables have no 15-year column. Boundaries lie halfway between reference
ages, and a boundary age belongs to the older band:

    0      newborn      0   <= age < 0.5 y
    1      1 year       0.5 <= age < 3 y
    5      5 years      3   <= age < 7.5 y
    10     10 years     7.5 <= age < 12.5 y
    adult  adult        age >= 12.5 y

A DICOM age in whole years (``007Y``) therefore falls in 5 y up to 7, 10 y from 8 to 12, adult from 13.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

AGE_BANDS = ("0", "1", "5", "10", "adult")
AGE_BAND_LABELS = {"0": "newborn", "1": "1 year", "5": "5 years", "10": "10 years", "adult": "adult"}
AGE_BAND_RULE = "nearest reference age (0, 1, 5, 10 y; adult from 12.5 y), boundaries halfway, boundary goes up"

# (lower bound in years, band), oldest first: the first bound the age reaches gives the band.
_LOWER_BOUNDS = ((Decimal("12.5"), "adult"), (Decimal("7.5"), "10"), (Decimal("3"), "5"), (Decimal("0.5"), "1"))


@dataclass(frozen=True)
class AgeBandResult:
    """The age band of a patient, or no band and the reason."""

    band: str | None
    age_years: Decimal | None
    rule: str = AGE_BAND_RULE
    reason: str | None = None


def _as_decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def age_band(age_years: Decimal | int | float | str | None) -> AgeBandResult:
    """The conversion-factor age band (0, 1, 5, 10, adult) of a patient's age in years at the study."""
    if age_years is None:
        return AgeBandResult(None, None, reason="patient age not known")
    age = _as_decimal(age_years)
    if age is None:
        return AgeBandResult(None, None, reason=f"patient age {age_years!r} is not a number")
    if age < 0:
        return AgeBandResult(None, age, reason=f"patient age {age} y is negative")
    for lower, band in _LOWER_BOUNDS:
        if age >= lower:
            return AgeBandResult(band, age)
    return AgeBandResult("0", age)
