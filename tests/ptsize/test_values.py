"""Height and weight cells: centimetres and kilograms in, metres and implausible values kept out."""

from decimal import Decimal

import pytest

from remapp.ptsize.values import ValueStatus, check_height_cm, check_weight_kg


@pytest.mark.parametrize(
    ("raw", "status", "value"),
    [
        ("172", ValueStatus.OK, Decimal("172.00")),
        (" 172.456 ", ValueStatus.OK, Decimal("172.46")),
        ("172,5", ValueStatus.OK, Decimal("172.50")),
        ("172 cm", ValueStatus.OK, Decimal("172.00")),
        ("45", ValueStatus.OK, Decimal("45.00")),
        ("1.72", ValueStatus.LOOKS_LIKE_METRES, None),
        ("0.5", ValueStatus.LOOKS_LIKE_METRES, None),
        ("5.9", ValueStatus.IMPLAUSIBLE, None),
        ("300", ValueStatus.IMPLAUSIBLE, None),
        ("-170", ValueStatus.IMPLAUSIBLE, None),
        ("tall", ValueStatus.NOT_A_NUMBER, None),
        ("NaN", ValueStatus.NOT_A_NUMBER, None),
        ("1,234.5", ValueStatus.NOT_A_NUMBER, None),
        ("", ValueStatus.BLANK, None),
        ("   ", ValueStatus.BLANK, None),
    ],
)
def test_it_checks_heights_in_centimetres(raw, status, value):
    checked = check_height_cm(raw)
    assert (checked.status, checked.value) == (status, value)


@pytest.mark.parametrize(
    ("raw", "status", "value"),
    [
        ("80.5", ValueStatus.OK, Decimal("80.50")),
        ("3,2", ValueStatus.OK, Decimal("3.20")),
        ("72kg", ValueStatus.OK, Decimal("72.00")),
        ("0.45", ValueStatus.OK, Decimal("0.45")),
        ("80500", ValueStatus.IMPLAUSIBLE, None),
        ("0", ValueStatus.IMPLAUSIBLE, None),
        ("inf", ValueStatus.NOT_A_NUMBER, None),
        ("80 lb", ValueStatus.NOT_A_NUMBER, None),
        ("", ValueStatus.BLANK, None),
    ],
)
def test_it_checks_weights_in_kilograms(raw, status, value):
    checked = check_weight_kg(raw)
    assert (checked.status, checked.value) == (status, value)
