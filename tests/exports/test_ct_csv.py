"""CT CSV: one row per study, events in columns E1..En, read back with the csv module."""

from decimal import Decimal

import pytest

from tests.exports.conftest import as_dict, export_rows
from tests.factories import add_ct_event, make_station, make_study, site_datetime

pytestmark = pytest.mark.django_db


def _two_studies():
    head = make_study(
        "CT",
        accession_number="ACC-HEAD",
        when=site_datetime(2024, 3, 5, 9, 15),
        station=make_station("CT Room 1", institution_name="General Hospital"),
        age=Decimal("45.5"),
        sex="F",
        study_description="CT Head",
        requested_procedure="Head",
        number_of_events=1,
        total_dlp_mgycm=Decimal("850.5"),
    )
    add_ct_event(head, protocol="Head routine", ctdivol="55.25", dlp="850.5", pitch_factor=Decimal("0.55"))
    chest = make_study(
        "CT",
        accession_number="ACC-CHEST",
        when=site_datetime(2024, 3, 6, 10, 0),
        study_description="CT Chest",
        number_of_events=2,
        total_dlp_mgycm=Decimal("410"),
    )
    add_ct_event(chest, protocol="Topogram", ctdivol="0.1", dlp="5", acquisition_type="Constant Angle Acquisition")
    add_ct_event(chest, protocol="Chest", ctdivol="8.4", dlp="405", sources=(("100", "180"), ("140", "90")))
    return head, chest


def test_it_writes_one_row_per_study_with_events_in_numbered_columns(tmp_path):
    _two_studies()
    header, *rows = export_rows(tmp_path, "ct")
    assert header[:3] == ["Institution", "Manufacturer", "Model"]
    assert "E1 Protocol" in header and "E2 CTDIvol (mGy)" in header and "E3 Protocol" not in header
    assert len(rows) == 2
    assert all(len(row) == len(header) for row in rows)
    # The list's default order is newest first, so the chest study comes first.
    chest, head = (as_dict(header, row) for row in rows)
    assert chest["Accession number"] == "ACC-CHEST"
    assert chest["Study date"] == "2024-03-06"
    assert chest["Study time"] == "10:00:00"
    assert chest["Number of events"] == "2"
    assert chest["DLP total (mGy.cm)"] == "410"
    assert chest["E1 Protocol"] == "Topogram"
    assert chest["E1 Type"] == "Constant Angle Acquisition"
    assert chest["E1 CTDIvol (mGy)"] == "0.1"
    assert chest["E2 Protocol"] == "Chest"
    assert chest["E2 DLP (mGy.cm)"] == "405"
    assert chest["E2 kVp"] == "100"
    assert chest["E2 mA"] == "180"
    assert chest["E2 Maximum mA"] == "230"
    assert chest["E2 Number of sources"] == "2"
    assert chest["E2 Source B kVp"] == "140"
    assert chest["E2 Source B mA"] == "90"
    assert head["E1 Protocol"] == "Head routine"
    assert head["E1 CTDIvol (mGy)"] == "55.25"
    assert head["E1 Pitch"] == "0.55"
    assert head["Age (years)"] == "45.5"
    assert head["Sex"] == "F"
    assert head["Institution"] == "General Hospital"
    assert head["Display name"] == "CT Room 1"


def test_missing_values_are_empty_never_none(tmp_path):
    _two_studies()
    header, *rows = export_rows(tmp_path, "ct")
    head = as_dict(header, rows[1])
    assert head["E1 Scanning length (mm)"] == ""
    assert head["E1 Source B kVp"] == ""
    assert head["Height (m)"] == ""
    # The head study has one event: its E2 group is empty cells.
    assert head["E2 Protocol"] == "" and head["E2 CTDIvol (mGy)"] == ""
    assert not any("None" in cell for row in rows for cell in row)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_is_escaped(tmp_path, text):
    one = make_study("CT", study_description=text, number_of_events=1)
    add_ct_event(one, protocol=text, ctdivol="1", dlp="2")
    header, row = export_rows(tmp_path, "ct")
    values = as_dict(header, row)
    assert values["Study description"] == "'" + text
    assert values["E1 Protocol"] == "'" + text


def test_it_exports_exactly_the_studies_the_list_filter_shows(tmp_path):
    _two_studies()
    header, *rows = export_rows(tmp_path, "ct", "study_description=head")
    assert [as_dict(header, row)["Accession number"] for row in rows] == ["ACC-HEAD"]
    header, *rows = export_rows(tmp_path, "ct", "dlp_min=500")
    assert [as_dict(header, row)["Accession number"] for row in rows] == ["ACC-HEAD"]


def test_an_empty_selection_gives_a_header_only_file(tmp_path):
    rows = export_rows(tmp_path, "ct")
    assert len(rows) == 1
    assert rows[0][-1] == "DLP total (mGy.cm)"
