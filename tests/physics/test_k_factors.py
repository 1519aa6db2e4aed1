"""The shipped k-factor tables hold the published values, and a lookup honours region, age band and phantom."""

from decimal import Decimal

import pytest

from remapp.physics.k_factors import builtin_k_factor_tables, k_factor, k_factor_table, load_k_factor_table
from remapp.physics.tables import PhysicsTableError

DEAK = "Deak et al. 2010 (ICRP 103)"
AAPM = "AAPM Report 96 Table 4 (ICRP 60)"

# Typed from the publications (Deak et al. 2010 adult ICRP 103; AAPM Report 96 Table 4), not from the data files.
PAEDIATRIC = {
    "head": ("0.011", "0.0067", "0.0040", "0.0032"),
    "head-neck": ("0.013", "0.0085", "0.0057", "0.0042"),
    "neck": ("0.017", "0.012", "0.011", "0.0079"),
    "chest": ("0.039", "0.026", "0.018", "0.013"),
    "abdomen-pelvis": ("0.049", "0.030", "0.020", "0.015"),
    "chest-abdomen-pelvis": ("0.044", "0.028", "0.019", "0.014"),
}
DEFAULT_ADULT = {
    ("head", 16): "0.0019",
    ("neck", 32): "0.0051",
    ("chest", 32): "0.0145",
    ("abdomen", 32): "0.0153",
    ("pelvis", 32): "0.0129",
    ("chest-abdomen-pelvis", 32): "0.0152",
}
AAPM96_ADULT = {
    ("head-neck", 16): "0.0031",
    ("head", 16): "0.0021",
    ("neck", 32): "0.0059",
    ("chest", 32): "0.014",
    ("abdomen-pelvis", 32): "0.015",
    ("chest-abdomen-pelvis", 32): "0.015",
}


def _expected(adult, adult_source):
    rows = {(region, "adult", phantom): (Decimal(value), adult_source) for (region, phantom), value in adult.items()}
    for region, values in PAEDIATRIC.items():
        for band, value in zip(("0", "1", "5", "10"), values, strict=True):
            rows[(region, band, 16)] = (Decimal(value), AAPM)
    return rows


@pytest.mark.parametrize(
    "name, expected", [("default", _expected(DEFAULT_ADULT, DEAK)), ("aapm96", _expected(AAPM96_ADULT, AAPM))]
)
def test_the_shipped_tables_hold_exactly_the_published_factors(name, expected):
    table = builtin_k_factor_tables()[name]

    assert {factor.key: (factor.msv_per_mgycm, factor.source) for factor in table.factors} == expected


def test_a_factor_is_found_for_its_region_band_and_phantom():
    result = k_factor("default", "chest", "adult", 32)

    assert (result.value, result.table, result.region, result.age_band, result.phantom_cm, result.source) == (
        Decimal("0.0145"),
        "default",
        "chest",
        "adult",
        32,
        DEAK,
    )
    assert result.reason is None


def test_a_paediatric_body_factor_is_not_used_for_a_32_cm_dlp():
    result = k_factor("default", "chest", "5", 32)

    assert result.value is None
    assert result.reason == (
        "table 'default' gives the chest, 5 years k-factor for the 16 cm phantom; "
        "this DLP refers to the 32 cm phantom and is not converted between phantoms"
    )


def test_an_adult_body_factor_is_not_used_for_a_16_cm_dlp():
    result = k_factor("default", "abdomen", "adult", 16)

    assert result.value is None
    assert result.reason == (
        "table 'default' gives the abdomen, adult k-factor for the 32 cm phantom; "
        "this DLP refers to the 16 cm phantom and is not converted between phantoms"
    )


def test_a_factor_needs_a_known_phantom():
    result = k_factor("default", "head", "adult", None)

    assert result.value is None
    assert result.reason == (
        "table 'default' gives the head, adult k-factor for the 16 cm phantom; the phantom of this DLP is not known"
    )


@pytest.mark.parametrize(
    "region, band, reason",
    [
        ("abdomen", "5", "table 'default' has no k-factor for abdomen, 5 years"),
        ("abdomen-pelvis", "adult", "table 'default' has no k-factor for abdomen-pelvis, adult"),
        ("neck-chest", "adult", "table 'default' has no k-factor for neck-chest, adult"),
        ("pelvis", "0", "table 'default' has no k-factor for pelvis, newborn"),
    ],
)
def test_a_region_and_band_the_table_lacks_gets_no_factor_and_the_reason(region, band, reason):
    result = k_factor("default", region, band, 32)

    assert (result.value, result.reason) == (None, reason)


def test_an_unknown_table_name_is_an_error():
    with pytest.raises(PhysicsTableError) as error:
        k_factor_table("icrp999")

    assert str(error.value) == "unknown k-factor table 'icrp999' (known: default, aapm96)"


def test_a_site_table_extends_a_shipped_one_adding_and_overriding_rows(tmp_path):
    path = tmp_path / "site_k.csv"
    path.write_text(
        "# name: site\n# title: Our factors\n# extends: default\n"
        "region,age_band,phantom_cm,k_factor_msv_per_mgycm,source\n"
        "chest,5,32,0.036,Our physicist 2026\n"
        "chest,adult,32,0.015,Our physicist 2026\n"
    )

    table = load_k_factor_table(path)

    assert (table.name, table.title) == ("site", "Our factors")
    assert len(table.factors) == 31
    assert k_factor(table, "chest", "5", 32).value == Decimal("0.036")
    assert k_factor(table, "chest", "5", 16).value == Decimal("0.018")
    assert (k_factor(table, "chest", "adult", 32).value, k_factor(table, "chest", "adult", 32).source) == (
        Decimal("0.015"),
        "Our physicist 2026",
    )
    assert k_factor(table, "head", "adult", 16).value == Decimal("0.0019")


def test_a_site_table_may_stand_alone(tmp_path):
    path = tmp_path / "alone.csv"
    path.write_text(
        "# name: alone\nregion,age_band,phantom_cm,k_factor_msv_per_mgycm,source\nhead,adult,16,0.002,Ours\n"
    )

    table = load_k_factor_table(path)

    assert [factor.key for factor in table.factors] == [("head", "adult", 16)]


def test_a_site_table_may_not_take_a_shipped_tables_name(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("# name: default\nregion,age_band,phantom_cm,k_factor_msv_per_mgycm,source\n")

    with pytest.raises(PhysicsTableError) as error:
        load_k_factor_table(path)

    assert str(error.value) == (
        "mine.csv: table name 'default' is already used; give a new name (and 'extends: default' to start from it)"
    )
