"""Typed readers: SR item values (numbers with units, codes, text, UIDs, date-times) and header values
(DA, TM, DT, DS, IS, AS, strings). No Django here.

Numbers are ``Decimal`` made from the DICOM string itself (no float round trip). A multi-valued number
(several values in one Numeric Value, as Toshiba writes "10.50/ 15.00") is handled one deliberate way:
``num`` gives None for it (which of the values is meant cannot be known; logged), ``nums`` gives every
value so a caller that knows what they mean (e.g. kVp per pulse) can keep them all or their mean.
Dates and times are naive (DICOM carries the site's local time) unless a DT value carries its own offset.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from pydicom.datadict import tag_for_keyword
from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.dicom.content import ContentItem, parse_decimal_string, raw_text
from remapp.dicom.units import convert

logger = logging.getLogger(__name__)

# Largest magnitude a measured value may have: the model's decimal columns hold 15 integer digits.
MAX_MAGNITUDE = Decimal("1E15")


# --- SR content items ---------------------------------------------------------------------------


def nums(item: ContentItem | None) -> tuple[Decimal, ...]:
    """Every value of a NUM item (usually one); empty when absent or when the item has no measured value."""
    if item is None or item.value_type != "NUM" or not isinstance(item.value, tuple):
        return ()
    return tuple(v for v in item.value if abs(v) < MAX_MAGNITUDE)


def num(item: ContentItem | None) -> Decimal | None:
    """The single number of a NUM item in its declared unit; None if absent or multi-valued (see ``nums``)."""
    values = nums(item)
    if len(values) == 1:
        return values[0]
    if values:
        logger.info(
            "%s has %d values; not read as one number", item.concept.meaning if item.concept else "NUM", len(values)
        )
    return None


def mean(values: tuple[Decimal, ...] | list[Decimal]) -> Decimal | None:
    """The exact mean of several values (e.g. kVp per pulse); None for none."""
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def unit(item: ContentItem | None) -> str | None:
    """The UCUM code value of a NUM item's measurement unit."""
    if item is None or item.unit is None:
        return None
    return item.unit.value


def measurement(item: ContentItem | None, to_unit: str) -> Decimal | None:
    """A NUM item's number converted from its declared unit to ``to_unit``; None if absent or unit unknown."""
    value = num(item)
    if value is None:
        return None
    return convert(value, unit(item), to_unit)


def measurements(item: ContentItem | None, to_unit: str) -> list[Decimal]:
    """Every value of a NUM item converted to ``to_unit`` (empty if absent or the unit is unknown)."""
    converted = [convert(v, unit(item), to_unit) for v in nums(item)]
    return [v for v in converted if v is not None]


def count(item: ContentItem | None) -> int | None:
    """A NUM that counts things (events, sources, frames) as a non-negative int; None if not a whole number."""
    value = num(item)
    if value is None or value != value.to_integral_value() or value < 0 or value > 2**31 - 1:
        return None
    return int(value)


def code(item: ContentItem | None) -> Code | None:
    """The coded value of a CODE item."""
    if item is None or not isinstance(item.value, Code):
        return None
    return item.value


def text(item: ContentItem | None) -> str:
    """The value of a TEXT item ('' when absent)."""
    if item is None or item.value_type != "TEXT" or not isinstance(item.value, str):
        return ""
    return item.value


def uid(item: ContentItem | None) -> str:
    """The value of a UIDREF item ('' when absent)."""
    if item is None or item.value_type != "UIDREF" or not isinstance(item.value, str):
        return ""
    return item.value


def datetime_value(item: ContentItem | None) -> dt.datetime | None:
    """The value of a DATETIME item."""
    if item is None or item.value_type != "DATETIME" or not isinstance(item.value, str):
        return None
    return parse_dt(item.value)


# --- value representations ---------------------------------------------------------------------------

_DA = re.compile(r"^(\d{4})\.?(\d{2})\.?(\d{2})$")
_TM = re.compile(r"^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?)?$")
_DT = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,6}))?([+-]\d{4})?$")
_AS = re.compile(r"^(\d{3})([DWMY])$")
_DAYS_PER_YEAR = Decimal("365.25")


def parse_da(value: str | None) -> dt.date | None:
    """DICOM DA 'YYYYMMDD' (or legacy 'YYYY.MM.DD') -> date; None if empty or invalid."""
    match = _DA.match((value or "").strip())
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def parse_tm(value: str | None) -> dt.time | None:
    """DICOM TM 'HHMMSS.FFFFFF' (parts from the right optional, legacy colons allowed) -> time."""
    match = _TM.match((value or "").strip())
    if not match:
        return None
    hour, minute, second, fraction = match.groups()
    try:
        return dt.time(
            int(hour),
            int(minute or 0),
            min(int(second or 0), 59),  # leap second 60 -> 59
            int((fraction or "0").ljust(6, "0")),
        )
    except ValueError:
        return None


def parse_dt(value: str | None) -> dt.datetime | None:
    """DICOM DT 'YYYYMMDDHHMMSS.FFFFFF&ZZXX' (trailing parts optional) -> datetime, aware only if offset given."""
    match = _DT.match((value or "").strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    tzinfo = None
    if offset:
        sign = -1 if offset[0] == "-" else 1
        try:
            tzinfo = dt.timezone(sign * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))
        except ValueError:
            return None
    try:
        return dt.datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            min(int(second or 0), 59),
            int((fraction or "0").ljust(6, "0")),
            tzinfo=tzinfo,
        )
    except ValueError:
        return None


def parse_ds(value: str | None) -> Decimal | None:
    """DICOM DS -> exact Decimal (the first value if several); None if empty, invalid or out of range."""
    values = parse_decimal_string(value)
    if not values or abs(values[0]) >= MAX_MAGNITUDE:
        return None
    return values[0]


def parse_is(value: str | None) -> int | None:
    """DICOM IS -> int (the first value if several)."""
    first = (value or "").split("\\")[0].strip()
    try:
        return int(first)
    except ValueError:
        return None


def parse_as(value: str | None) -> Decimal | None:
    """DICOM AS age string ('045Y', '006M', '010W', '020D') -> age in years, to 3 decimal places."""
    match = _AS.match((value or "").strip())
    if not match:
        return None
    number, period = Decimal(match.group(1)), match.group(2)
    years = {
        "Y": number,
        "M": number / 12,
        "W": number * 7 / _DAYS_PER_YEAR,
        "D": number / _DAYS_PER_YEAR,
    }[period]
    try:
        return years.quantize(Decimal("0.001"))
    except InvalidOperation:
        return None


# --- header (top-level dataset) readers ---------------------------------------------------------------


@lru_cache(maxsize=512)
def _tag(keyword: str) -> int:
    tag = tag_for_keyword(keyword)
    if tag is None:
        raise KeyError(f"not a DICOM keyword: {keyword}")
    return tag


def header_text(dataset: Dataset, keyword: str) -> str:
    """A string attribute of the dataset by keyword ('' when absent); several values joined with a backslash."""
    try:
        value = raw_text(dataset, _tag(keyword))
    except Exception:  # a damaged element: the attribute is treated as absent
        logger.warning("Unreadable %s ignored", keyword)
        return ""
    return value or ""


def header_date(dataset: Dataset, keyword: str) -> dt.date | None:
    """A DA attribute by keyword."""
    return parse_da(header_text(dataset, keyword))


def header_time(dataset: Dataset, keyword: str) -> dt.time | None:
    """A TM attribute by keyword."""
    return parse_tm(header_text(dataset, keyword))


def header_datetime(dataset: Dataset, keyword: str) -> dt.datetime | None:
    """A DT attribute by keyword."""
    return parse_dt(header_text(dataset, keyword))


def header_decimal(dataset: Dataset, keyword: str) -> Decimal | None:
    """A DS attribute by keyword, exact."""
    return parse_ds(header_text(dataset, keyword))


def header_int(dataset: Dataset, keyword: str) -> int | None:
    """An IS (or US) attribute by keyword."""
    return parse_is(header_text(dataset, keyword))


def header_age_years(dataset: Dataset, keyword: str = "PatientAge") -> Decimal | None:
    """An AS attribute by keyword as years."""
    return parse_as(header_text(dataset, keyword))


def combine_date_time(date: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    """A naive datetime from a DA and a TM (midnight when the time is missing)."""
    if date is None:
        return None
    return dt.datetime.combine(date, time or dt.time(0))
