"""CT dose check (TID 10015): shown on the detail page, flagged and filterable in the list (issue 11)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from remapp.extractors.router import import_path
from remapp.interface.filters import filtered_studies
from remapp.models import GeneralStudy
from tests.conftest import corpus_file
from tests.factories import add_ct_event, add_dose_check, make_study
from tests.interface.pages import table_headings, table_rows

pytestmark = pytest.mark.django_db

TOSHIBA_DOSE_CHECK = "CT-RDSR-Toshiba_DoseCheck.dcm"


@pytest.fixture
def viewer_client(client, view_user):
    client.force_login(view_user)
    return client


def _toshiba_study() -> GeneralStudy:
    outcome = import_path(corpus_file(TOSHIBA_DOSE_CHECK))
    assert outcome.reason == ""
    return GeneralStudy.objects.get(pk=outcome.study_id)


def _configured_only_study() -> GeneralStudy:
    """A study whose scanner reports a configured alert on every event but exceeded none (as Siemens does)."""
    study = make_study("CT", accession_number="QUIET")
    add_dose_check(add_ct_event(study, protocol="Routine Head"))
    return study


@pytest.mark.corpus
def test_ct_detail_shows_the_toshiba_alerts_with_values_estimates_and_who_proceeded(viewer_client):
    study = _toshiba_study()
    html = viewer_client.get(f"/openrem/ct/{study.pk}/").content.decode()
    summary = html.split('id="dose-check-summary">', 1)[1].split("</p>", 1)[0]
    assert "Alert raised on <strong>2</strong> and notification raised on <strong>0</strong> of 2 events" in summary
    assert table_headings(html, "dose-check-table") == [
        "#",
        "Protocol",
        "Check",
        "Raised",
        "DLP value (mGy.cm)",
        "CTDIvol value (mGy)",
        "DLP forward estimate (mGy.cm)",
        "CTDIvol forward estimate (mGy)",
        "Reason for proceeding",
        "Proceeded by (role)",
    ]
    protocol = "Abdomen Routine ZC (NR)"
    who = "Irradiation Authorizing"
    assert table_rows(html, "dose-check-table") == [
        ["1", protocol, "Alert", "yes", "100.0", "10.00", "251.2", "", "", who],
        ["1", protocol, "Notification", "no", "not set", "not set", "", "", "", ""],
        ["2", protocol, "Alert", "yes", "100.0", "10.00", "502.4", "10.60", "", who],
        ["2", protocol, "Notification", "no", "not set", "not set", "", "", "", ""],
    ]
    events = table_rows(html, "events")
    dose_check_column = table_headings(html, "events").index("Dose check")
    assert [row[dose_check_column] for row in events] == ["alert", "alert"]


def test_a_configured_check_that_raised_nothing_is_shown_closed_and_unflagged(viewer_client):
    study = _configured_only_study()
    html = viewer_client.get(f"/openrem/ct/{study.pk}/").content.decode()
    assert "No alert or notification was raised on the 1 event with dose check details." in html
    assert "<details>" in html and "<details open>" not in html
    assert table_rows(html, "dose-check-table") == [
        ["1", "Routine Head", "Alert", "no", "not set", "1000.00", "", "", "", ""],
        ["1", "Routine Head", "Notification", "no", "not set", "not set", "", "", "", ""],
    ]
    assert "Dose check" not in table_headings(html, "events")


def test_a_notification_with_its_reason_is_shown(viewer_client):
    study = make_study("CT")
    add_dose_check(
        add_ct_event(study, protocol="Perfusion"),
        dlp_notification_value_configured=True,
        dlp_notification_value_mgycm=Decimal("800"),
        dlp_forward_estimate_mgycm=Decimal("1234.56"),
        notification_reason_for_proceeding="Clinical need",
        notification_person_role_in_procedure="Irradiation Administering",
    )
    html = viewer_client.get(f"/openrem/ct/{study.pk}/").content.decode()
    notification = table_rows(html, "dose-check-table")[1]
    assert notification == [
        "1",
        "Perfusion",
        "Notification",
        "yes",
        "800.0",
        "not set",
        "1234.6",
        "",
        "Clinical need",
        "Irradiation Administering",
    ]
    assert '<tr class="table-warning" data-event="1" data-check="notification">' in html


def test_a_study_without_dose_check_details_has_no_dose_check_section(viewer_client):
    study = make_study("CT")
    add_ct_event(study)
    assert 'id="dose-check"' not in viewer_client.get(f"/openrem/ct/{study.pk}/").content.decode()


@pytest.mark.corpus
def test_the_ct_list_flags_studies_whose_dose_check_raised_an_alert_or_a_notification(viewer_client):
    toshiba = _toshiba_study()
    _configured_only_study()
    notified = make_study("CT", accession_number="NOTIFIED")
    add_dose_check(add_ct_event(notified), ctdivol_forward_estimate_mgy=Decimal("55"))
    make_study("CT", accession_number="NO-CHECK")
    html = viewer_client.get("/openrem/ct/").content.decode()
    headings, rows = table_headings(html, "study-table"), table_rows(html, "study-table")
    flags = {row[3]: row[headings.index("Dose check")] for row in rows}
    assert flags == {toshiba.accession_number: "alert", "QUIET": "", "NOTIFIED": "notification", "NO-CHECK": ""}


@pytest.mark.corpus
def test_the_dose_check_filter_keeps_studies_with_or_without_a_raised_check():
    toshiba = _toshiba_study()
    quiet = _configured_only_study()
    notified = make_study("CT")
    add_dose_check(add_ct_event(notified), notification_reason_for_proceeding="Obese patient")
    unchecked = make_study("CT")
    add_ct_event(unchecked)
    add_ct_event(toshiba)  # a third event without a check: the study is still listed once
    assert set(filtered_studies("CT", "dose_check=yes")) == {toshiba, notified}
    assert filtered_studies("CT", "dose_check=yes").count() == 2
    assert set(filtered_studies("CT", "dose_check=no")) == {quiet, unchecked}
    assert filtered_studies("CT", "dose_check=").count() == 4


@pytest.mark.parametrize("few_matches", [1000, 0])
def test_the_list_flags_cost_no_query_per_row(viewer_client, monkeypatch, few_matches):
    monkeypatch.setattr("remapp.interface.lists.FEW_MATCHES", few_matches)  # both ways of finding a page
    for n in range(30):
        study = make_study("CT")
        add_dose_check(add_ct_event(study), accumulated_dlp_forward_estimate_mgycm=Decimal(n) if n % 2 else None)
    with CaptureQueriesContext(connection) as queries:
        response = viewer_client.get("/openrem/ct/?per_page=50")
    studies = list(response.context["studies"])
    assert [study.dose_check_alert for study in studies].count(True) == 15
    # Only the page's own query reads the dose checks: not the count, not the id query, not one per row.
    assert [query["sql"] for query in queries if "remapp_ctdosecheck" in query["sql"]] == [queries[-1]["sql"]]
