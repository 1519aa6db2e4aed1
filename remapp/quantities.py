"""Displayed quantities: each named once with its label, stored unit, display unit and display decimals.

Pages and exports both ask this module: pages show ``format_stored(name, value)`` (the display unit, a fixed
number of decimals so a column lines up: 548.0 beside 596.1), exports write ``to_display`` at full precision.
Every conversion goes through the one units converter, ``remapp.dicom.units``. No Django here.

The stored unit is the unit of the model fields the quantity is read from (named in the field name); the
display unit is what a physicist reads and types into a filter. Decimals are chosen so the smallest values
real modalities report still show (fluoroscopy runs of 0.01 cGy.cm², radiographs of 0.37 mAs, rotation
times of 0.275 s), without false precision on the large ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from remapp.dicom.units import conversion_factor

# How a UCUM unit is written in headings and filter labels (units not listed are written as they are).
UNIT_LABELS = {
    "cGy.cm2": "cGy.cm²",
    "cm2": "cm²",
    "mA.s": "mAs",
    "/s": "pulse/s",
    "deg": "°",
    "1": "",
    "a": "years",
    "mSv/mGy.cm": "mSv/(mGy.cm)",
}


@dataclass(frozen=True)
class Quantity:
    """One displayed quantity: what it is called, the unit it is stored in, and how it is shown."""

    label: str
    stored_unit: str
    display_unit: str
    decimals: int
    # Stored value x factor = displayed value; exact (a power of ten), from the units converter.
    factor: Decimal = field(init=False)

    def __post_init__(self):
        factor = conversion_factor(self.stored_unit, self.display_unit)
        if factor is None:
            raise ValueError(f"{self.label}: cannot convert {self.stored_unit} to {self.display_unit}")
        object.__setattr__(self, "factor", factor)

    @property
    def converts(self) -> bool:
        """Whether the displayed value differs from the stored one (exports skip the call when it does not)."""
        return self.factor != 1

    @property
    def unit_label(self) -> str:
        """The display unit as headings write it ("cGy.cm²"); empty for a ratio."""
        return UNIT_LABELS.get(self.display_unit, self.display_unit)

    def heading(self, label: str | None = None) -> str:
        """A column heading naming the display unit: "DLP (mGy.cm)", or ``label`` with the unit."""
        text = label or self.label
        return f"{text} ({self.unit_label})" if self.unit_label else text

    def to_display(self, stored) -> Decimal | None:
        """A stored value in the display unit at full precision; None stays None."""
        if stored is None:
            return None
        value = stored if isinstance(stored, Decimal) else Decimal(str(stored))
        return value if self.factor == 1 else value * self.factor

    def to_stored(self, displayed) -> Decimal | None:
        """A value typed in the display unit (a filter bound) in the stored unit; None stays None."""
        if displayed is None:
            return None
        value = displayed if isinstance(displayed, Decimal) else Decimal(str(displayed))
        return value if self.factor == 1 else value / self.factor

    def format(self, stored) -> str:
        """A stored value as page text: display unit, this quantity's decimals (half up), no separators."""
        try:
            value = self.to_display(stored)
        except (InvalidOperation, ValueError, TypeError):
            return ""
        if value is None or not value.is_finite():
            return ""
        rounded = value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)
        if rounded.is_zero():
            rounded = abs(rounded)  # "-0.0" would read as a value below zero
        return f"{rounded:f}"


def _q(label: str, stored_unit: str, display_unit: str | None = None, decimals: int = 1) -> Quantity:
    return Quantity(label, stored_unit, display_unit or stored_unit, decimals)


QUANTITIES: dict[str, Quantity] = {
    # CT dose (TID 10011-10013) and dose check (TID 10015)
    "dlp": _q("DLP", "mGy.cm", decimals=1),
    "ctdivol": _q("CTDIvol", "mGy", decimals=2),
    "ssde": _q("SSDE", "mGy", decimals=2),
    "water_equivalent_diameter": _q("Water equivalent diameter", "mm", "cm", decimals=1),
    "effective_dose": _q("Effective dose", "mSv", decimals=2),
    "effective_dose_conversion_factor": _q("Conversion factor", "mSv/mGy.cm", decimals=4),
    # CT acquisition
    "ct_exposure_time": _q("Exposure time", "s", decimals=2),
    "rotation_time": _q("Rotation time", "s", decimals=3),
    "scanning_length": _q("Scanning length", "mm", decimals=1),
    "total_collimation": _q("Total collimation", "mm", decimals=1),
    "single_collimation": _q("Single collimation", "mm", decimals=3),
    "pitch": _q("Pitch", "1", decimals=3),
    # X-ray source, both families
    "kvp": _q("kVp", "kV", decimals=0),
    "tube_current": _q("Tube current", "mA", decimals=1),
    # Projection dose (TID 10001-10003)
    "dap": _q("DAP", "Gy.m2", "cGy.cm2", decimals=2),
    "dose_rp": _q("Dose at RP", "Gy", "mGy", decimals=2),
    "entrance_exposure": _q("Entrance exposure at RP", "mGy", decimals=2),
    "agd": _q("AGD", "mGy", decimals=2),
    "exposure": _q("Exposure", "uA.s", "mA.s", decimals=2),
    "exposure_time": _q("Exposure time", "ms", decimals=1),
    "pulse_width": _q("Pulse width", "ms", decimals=1),
    "duration": _q("Duration", "s", decimals=1),
    "pulse_rate": _q("Pulse rate", "/s", decimals=1),
    "field_area": _q("Field area", "m2", "cm2", decimals=1),
    "focal_spot": _q("Focal spot", "mm", decimals=1),
    "filter_thickness": _q("Filter thickness", "mm", decimals=3),
    "angle": _q("Angle", "deg", decimals=1),
    "distance": _q("Distance", "mm", decimals=0),
    "compression_thickness": _q("Compression thickness", "mm", decimals=1),
    "compression_force": _q("Compression force", "N", decimals=0),
    "exposure_index": _q("Exposure index", "1", decimals=0),
    "deviation_index": _q("Deviation index", "1", decimals=1),
    # Patient
    "age": _q("Age", "a", decimals=1),
    "height": _q("Height", "m", decimals=2),
    "height_cm": _q("Height", "cm", "m", decimals=2),
    "weight": _q("Weight", "kg", decimals=1),
}


def quantity(name: str) -> Quantity:
    """The quantity of this name; KeyError names the unknown one."""
    try:
        return QUANTITIES[name]
    except KeyError:
        raise KeyError(f"unknown quantity {name!r}") from None


def format_stored(name: str, stored) -> str:
    """A stored value of this quantity as page text ("" when not recorded)."""
    return quantity(name).format(stored)
