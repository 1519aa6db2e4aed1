"""The real pages in headless Chromium: log in, home summary, list filters, paging, detail, delete, refusal."""

import datetime
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from remapp.extractors.router import import_path
from remapp.models import GeneralStudy
from tests.conftest import corpus_file
from tests.factories import add_ct_event, make_station, make_study, site_datetime

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Screenshots of pages these tests visit, for a person to look at (the tests do not compare them).
SCREENSHOTS = Path(os.environ.get("OPENREM_SCREENSHOTS", "/tmp/openrem-screenshots"))


def _accessions(page) -> list[str]:
    return page.locator("#study-table tbody tr td:nth-child(4)").all_inner_texts()


def test_a_viewer_logs_in_and_sees_the_home_summary(page, live_server, log_in, view_user):
    scanner = make_station("Main CT", institution_name="General Hospital")
    make_study("CT", station=scanner, when=timezone.now() - datetime.timedelta(minutes=3, seconds=5))
    make_study("DX", station=make_station("Room 1"))
    log_in(page, view_user)
    assert page.url == f"{live_server.url}/openrem/"
    assert page.inner_text("#total-studies") == "2"
    assert page.inner_text("[data-modality=CT]") == "1"
    assert page.inner_text("[data-modality=DX]") == "1"
    row = page.locator("#sources-ct tbody tr")
    assert "General Hospital" in row.inner_text() and "3 minutes ago" in row.inner_text()
    page.click("#sources-ct >> text=Main CT")
    assert page.url == f"{live_server.url}/openrem/ct/?source={scanner.pk}"
    assert "Only studies from Main CT" in page.inner_text("#source-filter")
    page.click("nav >> text=Log out")
    assert page.url == f"{live_server.url}/openrem/login/"
    page.goto(f"{live_server.url}/openrem/")
    assert page.url == f"{live_server.url}/openrem/login/?next=/openrem/"


def test_filter_a_list_by_text_date_and_dose(page, live_server, log_in, view_user):
    make_study("CT", accession_number="HEAD-JAN", study_description="CT Head", when=site_datetime(2024, 1, 10))
    make_study(
        "CT",
        accession_number="CHEST-LOW",
        study_description="CT Chest",
        when=site_datetime(2024, 2, 10),
        total_dlp_mgycm=Decimal("200"),
    )
    make_study(
        "CT",
        accession_number="CHEST-HIGH",
        study_description="CT Chest",
        when=site_datetime(2024, 2, 12),
        total_dlp_mgycm=Decimal("900"),
    )
    make_study("CT", accession_number="CHEST-OLD", study_description="CT CHEST", when=site_datetime(2023, 6, 1))
    log_in(page, view_user)
    page.goto(f"{live_server.url}/openrem/ct/")
    assert page.inner_text("#match-count").startswith("4 matching studies")
    page.fill("#id_study_description", "chest")
    page.click("#filter-form button[type=submit]")
    assert sorted(_accessions(page)) == ["CHEST-HIGH", "CHEST-LOW", "CHEST-OLD"]
    page.fill("#id_date_from", "2024-01-01")
    page.click("#filter-form button[type=submit]")
    assert sorted(_accessions(page)) == ["CHEST-HIGH", "CHEST-LOW"]
    page.fill("#id_dlp_min", "500")
    page.click("#filter-form button[type=submit]")
    assert _accessions(page) == ["CHEST-HIGH"]
    assert page.inner_text("#match-count").startswith("1 matching study")
    # The filter lives in the URL, so the view can be bookmarked and reloaded.
    assert "study_description=chest" in page.url and "date_from=2024-01-01" in page.url and "dlp_min=500" in page.url
    page.reload()
    assert _accessions(page) == ["CHEST-HIGH"]


def test_page_through_a_list(page, live_server, log_in, view_user):
    for day in range(1, 26):
        make_study("DX", accession_number=f"DX{day:02d}", when=site_datetime(2024, 3, day))
    log_in(page, view_user)
    page.goto(f"{live_server.url}/openrem/dx/")
    page.select_option("#id_per_page", "10")
    page.click("#filter-form button[type=submit]")
    assert _accessions(page) == [f"DX{day:02d}" for day in range(25, 15, -1)]
    page.click("a[rel=next]")
    assert "Page 2 of 3" in page.inner_text(".pagination")
    assert _accessions(page) == [f"DX{day:02d}" for day in range(15, 5, -1)]
    page.click("a[rel=next]")
    assert _accessions(page) == [f"DX{day:02d}" for day in range(5, 0, -1)]
    assert page.locator("a[rel=next]").count() == 0


def test_open_a_detail_page_from_the_list(page, live_server, log_in, view_user):
    study = make_study("CT", accession_number="DETAIL1", age=Decimal("47"))
    add_ct_event(study, protocol="Helical Thorax", acquisition_type=None, ctdivol="9.87", dlp="321.5")
    log_in(page, view_user)
    page.goto(f"{live_server.url}/openrem/ct/")
    page.click("#study-table tbody tr:first-child td:first-child a")
    assert page.url == f"{live_server.url}/openrem/ct/{study.pk}/"
    cells = page.locator("#events tbody tr td").all_inner_texts()
    assert cells[:6] == ["1", "", "Helical Thorax", "", "9.87", "321.5"]
    assert "CTDIvol (mGy)" in page.inner_text("#events thead")
    assert page.locator("#delete-study").count() == 0


def test_an_admin_deletes_a_study_after_confirming(page, live_server, log_in, admin_group_user):
    doomed = make_study("CT", accession_number="DOOMED")
    add_ct_event(doomed)
    make_study("CT", accession_number="KEPT")
    log_in(page, admin_group_user)
    page.goto(f"{live_server.url}/openrem/ct/{doomed.pk}/")
    page.click("#delete-study")
    assert GeneralStudy.objects.filter(pk=doomed.pk).exists()
    page.click("#confirm-delete")
    assert page.url == f"{live_server.url}/openrem/ct/"
    assert "Deleted CT study DOOMED" in page.inner_text("main")
    assert _accessions(page) == ["KEPT"]
    assert not GeneralStudy.objects.filter(pk=doomed.pk).exists()


def test_a_view_only_user_is_refused_deletion(page, live_server, log_in, view_user):
    study = make_study("CT", accession_number="SAFE")
    log_in(page, view_user)
    response = page.goto(f"{live_server.url}/openrem/ct/{study.pk}/delete/")
    assert response.status == 403
    response = page.goto(f"{live_server.url}/openrem/equipment/names/")
    assert response.status == 403
    assert GeneralStudy.objects.filter(pk=study.pk).exists()


@pytest.mark.corpus
def test_a_physicist_finds_the_ct_studies_whose_dose_check_raised_an_alert(page, live_server, log_in, view_user):
    outcome = import_path(corpus_file("CT-RDSR-Toshiba_DoseCheck.dcm"))
    toshiba = GeneralStudy.objects.get(pk=outcome.study_id)
    quiet = make_study("CT", accession_number="QUIET", total_dlp_mgycm=Decimal("548"), max_ctdivol_mgy=Decimal("63"))
    add_ct_event(quiet, protocol="Head routine", ctdivol="63", dlp="548")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log_in(page, view_user)
    page.goto(f"{live_server.url}/openrem/ct/")
    page.screenshot(path=SCREENSHOTS / "ct_list.png", full_page=True)
    toshiba_row = page.locator("#study-table tbody tr", has_text=toshiba.accession_number)
    assert toshiba_row.locator(".dose-check-alert").inner_text() == "alert"
    assert page.locator("#study-table tbody tr", has_text="QUIET").locator(".dose-check-alert").count() == 0
    assert "548.0" in page.locator("#study-table tbody tr", has_text="QUIET").inner_text()
    page.select_option("#id_dose_check", "yes")
    page.click("#filter-form button[type=submit]")
    assert "dose_check=yes" in page.url
    assert _accessions(page) == [toshiba.accession_number]
    page.click("#study-table tbody tr:first-child td:first-child a")
    assert page.url == f"{live_server.url}/openrem/ct/{toshiba.pk}/"
    page.screenshot(path=SCREENSHOTS / "ct_detail_dose_check.png", full_page=True)
    assert page.inner_text("#dose-check-summary").startswith("Alert raised on 2 and notification raised on 0 of 2")
    assert page.locator("#dose-check-table").is_visible()
    second_alert = page.locator("#dose-check-table tbody tr[data-event='2'][data-check='alert'] td").all_inner_texts()
    assert second_alert == [
        "2",
        "Abdomen Routine ZC (NR)",
        "Alert",
        "yes",
        "100.0",
        "10.00",
        "502.4",
        "10.60",
        "",
        "Irradiation Authorizing",
    ]
    assert page.locator("#events .dose-check-alert").count() == 2
