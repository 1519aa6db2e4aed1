"""Legacy SNOMED codes map to SNOMED CT exactly as pydicom's public Code equality says; pydicom's table is watched."""

import pytest
from pydicom.sr.coding import Code

from remapp.dicom import concepts as c
from remapp.dicom.content import code_key as content_code_key
from remapp.dicom.snomed import code_key, to_sct


def test_a_snomed_rt_code_becomes_its_snomed_ct_code_with_its_meaning():
    assert to_sct(Code("G-A101", "SRT", "Left")) == Code("7771000", "SCT", "Left")
    assert tuple(to_sct(Code("G-A101", "SRT", "Left"))) == ("7771000", "SCT", "Left", None)
    assert tuple(to_sct(Code("R-0038D", "SRT", "Yes"))) == ("373066001", "SCT", "Yes", None)


def test_microglossary_and_snomed_v3_codes_map_like_their_snomed_rt_twins():
    assert tuple(to_sct(Code("T-04000", "99SDM", "Breast"))) == ("76752008", "SCT", "Breast", None)
    assert tuple(to_sct(Code("G-A100", "SNM3", "Right"))) == ("24028007", "SCT", "Right", None)


@pytest.mark.parametrize(
    "code",
    [
        Code("7771000", "SCT", "Left"),
        Code("113830", "DCM", "Mean CTDIvol"),
        Code("mGy", "UCUM", "mGy"),
        Code("X-NOT-A-CODE", "SRT", "unknown legacy code"),
        Code("G-A101", "LN", "same value, another scheme"),
    ],
)
def test_other_codes_come_back_unchanged(code):
    assert to_sct(code) is code


def test_code_key_compares_legacy_and_current_codes():
    assert code_key(Code("G-A101", "SRT", "Left")) == code_key(Code("7771000", "SCT", "")) == ("7771000", "SCT")
    assert code_key(Code("G-C0E8", "SRT", "Has Intent")) == code_key(c.HAS_INTENT)
    assert code_key(c.MEAN_CTDIVOL) == ("113830", "DCM")
    assert content_code_key is code_key  # the content tree's public name is this function


def test_pydicoms_table_is_where_and_what_we_read():
    """Fails when pydicom moves or reshapes its private SNOMED-RT table (remapp.dicom.snomed reads it)."""
    from pydicom.sr import _snomed_dict

    table = _snomed_dict.mapping["SRT"]
    assert isinstance(table, dict) and len(table) > 7000
    assert all(isinstance(key, str) and isinstance(value, str) for key, value in table.items())
    assert table["G-A101"] == "7771000" and table["G-A100"] == "24028007"
    assert _snomed_dict.mapping["SCT"]["7771000"] == "G-A101"


def test_to_sct_agrees_with_pydicoms_code_equality_over_the_whole_table():
    from pydicom.sr import _snomed_dict

    disagreements = []
    for legacy, current in _snomed_dict.mapping["SRT"].items():
        old, new = Code(legacy, "SRT", "m"), Code(current, "SCT", "m")
        if not (old == new and to_sct(old) == new and code_key(old) == code_key(new)):
            disagreements.append(legacy)
    assert disagreements == []
    assert Code("G-A101", "SRT", "Left") == Code("7771000", "SCT", "Left")
    assert Code("G-A101", "SRT", "Left") != Code("24028007", "SCT", "Right")
    assert to_sct(Code("G-A101", "SRT", "Left")) != Code("24028007", "SCT", "Right")
