"""DICOM value representations and SR item readers."""

import datetime as dt
from decimal import Decimal

import pytest
from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.dicom.content import ContentItem
from remapp.dicom.values import (
    code,
    count,
    datetime_value,
    header_age_years,
    header_date,
    header_decimal,
    header_text,
    mean,
    measurement,
    num,
    nums,
    parse_as,
    parse_da,
    parse_ds,
    parse_dt,
    parse_is,
    parse_tm,
    text,
    uid,
)

KVP = Code("113733", "DCM", "KVP")


def _num(*values, unit="kV"):
    return ContentItem(KVP, "NUM", "CONTAINS", tuple(Decimal(v) for v in values), Code(unit, "UCUM", unit))


@pytest.mark.parametrize(
    "value, expected",
    [("20180105", dt.date(2018, 1, 5)), ("2018.01.05", dt.date(2018, 1, 5)), ("", None), ("20181305", None)],
)
def test_it_reads_dates(value, expected):
    assert parse_da(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("110145.000", dt.time(11, 1, 45)),
        ("1101", dt.time(11, 1)),
        ("11", dt.time(11)),
        ("11:01:45", dt.time(11, 1, 45)),
        ("172103.083003", dt.time(17, 21, 3, 83003)),
        ("256000", None),
        ("abc", None),
    ],
)
def test_it_reads_times(value, expected):
    assert parse_tm(value) == expected


def test_it_reads_datetimes_with_and_without_offset():
    assert parse_dt("20180105172103.083003") == dt.datetime(2018, 1, 5, 17, 21, 3, 83003)
    assert parse_dt("2018010517") == dt.datetime(2018, 1, 5, 17)
    with_offset = parse_dt("20180105172103+0100")
    assert with_offset.utcoffset() == dt.timedelta(hours=1)
    assert parse_dt("2018x") is None


@pytest.mark.parametrize(
    "value, expected",
    [("045Y", "45.000"), ("006M", "0.500"), ("052W", "0.997"), ("365D", "0.999"), ("45Y", None), ("", None)],
)
def test_it_turns_age_strings_into_years(value, expected):
    assert parse_as(value) == (None if expected is None else Decimal(expected))


def test_it_keeps_the_exact_decimal_string():
    assert str(parse_ds(" 0.150 ")) == "0.150"
    assert parse_ds("1e3") == Decimal("1000")
    assert parse_ds("NaN") is None
    assert parse_ds("1E20") is None
    assert parse_is("12\\13") == 12


def test_it_reads_header_values_by_keyword():
    ds = Dataset()
    ds.StudyDate = "20130611"
    ds.PatientAge = "061Y"
    ds.PatientWeight = "72.5"
    ds.StationName = "CTAWP91919"
    assert header_date(ds, "StudyDate") == dt.date(2013, 6, 11)
    assert header_age_years(ds) == Decimal("61.000")
    assert header_decimal(ds, "PatientWeight") == Decimal("72.5")
    assert header_text(ds, "StationName") == "CTAWP91919"
    assert header_text(ds, "InstitutionName") == ""


def test_num_reads_one_value_and_refuses_to_pick_one_of_several():
    assert num(_num("120")) == Decimal("120")
    assert num(_num("10.50", "15.00")) is None
    assert nums(_num("10.50", "15.00")) == (Decimal("10.50"), Decimal("15.00"))
    assert mean(nums(_num("80", "81", "82"))) == Decimal("81")
    assert num(None) is None


def test_measurement_converts_by_the_items_unit():
    assert measurement(_num("250", unit="ms"), "s") == Decimal("0.250")
    assert measurement(_num("250", unit="parsec"), "s") is None


def test_count_takes_only_whole_numbers():
    assert count(_num("3", unit="{events}")) == 3
    assert count(_num("2.5", unit="{events}")) is None
    assert count(_num("-1", unit="{events}")) is None


def test_item_readers_give_empty_values_for_missing_or_wrong_items():
    yes = Code("373066001", "SCT", "Yes")
    assert code(ContentItem(KVP, "CODE", "", yes)) == yes
    assert code(None) is None
    assert text(ContentItem(KVP, "TEXT", "", "A")) == "A"
    assert text(ContentItem(KVP, "NUM", "", (Decimal(1),))) == ""
    assert uid(None) == ""
    assert datetime_value(ContentItem(KVP, "DATETIME", "", "20180105")) == dt.datetime(2018, 1, 5)
