"""Reading one height or weight cell: numbers in cm and kg, with the checks that keep bad values out."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

# Plausible ranges. Outside them a value is logged and not stored: a wrong size is worse than none.
HEIGHT_CM_MIN = Decimal("20")  # the smallest premature neonates are around 25 cm
HEIGHT_CM_MAX = Decimal("260")
# Between these a "height" is almost certainly metres (1.72 rather than 172 cm).
HEIGHT_METRES_MIN = Decimal("0.2")
HEIGHT_METRES_MAX = Decimal("2.6")
WEIGHT_KG_MIN = Decimal("0.2")  # extremely premature neonates
WEIGHT_KG_MAX = Decimal("500")
TWO_PLACES = Decimal("0.01")

_UNIT_SUFFIX = {"height": re.compile(r"\s*cm\s*$", re.IGNORECASE), "weight": re.compile(r"\s*kg\s*$", re.IGNORECASE)}


class ValueStatus(StrEnum):
    BLANK = "blank"
    OK = "ok"
    NOT_A_NUMBER = "not a number"
    LOOKS_LIKE_METRES = "looks like metres"
    IMPLAUSIBLE = "implausible"


@dataclass(frozen=True)
class CheckedValue:
    """One cell after checking: a usable value in cm or kg, or why it cannot be stored."""

    status: ValueStatus
    value: Decimal | None = None
    raw: str = ""

    @property
    def usable(self) -> bool:
        return self.status == ValueStatus.OK


def _to_decimal(text: str, quantity: str) -> Decimal | None:
    text = _UNIT_SUFFIX[quantity].sub("", text)
    # A lone decimal comma ("72,5") is how many European RIS exports write numbers.
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def check_height_cm(raw: str) -> CheckedValue:
    """Check a height cell that should hold centimetres."""
    text = (raw or "").strip()
    if not text:
        return CheckedValue(ValueStatus.BLANK)
    number = _to_decimal(text, "height")
    if number is None:
        return CheckedValue(ValueStatus.NOT_A_NUMBER, raw=text)
    if HEIGHT_METRES_MIN <= number <= HEIGHT_METRES_MAX:
        return CheckedValue(ValueStatus.LOOKS_LIKE_METRES, raw=text)
    if not HEIGHT_CM_MIN <= number <= HEIGHT_CM_MAX:
        return CheckedValue(ValueStatus.IMPLAUSIBLE, raw=text)
    return CheckedValue(ValueStatus.OK, number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP), text)


def check_weight_kg(raw: str) -> CheckedValue:
    """Check a weight cell that should hold kilograms."""
    text = (raw or "").strip()
    if not text:
        return CheckedValue(ValueStatus.BLANK)
    number = _to_decimal(text, "weight")
    if number is None:
        return CheckedValue(ValueStatus.NOT_A_NUMBER, raw=text)
    if not WEIGHT_KG_MIN <= number <= WEIGHT_KG_MAX:
        return CheckedValue(ValueStatus.IMPLAUSIBLE, raw=text)
    return CheckedValue(ValueStatus.OK, number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP), text)
