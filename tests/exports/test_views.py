"""The Exports page and its actions: rights, filter replay, download, abort and delete."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from remapp.models import Export, TaskState
from tests.factories import add_ct_event, make_study

pytestmark = pytest.mark.django_db


def _ct_studies():
    for accession, description in (("ACC-A", "CT Head"), ("ACC-B", "CT Chest")):
        one = make_study(
            "CT", accession_number=accession, study_description=description, total_dlp_mgycm=Decimal("100")
        )
        add_ct_event(one, protocol=description, ctdivol="10", dlp="100")


def _finished_export(user, media_root, name="exports/2024/03/05/ct_20240305-101010_1.csv", text="a,b\n"):
    path = media_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return Export.objects.create(user=user, modality="ct", export_format="csv", state=TaskState.COMPLETE, file=name)


def test_an_export_user_starts_an_export_that_replays_the_list_filter(
    client, export_user, media_root, django_capture_on_commit_callbacks
):
    _ct_studies()
    client.force_login(export_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("export_start"), {"export": "ct.csv", "query": "study_description=chest"})
    assert response.status_code == 302 and response.url == reverse("exports")
    export = Export.objects.get()
    assert (export.user, export.modality, export.export_format) == (export_user, "ct", "csv")
    assert export.query_string == "study_description=chest"
    assert export.state == TaskState.COMPLETE
    download = client.get(reverse("export_download", args=[export.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="ct_')
    lines = b"".join(download.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and ",ACC-B," in lines[1]
    page = client.get(reverse("exports")).content.decode()
    assert reverse("export_download", args=[export.pk]) in page and "CT" in page


def test_the_list_page_shows_export_buttons_only_to_users_with_the_export_right(client, export_user, view_user):
    client.force_login(export_user)
    page = client.get(reverse("study_list", args=["mg"]) + "?study_description=x").content.decode()
    assert 'value="mg.csv"' in page and 'value="nhsbsp.csv"' in page
    assert 'name="query" value="study_description=x"' in page
    assert reverse("exports") in page
    client.force_login(view_user)
    page = client.get(reverse("study_list", args=["mg"])).content.decode()
    assert 'id="export-form"' not in page and 'value="mg.csv"' not in page and reverse("exports") not in page


def test_view_only_users_cannot_start_list_download_abort_or_delete(client, view_user, export_user, media_root):
    export = _finished_export(export_user, media_root)
    client.force_login(view_user)
    assert client.post(reverse("export_start"), {"export": "ct.csv"}).status_code == 403
    assert client.get(reverse("exports")).status_code == 403
    assert client.get(reverse("export_progress")).status_code == 403
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 403
    assert client.post(reverse("export_abort", args=[export.pk])).status_code == 403
    assert client.post(reverse("export_delete"), {"export": [export.pk]}).status_code == 403
    assert Export.objects.count() == 1
    assert (media_root / export.file.name).is_file()


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("exports"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_nobody_downloads_another_users_export_but_an_admin_may(client, export_user, admin_group_user, media_root):
    other = _finished_export(admin_group_user, media_root)
    mine = _finished_export(export_user, media_root, name="exports/2024/03/05/ct_20240305-101010_2.csv")
    client.force_login(export_user)
    assert client.get(reverse("export_download", args=[other.pk])).status_code == 404
    assert client.post(reverse("export_delete"), {"export": [other.pk]}).status_code == 302
    assert Export.objects.filter(pk=other.pk).exists()
    assert "<th>User</th>" not in client.get(reverse("exports")).content.decode()
    client.force_login(admin_group_user)
    assert client.get(reverse("export_download", args=[mine.pk])).status_code == 200
    page = client.get(reverse("exports")).content.decode()
    assert "<th>User</th>" in page and "<td>exporter</td>" in page and "<td>physicist</td>" in page


def test_it_serves_no_file_outside_the_exports_folder(client, export_user, media_root, tmp_path):
    secret = media_root / "secret.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("not yours")
    sneaky = Export.objects.create(
        user=export_user, modality="ct", export_format="csv", state=TaskState.COMPLETE, file="exports/../secret.txt"
    )
    client.force_login(export_user)
    assert client.get(reverse("export_download", args=[sneaky.pk])).status_code == 404
    assert client.get("/openrem/exports/../secret.txt").status_code == 404
    assert client.get("/openrem/exports/..%2Fsecret.txt/download/").status_code == 404
    assert client.get("/openrem/exports/999999/download/").status_code == 404
    client.post(reverse("export_delete"), {"export": [sneaky.pk]})
    assert secret.read_text() == "not yours"


def test_delete_removes_the_ticked_files_and_rows_but_not_running_exports(client, export_user, media_root):
    done = _finished_export(export_user, media_root)
    running = Export.objects.create(user=export_user, modality="ct", export_format="csv", state=TaskState.RUNNING)
    client.force_login(export_user)
    client.post(reverse("export_delete"), {"export": [done.pk, running.pk, "../1"]})
    assert not (media_root / done.file.name).exists()
    assert list(Export.objects.values_list("pk", flat=True)) == [running.pk]


def test_a_running_export_asked_to_abort_can_be_removed_when_its_worker_is_gone(client, export_user):
    stuck = Export.objects.create(
        user=export_user, modality="ct", export_format="csv", state=TaskState.RUNNING, abort_requested=True
    )
    client.force_login(export_user)
    page = client.get(reverse("exports")).content.decode()
    assert "Remove" in page
    client.post(reverse("export_delete"), {"export": [stuck.pk]})
    assert not Export.objects.filter(pk=stuck.pk).exists()


def test_progress_endpoint_and_abort(client, export_user):
    running = Export.objects.create(
        user=export_user,
        modality="ct",
        export_format="xlsx",
        state=TaskState.RUNNING,
        progress="Writing study 4 of 67",
        done_count=4,
        total_count=67,
        started_at=datetime.datetime(2024, 3, 5, 10, 0, tzinfo=datetime.UTC),
    )
    queued = Export.objects.create(user=export_user, modality="rf", export_format="csv")
    client.force_login(export_user)
    data = client.get(reverse("export_progress")).json()
    assert data["running"][0] == {
        "id": running.pk,
        "state": "running",
        "progress": "Writing study 4 of 67",
        "done": 4,
        "total": 67,
    }
    page = client.get(reverse("exports")).content.decode()
    assert "Writing study 4 of 67" in page and reverse("export_abort", args=[running.pk]) in page
    client.post(reverse("export_abort", args=[running.pk]))
    client.post(reverse("export_abort", args=[queued.pk]))
    running.refresh_from_db()
    queued.refresh_from_db()
    assert running.abort_requested and running.state == TaskState.RUNNING
    assert queued.state == TaskState.ABORTED and queued.progress == "Aborted before it started"


def test_failed_exports_are_listed_with_their_error(client, export_user):
    Export.objects.create(
        user=export_user, modality="dx", export_format="xlsx", state=TaskState.FAILED, error="OSError: disk full"
    )
    client.force_login(export_user)
    page = client.get(reverse("exports")).content.decode()
    failed_section = page.split('id="exports-failed"')[1]
    assert "OSError: disk full" in failed_section and "Radiography" in failed_section


def test_an_unknown_export_is_refused_with_a_message(client, export_user):
    client.force_login(export_user)
    response = client.post(reverse("export_start"), {"export": "ct.pdf"}, follow=True)
    assert "Export not started: the CT export has no &#x27;pdf&#x27; format" in response.content.decode()
    assert not Export.objects.exists()
