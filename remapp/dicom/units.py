"""The one measurement-unit converter: a value in the unit its SR item declares -> the unit a field stores.

``convert(value, from_unit, to_unit)`` multiplies by an exact power-of-ten (or other exact) factor, so a
Decimal from the DICOM string stays exact. Units are UCUM code values as DICOM writes them
("dGy.cm2", "mGy.cm", "{events}"); known vendor misspellings ("Gym2", "mGycm") are aliases. A unit that
is unknown, or of another dimension than the target, gives None and a log line: a value is never guessed.
"""

from __future__ import annotations

import logging
from decimal import Decimal

logger = logging.getLogger(__name__)

# unit -> (dimension, factor to the dimension's reference unit). Factors are exact Decimal strings.
_UNITS: dict[str, tuple[str, Decimal]] = {}


def _define(dimension: str, factors: dict[str, str]) -> None:
    for unit, factor in factors.items():
        _UNITS[unit] = (dimension, Decimal(factor))


_define("dose", {"Gy": "1", "dGy": "0.1", "cGy": "0.01", "mGy": "0.001", "uGy": "0.000001", "nGy": "1E-9"})
_define("equivalent dose", {"Sv": "1", "mSv": "0.001", "uSv": "0.000001"})
_define(
    "dose area product",
    {
        "Gy.m2": "1",
        "dGy.m2": "0.1",
        "cGy.m2": "0.01",
        "mGy.m2": "0.001",
        "uGy.m2": "0.000001",
        "Gy.cm2": "0.0001",
        "dGy.cm2": "0.00001",
        "cGy.cm2": "0.000001",
        "mGy.cm2": "1E-7",
        "uGy.cm2": "1E-10",
    },
)
_define("dose length product", {"mGy.cm": "1", "Gy.cm": "1000", "mGy.mm": "0.1", "mGy.m": "100"})
_define("length", {"m": "1", "cm": "0.01", "mm": "0.001", "um": "0.000001"})
_define("area", {"m2": "1", "cm2": "0.0001", "mm2": "0.000001"})
# UCUM "a" is the Julian year (365.25 d): patient ages in years.
_define("time", {"s": "1", "ms": "0.001", "us": "0.000001", "min": "60", "h": "3600", "d": "86400", "a": "31557600"})
_define("mass", {"kg": "1", "g": "0.001"})
_define("voltage", {"kV": "1", "V": "0.001"})
_define("current", {"mA": "1", "A": "1000", "uA": "0.001"})
_define("charge", {"mA.s": "1", "A.s": "1000", "uA.s": "0.001"})
_define("rate", {"/s": "1", "{pulse}/s": "1", "{pulses}/s": "1", "Hz": "1"})
_define("angle", {"deg": "1"})
_define("force", {"N": "1", "daN": "10", "kN": "1000"})
_define("pressure", {"kPa": "1", "Pa": "0.001", "hPa": "0.1"})
_define("percent", {"%": "1"})
_define("ctdi per charge", {"mGy/mA.s": "1", "mGy/(mA.s)": "1"})
_define("effective dose per dlp", {"mSv/mGy.cm": "1", "mSv/(mGy.cm)": "1"})
# UCUM: "1" and any bare annotation "{...}" are unity (ratios, counts of events, sources, pulses, frames).
_define("unity", {"1": "1"})

# Misspellings seen from real modalities, mapped to the UCUM they mean.
ALIASES: dict[str, str] = {
    "Gym2": "Gy.m2",
    "pulse/s": "{pulse}/s",
    "Gy m2": "Gy.m2",
    "Gy*m2": "Gy.m2",
    "dGycm2": "dGy.cm2",
    "cGycm2": "cGy.cm2",
    "mGycm2": "mGy.cm2",
    "uGym2": "uGy.m2",
    "mGycm": "mGy.cm",
    "mGy*cm": "mGy.cm",
    "mGy cm": "mGy.cm",
    "X-ray sources": "1",
    "X-Ray sources": "1",
    "mAs": "mA.s",
    "uAs": "uA.s",
    "sec": "s",
    "msec": "ms",
    "mSv/mGycm": "mSv/mGy.cm",
}

_warned: set[tuple[str, str]] = set()


def _lookup(unit: str) -> tuple[str, Decimal] | None:
    unit = ALIASES.get(unit, unit)
    found = _UNITS.get(unit)
    if found is None and unit.startswith("{") and unit.endswith("}"):
        found = _UNITS["1"]
    return found


def is_known_unit(unit: str) -> bool:
    """Whether ``unit`` (a UCUM code value or a known misspelling) can be converted."""
    return _lookup(unit) is not None


def conversion_factor(from_unit: str, to_unit: str) -> Decimal | None:
    """The exact factor that turns a value in ``from_unit`` into ``to_unit``; None if unknown or incompatible."""
    source, target = _lookup(from_unit), _lookup(to_unit)
    if source is None or target is None or source[0] != target[0]:
        if (from_unit, to_unit) not in _warned:
            _warned.add((from_unit, to_unit))
            logger.warning("Cannot convert unit %r to %r: value not stored", from_unit, to_unit)
        return None
    if source[1] == target[1]:
        return Decimal(1)
    return source[1] / target[1]


def convert(value: Decimal | None, from_unit: str | None, to_unit: str) -> Decimal | None:
    """``value`` given in ``from_unit`` expressed in ``to_unit``; None when the unit is unknown (never guessed)."""
    if value is None:
        return None
    if from_unit is None:
        if (str(from_unit), to_unit) not in _warned:
            _warned.add((str(from_unit), to_unit))
            logger.warning("Value without a unit where %r was expected: not stored", to_unit)
        return None
    factor = conversion_factor(from_unit, to_unit)
    if factor is None:
        return None
    if factor == 1:
        return value
    return value * factor
