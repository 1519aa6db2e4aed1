"""The per-modality FilterSets that drive list pages and are replayed by exports."""

import datetime
from decimal import Decimal

import pytest
from django.http import QueryDict

from remapp.interface.filters import CtStudyFilter, filtered_studies, filterset_for
from tests.factories import add_ct_event, add_projection_event, make_station, make_study, site_datetime

pytestmark = pytest.mark.django_db


def _accessions(modality, query):
    return list(filtered_studies(modality, query).values_list("accession_number", flat=True))


def test_filterset_for_accepts_any_case_and_rejects_unknown_modality():
    assert filterset_for("ct") is CtStudyFilter
    assert filterset_for("CT") is CtStudyFilter
    with pytest.raises(KeyError):
        filterset_for("US")


def test_it_lists_only_the_modality_newest_first():
    make_study("CT", accession_number="OLD", when=site_datetime(2024, 1, 1))
    make_study("CT", accession_number="NEW", when=site_datetime(2024, 2, 1))
    make_study("DX", accession_number="DX1")
    assert _accessions("CT", "") == ["NEW", "OLD"]
    assert _accessions("DX", None) == ["DX1"]


def test_text_filters_are_case_insensitive_contains():
    ward = make_station(
        "Ward CT", institution_name="St Elsewhere", manufacturer="Siemens", manufacturer_model_name="Force"
    )
    make_study(
        "CT", station=ward, accession_number="A1", study_description="CT Chest Abdo", requested_procedure="Chest"
    )
    make_study("CT", accession_number="B2", study_description="CT Head")
    for query in (
        "institution=elsew",
        "manufacturer=SIEM",
        "model=forc",
        "station=ward",
        "study_description=chest",
        "requested_procedure=CHE",
        "accession_number=a1",
    ):
        assert _accessions("CT", query) == ["A1"], query


def test_station_filter_matches_station_name_as_well_as_display_name():
    room = make_station("Room 3", station_name="CTAWP123")
    make_study("CT", station=room, accession_number="R3")
    assert _accessions("CT", "station=awp12") == ["R3"]


def test_acquisition_protocol_filter_lists_a_study_once_however_many_events_match():
    study = make_study("CT", accession_number="TWO")
    add_ct_event(study, protocol="Helical Chest")
    add_ct_event(study, protocol="Helical Chest delayed")
    add_ct_event(make_study("CT", accession_number="HEAD"), protocol="Head")
    assert _accessions("CT", "acquisition_protocol=helical") == ["TWO"]


def test_acquisition_protocol_filter_reads_projection_events_for_projection_modalities():
    add_projection_event(make_study("DX", accession_number="CHEST"), protocol="Chest PA")
    add_projection_event(make_study("DX", accession_number="KNEE"), protocol="Knee Lat")
    assert _accessions("DX", "acquisition_protocol=knee") == ["KNEE"]


def test_date_and_age_ranges_are_inclusive():
    make_study("CT", accession_number="JAN", when=site_datetime(2024, 1, 31), age=Decimal("40"))
    make_study("CT", accession_number="FEB", when=site_datetime(2024, 2, 1), age=Decimal("60"))
    assert _accessions("CT", "date_from=2024-02-01") == ["FEB"]
    assert _accessions("CT", "date_to=2024-01-31") == ["JAN"]
    assert _accessions("CT", "age_from=40&age_to=59.9") == ["JAN"]


def test_ct_dose_ranges_use_total_dlp_and_highest_ctdivol():
    make_study("CT", accession_number="LOW", total_dlp_mgycm=Decimal("100"), max_ctdivol_mgy=Decimal("5"))
    make_study("CT", accession_number="HIGH", total_dlp_mgycm=Decimal("1500"), max_ctdivol_mgy=Decimal("60"))
    assert _accessions("CT", "dlp_min=1000") == ["HIGH"]
    assert _accessions("CT", "dlp_max=100") == ["LOW"]
    assert _accessions("CT", "ctdivol_min=5.1") == ["HIGH"]


def test_dap_range_is_typed_in_cgycm2_and_compared_with_stored_gym2():
    # 0.0005 Gy.m2 = 500 cGy.cm2
    make_study("RF", accession_number="RF500", total_dap_gym2=Decimal("0.0005"))
    make_study("RF", accession_number="RF50", total_dap_gym2=Decimal("0.00005"))
    assert _accessions("RF", "dap_min=500") == ["RF500"]
    assert _accessions("RF", "dap_max=499.9") == ["RF50"]


def test_mammography_agd_range():
    make_study("MG", accession_number="MG1", total_agd_mgy=Decimal("1.2"))
    make_study("MG", accession_number="MG4", total_agd_mgy=Decimal("4.0"))
    assert _accessions("MG", "agd_min=2") == ["MG4"]


def test_test_patients_can_be_excluded_or_selected():
    make_study("CT", accession_number="REAL")
    make_study("CT", accession_number="PHANTOM", test_patient=True)
    assert sorted(_accessions("CT", "")) == ["PHANTOM", "REAL"]
    assert _accessions("CT", "test_patients=exclude") == ["REAL"]
    assert _accessions("CT", "test_patients=only") == ["PHANTOM"]


def test_ordering_choice_sorts_by_dose():
    make_study("CT", accession_number="MID", total_dlp_mgycm=Decimal("500"))
    make_study("CT", accession_number="TOP", total_dlp_mgycm=Decimal("900"))
    make_study("CT", accession_number="BOT", total_dlp_mgycm=Decimal("10"))
    assert _accessions("CT", "ordering=-total_dlp_mgycm") == ["TOP", "MID", "BOT"]
    assert _accessions("CT", "ordering=total_dlp_mgycm") == ["BOT", "MID", "TOP"]


def test_source_filter_selects_one_station_exactly():
    ct1 = make_station("CT1")
    ct10 = make_station("CT10")
    make_study("CT", station=ct1, accession_number="ONE")
    make_study("CT", station=ct10, accession_number="TEN")
    assert _accessions("CT", f"source={ct1.pk}") == ["ONE"]


def test_a_malformed_value_is_ignored_the_same_way_for_lists_and_exports():
    make_study("CT", accession_number="ANY", when=site_datetime(2024, 5, 5))
    query = QueryDict("date_from=not-a-date&accession_number=any")
    filterset = filterset_for("CT")(query)
    assert not filterset.form.is_valid()
    assert "date_from" in filterset.form.errors
    assert _accessions("CT", query) == ["ANY"]


def test_saved_query_string_and_query_dict_give_the_same_rows():
    for day in range(1, 6):
        make_study("CT", when=site_datetime(2024, 4, day), accession_number=f"D{day}")
    saved = "date_from=2024-04-02&date_to=2024-04-04&ordering=study_datetime&page=2&per_page=10"
    assert _accessions("CT", saved) == _accessions("CT", QueryDict(saved)) == ["D2", "D3", "D4"]
    assert filtered_studies("CT", saved).first().study_date == datetime.date(2024, 4, 2)
