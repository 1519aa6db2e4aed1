"""Body regions from Target Region codes: SNOMED CT and legacy SRT codes, unmapped codes, a site's own map."""

import pytest
from pydicom.sr.coding import Code

from remapp.physics.regions import REGIONS, body_region, load_region_map
from remapp.physics.tables import PhysicsTableError

REGION_CODES = [
    ("69536005", "SCT", "head"),
    ("T-D1100", "SRT", "head"),
    ("45048000", "SCT", "neck"),
    ("T-D1600", "SRT", "neck"),
    ("774007", "SCT", "head-neck"),
    ("T-D1000", "SRT", "head-neck"),
    ("816094009", "SCT", "chest"),
    ("51185008", "SCT", "chest"),
    ("T-D3000", "SRT", "chest"),
    ("818981001", "SCT", "abdomen"),
    ("113345001", "SCT", "abdomen"),
    ("T-D4000", "SRT", "abdomen"),
    ("816092008", "SCT", "pelvis"),
    ("12921003", "SCT", "pelvis"),
    ("T-D6000", "SRT", "pelvis"),
    ("818982008", "SCT", "abdomen-pelvis"),
    ("416949008", "SCT", "abdomen-pelvis"),
    ("R-FAB57", "SRT", "abdomen-pelvis"),
    ("416550000", "SCT", "chest-abdomen"),
    ("R-FAB55", "SRT", "chest-abdomen"),
    ("416775004", "SCT", "chest-abdomen-pelvis"),
    ("R-FAB56", "SRT", "chest-abdomen-pelvis"),
    ("22943007", "SCT", "chest-abdomen-pelvis"),
    ("T-D2000", "SRT", "chest-abdomen-pelvis"),
    ("417437006", "SCT", "neck-chest"),
    ("R-FAB52", "SRT", "neck-chest"),
    ("416152001", "SCT", "neck-chest-abdomen"),
    ("R-FAB53", "SRT", "neck-chest-abdomen"),
    ("416319003", "SCT", "neck-chest-abdomen-pelvis"),
    ("R-FAB54", "SRT", "neck-chest-abdomen-pelvis"),
]


@pytest.mark.parametrize("value, scheme, region", REGION_CODES)
def test_each_region_code_maps_to_its_region(value, scheme, region):
    result = body_region(Code(value, scheme, "as sent"))

    assert (result.region, result.reason, result.table) == (region, None, "ct_target_regions")


def test_every_region_has_a_code():
    assert {region for _, _, region in REGION_CODES} == set(REGIONS)


@pytest.mark.parametrize(
    "value, scheme, region",
    [
        ("T-32000", "SRT", "chest"),  # Heart (Siemens cardiac scans)
        ("80891009", "SCT", "chest"),
        ("12738006", "SCT", "head"),  # Brain
        ("2095001", "SCT", "head"),  # Paranasal sinus
        ("122494005", "SCT", "neck"),  # Cervical spine
        ("10200004", "SCT", "abdomen"),  # Liver
        ("89837001", "SCT", "pelvis"),  # Bladder
    ],
)
def test_a_structure_inside_one_region_takes_that_region(value, scheme, region):
    assert body_region(Code(value, scheme, "")).region == region


@pytest.mark.parametrize(
    "code, reason",
    [
        (
            Code("T-D0010", "SRT", "Entire body"),
            "Target Region 'Entire body' (SRT T-D0010) is not mapped to a body region",
        ),
        (Code("00001", "99GEMS", "Unknown"), "Target Region 'Unknown' (99GEMS 00001) is not mapped to a body region"),
        (Code("421060004", "SCT", "Spine"), "Target Region 'Spine' (SCT 421060004) is not mapped to a body region"),
        (None, "no Target Region reported"),
    ],
)
def test_a_code_outside_the_map_gets_no_region_and_the_reason(code, reason):
    result = body_region(code)

    assert (result.region, result.reason) == (None, reason)


def test_a_sites_map_is_used_when_given(tmp_path):
    path = tmp_path / "site_regions.csv"
    path.write_text("# name: site_regions\ncode_value,coding_scheme,code_meaning,region\n00001,99GEMS,Unknown,chest\n")

    result = body_region(Code("00001", "99GEMS", "Unknown"), load_region_map(path))

    assert (result.region, result.table) == ("chest", "site_regions")


def test_a_code_mapped_to_two_regions_is_refused(tmp_path):
    path = tmp_path / "bad_regions.csv"
    path.write_text("code_value,coding_scheme,code_meaning,region\nT-D3000,SRT,Chest,chest\n51185008,SCT,Thorax,neck\n")

    with pytest.raises(PhysicsTableError) as error:
        load_region_map(path)

    assert str(error.value) == "bad_regions.csv line 3, field region: SCT 51185008 is already mapped to 'chest'"


def test_an_unknown_region_in_the_map_is_refused(tmp_path):
    path = tmp_path / "bad_regions.csv"
    path.write_text("code_value,coding_scheme,code_meaning,region\nT-D0010,SRT,Entire body,whole body\n")

    with pytest.raises(PhysicsTableError) as error:
        load_region_map(path)

    assert str(error.value).startswith(
        "bad_regions.csv line 2, field region: unknown region 'whole body' (known: head,"
    )
