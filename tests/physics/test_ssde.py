"""SSDE: the reported value first, else the TG-204 fit on the water-equivalent diameter, only within 8-45 cm."""

from decimal import Decimal

import pytest
from pydicom.sr.coding import Code

from remapp.physics.phantoms import BODY_PHANTOM, HEAD_PHANTOM
from remapp.physics.ssde import METHOD_FIT, METHOD_REPORTED, SsdeResult, ssde

CTDIVOL = Decimal("10")


@pytest.mark.parametrize(
    "diameter_mm, phantom, factor",
    [
        # f = a exp(-b D): 3.704369 exp(-0.03671937 x 8) = 2.76147..., TG-204 tabulates 2.76 at 8 cm.
        (Decimal("80"), BODY_PHANTOM, "2.7615"),
        (Decimal("450"), BODY_PHANTOM, "0.7097"),
        (Decimal("250"), BODY_PHANTOM, "1.4792"),
        (Decimal("80"), HEAD_PHANTOM, "1.3755"),
        (Decimal("450"), HEAD_PHANTOM, "0.3284"),
        (Decimal("250"), HEAD_PHANTOM, "0.7122"),
    ],
)
def test_the_fit_gives_the_published_factor_inside_its_range(diameter_mm, phantom, factor):
    result = ssde(CTDIVOL, None, diameter_mm, phantom)

    assert result.conversion_factor == Decimal(factor)
    assert result.value_mgy == CTDIVOL * Decimal(factor)
    assert (result.method, result.water_equivalent_diameter_cm, result.reason) == (
        METHOD_FIT,
        diameter_mm / 10,
        None,
    )


def test_the_fit_records_its_source_and_parameters():
    result = ssde(Decimal("12.5"), None, Decimal("300"), BODY_PHANTOM)

    assert result == SsdeResult(
        value_mgy=Decimal("12.5") * Decimal("1.2311"),
        method=METHOD_FIT,
        source="AAPM Report 204 fit for the 32 cm phantom",
        ctdivol_mgy=Decimal("12.5"),
        water_equivalent_diameter_cm=Decimal("30"),
        phantom_cm=32,
        conversion_factor=Decimal("1.2311"),
        reason=None,
    )


@pytest.mark.parametrize("diameter_mm, shown", [(Decimal("79.9"), "7.99"), (Decimal("450.1"), "45.01")])
def test_a_diameter_outside_8_to_45_cm_gets_no_value(diameter_mm, shown):
    result = ssde(CTDIVOL, None, diameter_mm, BODY_PHANTOM)

    assert (result.value_mgy, result.method) == (None, None)
    assert result.reason == f"water-equivalent diameter {shown} cm is outside the 8-45 cm range of the TG-204 fit"


def test_the_reported_value_is_preferred_to_the_fit():
    result = ssde(CTDIVOL, Decimal("14.2"), Decimal("250"), BODY_PHANTOM)

    assert (result.value_mgy, result.method, result.conversion_factor) == (Decimal("14.2"), METHOD_REPORTED, None)


def test_a_reported_value_needs_no_diameter_or_phantom():
    assert ssde(None, Decimal("3.1"), None, None).value_mgy == Decimal("3.1")


def test_a_negative_reported_value_is_set_aside_for_the_fit():
    result = ssde(CTDIVOL, Decimal("-1"), Decimal("250"), BODY_PHANTOM)

    assert (result.value_mgy, result.method) == (Decimal("14.7920"), METHOD_FIT)


@pytest.mark.parametrize(
    "ctdivol, diameter_mm, phantom, reason",
    [
        (None, Decimal("250"), BODY_PHANTOM, "no CTDIvol and no SSDE reported"),
        (Decimal("-2"), Decimal("250"), BODY_PHANTOM, "CTDIvol -2 mGy is not a dose"),
        (CTDIVOL, None, BODY_PHANTOM, "no SSDE and no water-equivalent diameter"),
        (CTDIVOL, Decimal("250"), None, "no CTDIw phantom type reported, so no TG-204 fit can be chosen"),
        (
            CTDIVOL,
            Decimal("250"),
            Code("130541", "DCM", "10 cm Dosimetry Phantom"),
            "no TG-204 fit for the CTDIw phantom '10 cm Dosimetry Phantom' (DCM 130541)",
        ),
    ],
)
def test_an_ssde_that_cannot_be_had_is_blank_with_the_reason(ctdivol, diameter_mm, phantom, reason):
    result = ssde(ctdivol, None, diameter_mm, phantom)

    assert (result.value_mgy, result.reason) == (None, reason)
