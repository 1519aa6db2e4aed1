"""Home, list, detail, delete and display-name pages, through the Django test client."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from remapp.models import CtIrradiationEvent, GeneralStudy, UniqueEquipment
from tests.factories import add_ct_event, add_projection_event, make_station, make_study, site_datetime

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer_client(client, view_user):
    client.force_login(view_user)
    return client


@pytest.fixture
def admin_client_(client, admin_group_user):
    client.force_login(admin_group_user)
    return client


def test_home_shows_totals_per_modality_and_sources_with_time_since_latest(viewer_client):
    scanner = make_station("Main CT", institution_name="General Hospital", manufacturer_model_name="Revolution")
    make_study("CT", station=scanner, when=timezone.now() - datetime.timedelta(minutes=3, seconds=10))
    make_study("CT", station=scanner, when=timezone.now() - datetime.timedelta(days=5))
    make_study("DX", station=make_station("Room 1"))
    response = viewer_client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["total_studies"] == 3
    counts = {summary.modality: summary.study_count for summary in response.context["summaries"]}
    assert counts == {"CT": 2, "RF": 0, "MG": 0, "DX": 1}
    ct_rows = response.context["summaries"][0].sources
    assert [(row.station.display_name, row.study_count) for row in ct_rows] == [("Main CT", 2)]
    html = response.content.decode()
    assert "3 minutes ago" in html
    assert f'href="/openrem/ct/?source={scanner.pk}"' in html
    assert "Revolution" in html and "General Hospital" in html


def test_list_shows_the_match_count_and_one_page_of_the_filtered_studies(viewer_client):
    for day in range(1, 31):
        make_study("CT", when=site_datetime(2024, 1, day), accession_number=f"JAN{day:02d}")
    make_study("CT", when=site_datetime(2024, 2, 1), accession_number="FEB01")
    response = viewer_client.get("/openrem/ct/?date_to=2024-01-31&per_page=10&page=2")
    assert response.status_code == 200
    page = response.context["page_obj"]
    assert page.paginator.count == 30
    assert [study.accession_number for study in page.object_list] == [f"JAN{day:02d}" for day in range(20, 10, -1)]
    html = response.content.decode()
    assert "<strong>30</strong> matching studies" in html
    assert "Page 2 of 3" in html
    assert "date_to=2024-01-31&amp;per_page=10&amp;page=3" in html


def test_an_unknown_page_size_falls_back_to_the_default(viewer_client):
    response = viewer_client.get("/openrem/dx/?per_page=100000")
    assert response.context["per_page"] == 25


def test_list_shows_dap_in_cgycm2(viewer_client):
    make_study("RF", total_dap_gym2=Decimal("0.00123456"), total_dose_rp_gy=Decimal("0.25"))
    html = viewer_client.get("/openrem/rf/").content.decode()
    assert "Total DAP (cGy.cm²)" in html
    assert ">1234.56<" in html


def test_a_station_link_filters_the_list_to_that_source(viewer_client):
    ct1, ct10 = make_station("CT1"), make_station("CT10")
    make_study("CT", station=ct1, accession_number="ONE")
    make_study("CT", station=ct10, accession_number="TEN")
    response = viewer_client.get(f"/openrem/ct/?source={ct1.pk}")
    assert [study.accession_number for study in response.context["studies"]] == ["ONE"]
    assert "Only studies from <strong>CT1</strong>" in response.content.decode()


def test_ct_detail_lists_every_event_with_units_in_the_headings(viewer_client):
    study = make_study("CT", total_dlp_mgycm=Decimal("1600.5"), age=Decimal("63"))
    add_ct_event(study, protocol="Helical Chest", ctdivol="12.34", dlp="456.78", sources=(("100", "200"),))
    add_ct_event(study, protocol="Helical Abdo", ctdivol="15.5", dlp="600", sources=(("120", "200"),))
    response = viewer_client.get(f"/openrem/ct/{study.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("CTDIvol (mGy)", "DLP (mGy.cm)", "Scanning length (mm)", "kVp (kV)", "Rotation time (s)"):
        assert heading in html
    assert [event.acquisition_protocol for event in response.context["events"]] == ["Helical Chest", "Helical Abdo"]
    # Each quantity with its own fixed decimals: CTDIvol 2, DLP 1, age 1.
    assert ">12.34<" in html and ">456.8<" in html and ">1600.5<" in html
    assert '>63.0 <span class="text-muted">(063Y)</span>' in html


def test_fluoroscopy_detail_shows_event_dap_in_cgycm2(viewer_client):
    study = make_study("RF")
    add_projection_event(study, protocol="Abdomen fluoro", dose_area_product_gym2=Decimal("0.0000125"))
    html = viewer_client.get(f"/openrem/rf/{study.pk}/").content.decode()
    assert "Abdomen fluoro" in html
    assert ">12.50<" in html


def test_mammography_and_radiography_details_list_each_exposure(viewer_client):
    mammo = make_study("MG", total_agd_mgy=Decimal("1.234"))
    add_projection_event(
        mammo,
        protocol="RCC",
        source__average_glandular_dose_mgy=Decimal("1.1"),
        source__exposure_uas=Decimal("12000"),
    )
    radiograph = make_study("DX")
    add_projection_event(radiograph, protocol="Chest PA", dose_area_product_gym2=Decimal("0.00001"))
    mg_html = viewer_client.get(f"/openrem/mg/{mammo.pk}/").content.decode()
    assert "RCC" in mg_html and ">1.10<" in mg_html and "Exposure (mAs)" in mg_html and ">12.00<" in mg_html
    dx_html = viewer_client.get(f"/openrem/dx/{radiograph.pk}/").content.decode()
    assert "Chest PA" in dx_html and ">10.00<" in dx_html


def test_a_detail_url_with_the_wrong_modality_is_not_found(viewer_client):
    study = make_study("CT")
    assert viewer_client.get(f"/openrem/dx/{study.pk}/").status_code == 404
    assert viewer_client.get("/openrem/ct/999999/").status_code == 404


def test_admin_deletes_a_study_and_its_events_only_by_post(admin_client_):
    study = make_study("CT")
    add_ct_event(study)
    keep = make_study("CT")
    url = f"/openrem/ct/{study.pk}/delete/"
    assert admin_client_.get(url).status_code == 200
    assert GeneralStudy.objects.filter(pk=study.pk).exists()
    response = admin_client_.post(url)
    assert response.status_code == 302 and response.url == "/openrem/ct/"
    assert list(GeneralStudy.objects.values_list("pk", flat=True)) == [keep.pk]
    assert CtIrradiationEvent.objects.count() == 0


def test_admin_edits_display_names_and_a_blank_name_is_refused(admin_client_):
    station = make_station("Old name")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(station.pk),
        "form-0-display_name": "  New name ",
    }
    assert admin_client_.post("/openrem/equipment/names/", data).status_code == 302
    assert UniqueEquipment.objects.get(pk=station.pk).display_name == "New name"
    response = admin_client_.post("/openrem/equipment/names/", {**data, "form-0-display_name": "   "})
    assert response.status_code == 200
    assert "Display name: enter a name." in response.content.decode()
    assert UniqueEquipment.objects.get(pk=station.pk).display_name == "New name"


def test_footer_shows_the_version(viewer_client):
    from remapp.version import __version__

    assert f"OpenREM version {__version__}" in viewer_client.get("/openrem/").content.decode()


def test_home_counts_a_new_study_at_once_and_forgets_a_deleted_one(client, admin_group_user):
    client.force_login(admin_group_user)
    first = make_study("CT")
    assert client.get("/openrem/").context["total_studies"] == 1
    make_study("CT")
    assert client.get("/openrem/").context["total_studies"] == 2
    client.post(f"/openrem/ct/{first.pk}/delete/")
    assert client.get("/openrem/").context["total_studies"] == 1


@pytest.mark.parametrize(
    ("modality", "dose_fields", "heading"),
    [
        ("ct", ["dlp_min", "dlp_max", "ctdivol_min", "ctdivol_max"], "Total DLP (mGy.cm)"),
        ("rf", ["dap_min", "dap_max"], "Total DAP (cGy.cm²)"),
        ("mg", ["agd_min", "agd_max"], "Total AGD (mGy)"),
        ("dx", ["dap_min", "dap_max"], "Total DAP (cGy.cm²)"),
    ],
)
def test_each_list_offers_its_dose_ranges_and_a_date_picker(viewer_client, modality, dose_fields, heading):
    response = viewer_client.get(f"/openrem/{modality}/")
    form = response.context["filter"].form
    assert [name for name in form.fields if name.endswith(("_min", "_max"))] == dose_fields
    html = response.content.decode()
    assert 'type="date" name="date_from"' in html and 'type="date" name="date_to"' in html
    assert heading in html


@pytest.mark.parametrize("ordering", ["", "study_datetime", "-total_dlp_mgycm", "total_dlp_mgycm"])
def test_a_page_of_few_matches_is_the_same_page_either_way_it_is_found(viewer_client, monkeypatch, ordering):
    for n in range(23):
        dlp = None if n % 4 == 0 else Decimal(n % 7)
        make_study("CT", when=site_datetime(2024, 5, 1 + n % 9), accession_number=f"S{n:02d}", total_dlp_mgycm=dlp)
    url = f"/openrem/ct/?per_page=10&page=2&ordering={ordering}"
    few_first = [study.accession_number for study in viewer_client.get(url).context["studies"]]
    monkeypatch.setattr("remapp.interface.lists.FEW_MATCHES", 0)
    walked = [study.accession_number for study in viewer_client.get(url).context["studies"]]
    assert len(few_first) == 10
    assert few_first == walked


def test_no_match_shows_an_empty_list_without_a_page_query(viewer_client, django_assert_num_queries):
    make_study("CT", study_description="CT Head")
    with django_assert_num_queries(4):  # session, user, groups, count
        response = viewer_client.get("/openrem/ct/?study_description=nothing-like-this")
    assert "No studies match these filters." in response.content.decode()


def test_the_cached_filter_form_follows_the_query_and_not_the_user(client, export_user, view_user):
    make_study("CT", study_description="CT Head")
    client.force_login(export_user)
    first = client.get("/openrem/ct/?study_description=head").content.decode()
    assert 'value="head"' in first
    assert 'id="export-buttons"' in first
    client.force_login(view_user)
    second = client.get("/openrem/ct/?study_description=head&page=1").content.decode()
    assert 'value="head"' in second
    assert 'id="export-buttons"' not in second
    other = client.get("/openrem/ct/?study_description=chest").content.decode()
    assert 'value="chest"' in other and 'value="head"' not in other


def test_home_counts_equal_a_plain_group_by_for_mixed_sources_missing_sources_and_times():
    from django.db.models import Count, Max

    from remapp.interface.views import count_source_groups

    single = make_station("CT only")
    mixed = make_station("DX and RF room")
    idle = make_station("No studies yet")
    for n in range(3):
        make_study("CT", station=single, when=site_datetime(2024, 1, 1 + n))
    make_study("DX", station=mixed, when=site_datetime(2024, 2, 1))
    make_study("RF", station=mixed, when=site_datetime(2024, 2, 5))
    make_study("RF", station=mixed, study_datetime=None)
    make_study("", station=single, when=site_datetime(2023, 1, 1))
    make_study("MG", when=site_datetime(2024, 3, 3))
    make_study("MG", when=site_datetime(2024, 3, 4))
    GeneralStudy.objects.filter(modality="MG").update(station=None)  # studies whose source is not known
    expected = (
        GeneralStudy.objects.order_by()
        .values("modality", "station_id")
        .annotate(study_count=Count("*"), latest_study=Max("study_datetime"))
    )

    def key(group):
        return (group["modality"], group["station_id"] or 0)

    assert sorted(count_source_groups(), key=key) == sorted(expected, key=key)
    assert idle.pk not in {group["station_id"] for group in count_source_groups()}
