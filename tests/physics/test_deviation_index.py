"""Deviation index bands after AAPM TG-116, boundaries included, and the gaps TG-116 leaves unnamed."""

from decimal import Decimal

import pytest

from remapp.physics.deviation_index import deviation_index_band


@pytest.mark.parametrize(
    "di, band",
    [
        ("3.01", "excessive"),
        ("3", "over"),
        ("1", "over"),
        ("0.99", "above_target"),
        ("0.51", "above_target"),
        ("0.5", "target"),
        ("0", "target"),
        ("-0.5", "target"),
        ("-0.51", "below_target"),
        ("-1", "below_target"),
        ("-1.01", "under"),
        ("-3", "under"),
        ("-3.01", "repeat"),
        ("-12", "repeat"),
    ],
)
def test_each_deviation_index_falls_in_its_band(di, band):
    result = deviation_index_band(Decimal(di))

    assert (result.band, result.deviation_index, result.reason) == (band, Decimal(di), None)


def test_a_band_carries_its_label_rule_and_source():
    result = deviation_index_band(Decimal("3.5"))

    assert result.label == "Excessive patient radiation exposure"
    assert result.source == "AAPM TG-116 (Shepard et al., Med Phys 2009;36:2898-2914)"
    assert result.rule.startswith("> +3 excessive; +1..+3 over;")


@pytest.mark.parametrize(
    "di, reason", [(None, "no deviation index"), (Decimal("NaN"), "deviation index NaN is not a number")]
)
def test_no_band_without_a_usable_deviation_index(di, reason):
    result = deviation_index_band(di)

    assert (result.band, result.label, result.reason) == (None, None, reason)
