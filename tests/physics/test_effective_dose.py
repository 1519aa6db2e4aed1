"""Effective dose per CT irradiation event and per study: DLP x k, every region and band, phantoms, reasons."""

from decimal import Decimal

import pytest
from pydicom.sr.coding import Code

from remapp.physics.effective_dose import EffectiveDoseResult, effective_dose, study_effective_dose
from remapp.physics.phantoms import BODY_PHANTOM, HEAD_PHANTOM

HEAD = Code("T-D1100", "SRT", "Head")
CHEST = Code("T-D3000", "SRT", "Chest")
ABDOMEN = Code("T-D4000", "SRT", "Abdomen")
ADULT = Decimal("45")
DLP = Decimal("500")

# A code for each region of the default table, an age in each band, and the expected dose for DLP 500 mGy.cm.
REGION_CODE = {
    "head": HEAD,
    "neck": Code("45048000", "SCT", "Neck"),
    "head-neck": Code("774007", "SCT", "Head and Neck"),
    "chest": CHEST,
    "abdomen": ABDOMEN,
    "pelvis": Code("12921003", "SCT", "Pelvis"),
    "abdomen-pelvis": Code("818982008", "SCT", "Abdomen and Pelvis"),
    "chest-abdomen-pelvis": Code("R-FAB56", "SRT", "Chest, Abdomen and Pelvis"),
}
AGE_IN_BAND = {"0": Decimal("0.1"), "1": Decimal("1"), "5": Decimal("5"), "10": Decimal("10"), "adult": ADULT}
EXPECTED_MSV = [
    ("head", "adult", HEAD_PHANTOM, "0.95"),
    ("neck", "adult", BODY_PHANTOM, "2.55"),
    ("chest", "adult", BODY_PHANTOM, "7.25"),
    ("abdomen", "adult", BODY_PHANTOM, "7.65"),
    ("pelvis", "adult", BODY_PHANTOM, "6.45"),
    ("chest-abdomen-pelvis", "adult", BODY_PHANTOM, "7.6"),
    ("head", "0", HEAD_PHANTOM, "5.5"),
    ("head", "1", HEAD_PHANTOM, "3.35"),
    ("head", "5", HEAD_PHANTOM, "2.0"),
    ("head", "10", HEAD_PHANTOM, "1.6"),
    ("head-neck", "0", HEAD_PHANTOM, "6.5"),
    ("head-neck", "1", HEAD_PHANTOM, "4.25"),
    ("head-neck", "5", HEAD_PHANTOM, "2.85"),
    ("head-neck", "10", HEAD_PHANTOM, "2.1"),
    ("neck", "0", HEAD_PHANTOM, "8.5"),
    ("neck", "1", HEAD_PHANTOM, "6.0"),
    ("neck", "5", HEAD_PHANTOM, "5.5"),
    ("neck", "10", HEAD_PHANTOM, "3.95"),
    ("chest", "0", HEAD_PHANTOM, "19.5"),
    ("chest", "1", HEAD_PHANTOM, "13.0"),
    ("chest", "5", HEAD_PHANTOM, "9.0"),
    ("chest", "10", HEAD_PHANTOM, "6.5"),
    ("abdomen-pelvis", "0", HEAD_PHANTOM, "24.5"),
    ("abdomen-pelvis", "1", HEAD_PHANTOM, "15.0"),
    ("abdomen-pelvis", "5", HEAD_PHANTOM, "10.0"),
    ("abdomen-pelvis", "10", HEAD_PHANTOM, "7.5"),
    ("chest-abdomen-pelvis", "0", HEAD_PHANTOM, "22.0"),
    ("chest-abdomen-pelvis", "1", HEAD_PHANTOM, "14.0"),
    ("chest-abdomen-pelvis", "5", HEAD_PHANTOM, "9.5"),
    ("chest-abdomen-pelvis", "10", HEAD_PHANTOM, "7.0"),
]


def test_a_500_mgycm_adult_chest_gives_7_25_msv_with_everything_recorded():
    result = effective_dose(DLP, CHEST, ADULT, BODY_PHANTOM)

    assert result == EffectiveDoseResult(
        value_msv=Decimal("7.25"),
        dlp_mgycm=DLP,
        table="default",
        region="chest",
        age_band="adult",
        phantom_cm=32,
        k_factor_msv_per_mgycm=Decimal("0.0145"),
        source="Deak et al. 2010 (ICRP 103)",
        method="DLP x k-factor",
        reason=None,
    )


@pytest.mark.parametrize("region, band, phantom, msv", EXPECTED_MSV)
def test_every_region_and_band_of_the_default_table(region, band, phantom, msv):
    result = effective_dose(DLP, REGION_CODE[region], AGE_IN_BAND[band], phantom)

    assert (result.value_msv, result.region, result.age_band, result.reason) == (Decimal(msv), region, band, None)


def test_the_aapm96_table_can_be_chosen():
    result = effective_dose(DLP, REGION_CODE["abdomen-pelvis"], ADULT, BODY_PHANTOM, table="aapm96")

    assert (result.value_msv, result.table, result.source) == (
        Decimal("7.5"),
        "aapm96",
        "AAPM Report 96 Table 4 (ICRP 60)",
    )


def test_a_childs_body_scan_on_the_32_cm_phantom_is_withheld_not_converted():
    result = effective_dose(DLP, CHEST, Decimal("5"), BODY_PHANTOM)

    assert (result.value_msv, result.region, result.age_band, result.phantom_cm) == (None, "chest", "5", 32)
    assert result.reason == (
        "table 'default' gives the chest, 5 years k-factor for the 16 cm phantom; "
        "this DLP refers to the 32 cm phantom and is not converted between phantoms"
    )


def test_an_adult_head_scan_reported_on_the_body_phantom_is_withheld():
    result = effective_dose(DLP, HEAD, ADULT, BODY_PHANTOM)

    assert result.value_msv is None
    assert result.reason == (
        "table 'default' gives the head, adult k-factor for the 16 cm phantom; "
        "this DLP refers to the 32 cm phantom and is not converted between phantoms"
    )


@pytest.mark.parametrize(
    "phantom, named",
    [
        (None, "no CTDIw phantom type reported"),
        (Code("130541", "DCM", "10 cm Dosimetry Phantom"), "CTDIw phantom '10 cm Dosimetry Phantom' (DCM 130541)"),
    ],
)
def test_an_unknown_phantom_gives_no_value_and_names_the_phantom(phantom, named):
    result = effective_dose(DLP, CHEST, ADULT, phantom)

    assert (result.value_msv, result.phantom_cm) == (None, None)
    assert result.reason == (
        f"table 'default' gives the chest, adult k-factor for the 32 cm phantom; the phantom of this DLP is not known "
        f"({named})"
    )


@pytest.mark.parametrize(
    "dlp, region, age, reason",
    [
        (None, CHEST, ADULT, "no DLP reported"),
        (Decimal("-1"), CHEST, ADULT, "DLP -1 mGy.cm is not a dose"),
        (Decimal("NaN"), CHEST, ADULT, "DLP NaN mGy.cm is not a dose"),
        (DLP, None, ADULT, "no Target Region reported"),
        (
            DLP,
            Code("T-D0010", "SRT", "Entire body"),
            ADULT,
            "Target Region 'Entire body' (SRT T-D0010) is not mapped to a body region",
        ),
        (DLP, CHEST, None, "patient age not known"),
        (DLP, ABDOMEN, Decimal("5"), "table 'default' has no k-factor for abdomen, 5 years"),
    ],
)
def test_an_event_that_cannot_be_determined_gets_no_value_and_the_reason(dlp, region, age, reason):
    result = effective_dose(dlp, region, age, HEAD_PHANTOM if age == Decimal("5") else BODY_PHANTOM)

    assert (result.value_msv, result.k_factor_msv_per_mgycm, result.reason) == (None, None, reason)


def test_a_zero_dlp_gives_zero():
    assert effective_dose(Decimal("0"), CHEST, ADULT, BODY_PHANTOM).value_msv == Decimal("0")


def test_a_study_sums_its_events_and_keeps_the_reported_total_beside():
    events = [
        effective_dose(None, CHEST, ADULT, None),  # localiser reported without dose
        effective_dose(Decimal("5.05"), CHEST, ADULT, BODY_PHANTOM),
        effective_dose(Decimal("55.12"), CHEST, ADULT, BODY_PHANTOM),
    ]

    result = study_effective_dose(events, reported_msv=Decimal("0.9"))

    assert (result.value_msv, result.reported_msv, result.table, result.reason) == (
        Decimal("0.872465"),
        Decimal("0.9"),
        "default",
        None,
    )
    assert (result.events_with_value, result.events_without_dlp, result.events_without_value) == (2, 1, 0)


def test_a_study_with_an_undetermined_event_has_no_value_never_a_partial_sum():
    events = [
        effective_dose(Decimal("11.51"), Code("T-D0010", "SRT", "Entire body"), ADULT, BODY_PHANTOM),
        effective_dose(Decimal("708.2"), ABDOMEN, ADULT, BODY_PHANTOM),
    ]

    result = study_effective_dose(events, reported_msv=None)

    assert (result.value_msv, result.events_with_value, result.events_without_value) == (None, 1, 1)
    assert result.reason == (
        "1 of 2 events have no effective dose: Target Region 'Entire body' (SRT T-D0010) is not mapped to a body region"
    )


def test_a_study_without_any_dlp_has_no_value():
    result = study_effective_dose([effective_dose(None, CHEST, ADULT, None)], reported_msv=Decimal("3"))

    assert (result.value_msv, result.reported_msv, result.reason) == (
        None,
        Decimal("3"),
        "no irradiation event with a DLP",
    )


def test_a_study_refuses_events_from_different_tables():
    events = [
        effective_dose(DLP, CHEST, ADULT, BODY_PHANTOM),
        effective_dose(DLP, CHEST, ADULT, BODY_PHANTOM, table="aapm96"),
    ]

    with pytest.raises(ValueError, match="events computed with different k-factor tables: aapm96, default"):
        study_effective_dose(events, None)
