"""The exports flow in headless Chromium: export from a list page, download, and the page polling progress."""

import csv
import io

import pytest
from django.utils import timezone

from remapp.models import Export, TaskState
from tests.factories import add_ct_event, make_study

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_export_user_exports_the_filtered_list_and_downloads_it(page, live_server, log_in, export_user):
    for accession, description in (("ACC-H", "CT Head"), ("ACC-C", "CT Chest")):
        add_ct_event(
            make_study("CT", accession_number=accession, study_description=description),
            protocol="P",
            ctdivol="1",
            dlp="2",
        )
    log_in(page, export_user)
    page.goto(f"{live_server.url}/openrem/ct/?study_description=chest")
    with page.expect_navigation():
        page.click("#export-buttons >> text=CSV")
    assert page.url.endswith("/openrem/exports/")
    row = page.locator("#exports-completed tbody tr").first
    assert "CT" in row.inner_text() and "CSV" in row.inner_text()
    with page.expect_download() as download:
        row.locator("a").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert [row[header.index("Accession number")] for row in rows] == ["ACC-C"]


def test_the_page_follows_progress_and_moves_a_finished_export_to_completed(
    page,
    live_server,
    log_in,
    export_user,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    export = Export.objects.create(
        user=export_user,
        modality="ct",
        export_format="xlsx",
        state=TaskState.RUNNING,
        started_at=timezone.now(),
        progress="Writing study 0 of 67",
        total_count=67,
    )
    log_in(page, export_user)
    page.goto(f"{live_server.url}/openrem/exports/")
    assert "Writing study 0 of 67" in page.inner_text("#exports-in-progress")
    Export.objects.filter(pk=export.pk).update(progress="Writing study 4 of 67", done_count=4)
    page.wait_for_selector("#exports-in-progress >> text=Writing study 4 of 67")
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "ct.xlsx").write_bytes(b"x")
    Export.objects.filter(pk=export.pk).update(
        state=TaskState.COMPLETE, finished_at=timezone.now(), file="exports/ct.xlsx"
    )
    page.wait_for_selector("#exports-completed >> text=ct.xlsx")
    assert "No exports running." in page.inner_text("#exports-in-progress")
