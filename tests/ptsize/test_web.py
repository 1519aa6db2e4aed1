"""The web flow: upload, choose columns, the task on commit, progress, abort, the table, log download, delete."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from remapp.models import PatientSizeImport, TaskState
from tests.ptsize.conftest import files_under, stored_size

pytestmark = pytest.mark.django_db

RIS = (
    'Patient name,"Accession No",Weight (kg),Height (cm)\r\nA B,ACC1,80,172\r\nC D,ACC2,75,1.65\r\nE F,ACC9,70,170\r\n'
)


def upload(client, content, name="ris.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(reverse("ptsize_upload"), {"csv_file": SimpleUploadedFile(name, data, "text/csv")})


def columns(**overrides):
    chosen = {"id_column": "Accession No", "id_type": "accession", "height_column": "Height (cm)"}
    chosen["weight_column"] = "Weight (kg)"
    return {**chosen, **overrides}


@pytest.fixture
def admin_client(client, admin_group_user, media_root):
    client.force_login(admin_group_user)
    return client


def uploaded_job(admin_client, content=RIS) -> PatientSizeImport:
    response = upload(admin_client, content)
    job = PatientSizeImport.objects.get()
    assert response.url == reverse("ptsize_columns", args=[job.pk])
    return job


def test_the_whole_flow_stores_sizes_writes_a_crlf_log_and_deletes_the_csv(
    admin_client, make_study, media_root, django_capture_on_commit_callbacks
):
    first, second = make_study("ACC1"), make_study("ACC2", weight="60")
    job = uploaded_job(admin_client)
    assert [path.parent.name for path in files_under(media_root)] == ["patient_size_csv"]
    page = admin_client.get(reverse("ptsize_columns", args=[job.pk])).content.decode()
    assert '<option value="Accession No" selected>' in page and '<option value="Height (cm)" selected>' in page

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(reverse("ptsize_columns", args=[job.pk]), columns())
    assert (len(callbacks), response.url) == (1, reverse("ptsize_detail", args=[job.pk]))

    job.refresh_from_db()
    assert (job.state, job.done_count, job.total_count, job.csv_file.name) == (TaskState.COMPLETE, 3, 3, "")
    assert job.progress == (
        "3 of 3 rows: 1 heights and 1 weights inserted, 1 already present, 1 rows with no matching study, 1 bad values"
    )
    assert stored_size(first) == (Decimal("172.00"), Decimal("80.00"))
    assert stored_size(second) == (None, Decimal("60.00"))
    assert files_under(media_root / "patient_size_csv") == []
    log = (media_root / job.log_file.name).read_bytes()
    assert b"\r\n" in log and b"\n" not in log.replace(b"\r\n", b"")
    lines = log.decode().split("\r\n")
    assert "Row 1: accession number ACC1: height 172.00 cm inserted; weight 80.00 kg inserted" in lines
    assert (
        'Row 2: accession number ACC2: height "1.65" bad value (looks like metres; heights must be in cm), '
        "not stored; weight already present (60.00 kg kept, 75.00 kg not stored)" in lines
    )
    assert "Row 3: accession number ACC9: no matching study" in lines
    assert "Heights inserted: 1" in lines


def test_the_task_is_only_sent_once_the_transaction_commits(
    admin_client, make_study, django_capture_on_commit_callbacks
):
    study = make_study("ACC1")
    job = uploaded_job(admin_client)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        admin_client.post(reverse("ptsize_columns", args=[job.pk]), columns())
    job.refresh_from_db()
    assert (job.state, job.id_column, job.height_column, stored_size(study)) == (
        TaskState.QUEUED,
        "Accession No",
        "Height (cm)",
        (None, None),
    )
    callbacks[0]()
    job.refresh_from_db()
    assert (job.state, stored_size(study)) == (TaskState.COMPLETE, (Decimal("172.00"), Decimal("80.00")))


def test_choosing_columns_twice_does_not_start_a_second_task(admin_client, django_capture_on_commit_callbacks):
    job = uploaded_job(admin_client)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        admin_client.post(reverse("ptsize_columns", args=[job.pk]), columns())
        second = admin_client.post(reverse("ptsize_columns", args=[job.pk]), columns())
    assert (len(callbacks), second.url) == (1, reverse("ptsize_detail", args=[job.pk]))


def test_si_uid_imports_match_by_study_instance_uid(admin_client, make_study, django_capture_on_commit_callbacks):
    study = make_study("X", uid="1.2.3.4.5")
    job = uploaded_job(admin_client, "UID,Height,Weight\n1.2.3.4.5,181,90\n")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("ptsize_columns", args=[job.pk]),
            {"id_column": "UID", "id_type": "si-uid", "height_column": "Height", "weight_column": "Weight"},
        )
    assert stored_size(study) == (Decimal("181.00"), Decimal("90.00"))


BAD_FILES = {
    "empty": (b"", "The submitted file is empty."),
    "titles-only": (b"Accession,Height\r\n", "ris.csv: the file has column titles but no data rows"),
    "wrong-encoding": (
        "Accession,Height,Name\nACC1,170,Ren\xe9\n".encode("cp1252"),
        "ris.csv: not UTF-8 text (byte 0xE9 on line 2); save it as &#x27;CSV UTF-8&#x27;",
    ),
    "xlsx": (b"PK\x03\x04rest-of-a-zip", "ris.csv: this is an Excel workbook or zip file, not CSV"),
    "not-csv": (b"\x89PNG\r\n\x1a\n\x00\x00", "ris.csv: this is not a CSV text file (it contains binary data)"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_upload_is_refused_with_a_message_and_nothing_is_kept(admin_client, media_root, kind):
    content, message = BAD_FILES[kind]
    response = upload(admin_client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PatientSizeImport.objects.count() == 0
    assert files_under(media_root) == []


def test_a_huge_upload_is_refused_before_it_is_stored(admin_client, media_root, settings):
    settings.OPENREM_PATIENT_SIZE_MAX_BYTES = 1024 * 1024
    response = upload(admin_client, "id,h\n" + "ACC0000001,170\n" * 80_000)
    assert "ris.csv: 1.1 MB is larger than the 1.0 MB limit; split it into smaller files" in response.content.decode()
    assert (PatientSizeImport.objects.count(), files_under(media_root)) == (0, [])


def test_a_column_not_in_the_file_is_refused_and_nothing_starts(admin_client, django_capture_on_commit_callbacks):
    job = uploaded_job(admin_client)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(reverse("ptsize_columns", args=[job.pk]), columns(height_column="Height"))
    assert "Select a valid choice. Height is not one of the available choices." in response.content.decode()
    job.refresh_from_db()
    assert (callbacks, job.task_id, job.height_column) == ([], "", "")


def test_it_needs_a_height_or_weight_column_and_different_columns(admin_client):
    job = uploaded_job(admin_client)
    url = reverse("ptsize_columns", args=[job.pk])
    page = admin_client.post(url, columns(height_column="", weight_column="")).content.decode()
    assert "Choose a height column, a weight column or both." in page
    page = admin_client.post(url, columns(weight_column="Height (cm)")).content.decode()
    assert "Choose a different column for each of identifier, height and weight." in page


def test_the_progress_json_reports_rows(admin_client):
    job = uploaded_job(admin_client)
    PatientSizeImport.objects.filter(pk=job.pk).update(
        state=TaskState.RUNNING, task_id="t", progress="Processing row 46 of 59183", done_count=45, total_count=59183
    )
    data = admin_client.get(reverse("ptsize_progress", args=[job.pk])).json()
    assert data == {
        "state": "running",
        "state_label": "Running",
        "progress": "Processing row 46 of 59183",
        "done": 45,
        "total": 59183,
        "percent": 0,
        "finished": False,
        "error": "",
    }


def test_abort_stops_a_queued_import_before_it_changes_anything(
    admin_client, make_study, media_root, django_capture_on_commit_callbacks
):
    study = make_study("ACC1")
    job = uploaded_job(admin_client)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        admin_client.post(reverse("ptsize_columns", args=[job.pk]), columns())
    admin_client.post(reverse("ptsize_abort", args=[job.pk]))
    callbacks[0]()
    job.refresh_from_db()
    assert (job.state, job.progress, stored_size(study)) == (
        TaskState.ABORTED,
        "Aborted before it started",
        (None, None),
    )
    assert files_under(media_root / "patient_size_csv") == []


def test_the_table_lists_imports_and_the_log_downloads(admin_client, make_study, django_capture_on_commit_callbacks):
    make_study("ACC1")
    job = uploaded_job(admin_client)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("ptsize_columns", args=[job.pk]), columns())
    page = admin_client.get(reverse("ptsize_list")).content.decode()
    assert "ris.csv" in page and "3 of 3" in page and reverse("ptsize_log", args=[job.pk]) in page
    response = admin_client.get(reverse("ptsize_log", args=[job.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="patient_size_import_{job.pk}.txt"'
    assert b"Row 1: accession number ACC1: height 172.00 cm inserted; weight 80.00 kg inserted\r\n" in b"".join(
        response.streaming_content
    )


def test_the_log_view_serves_only_the_log_the_row_names(admin_client, media_root):
    job = uploaded_job(admin_client)
    secret = media_root / "patient_size_csv" / "other.txt"
    secret.write_text("not a log")
    for name in (
        "",
        "patient_size_csv/other.txt",
        "../../../../etc/passwd",
        "patient_size_logs/../patient_size_csv/other.txt",
    ):
        PatientSizeImport.objects.filter(pk=job.pk).update(log_file=name)
        assert admin_client.get(reverse("ptsize_log", args=[job.pk])).status_code == 404
    assert admin_client.get(reverse("ptsize_log", args=[job.pk + 1])).status_code == 404


def test_delete_removes_the_row_its_log_and_any_csv(admin_client, media_root, django_capture_on_commit_callbacks):
    waiting = uploaded_job(admin_client)
    admin_client.post(reverse("ptsize_delete", args=[waiting.pk]))
    assert (PatientSizeImport.objects.count(), files_under(media_root)) == (0, [])
    job = uploaded_job(admin_client)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("ptsize_columns", args=[job.pk]), columns())
    assert len(files_under(media_root / "patient_size_logs")) == 1
    assert admin_client.get(reverse("ptsize_delete", args=[job.pk])).status_code == 405
    admin_client.post(reverse("ptsize_delete", args=[job.pk]))
    assert (PatientSizeImport.objects.count(), files_under(media_root)) == (0, [])


def test_a_running_import_can_only_be_deleted_after_an_abort(admin_client):
    job = uploaded_job(admin_client)
    PatientSizeImport.objects.filter(pk=job.pk).update(state=TaskState.RUNNING, task_id="t")
    response = admin_client.post(reverse("ptsize_delete", args=[job.pk]), follow=True)
    assert "The import of ris.csv is still running: abort it first." in response.content.decode()
    assert PatientSizeImport.objects.filter(pk=job.pk).exists()
    admin_client.post(reverse("ptsize_abort", args=[job.pk]))
    admin_client.post(reverse("ptsize_delete", args=[job.pk]))
    assert not PatientSizeImport.objects.filter(pk=job.pk).exists()


def test_an_unreachable_queue_marks_the_import_failed(admin_client, monkeypatch, django_capture_on_commit_callbacks):
    from remapp.tasks import run_patient_size_import

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("[Errno 111] Connection refused")

    monkeypatch.setattr(run_patient_size_import, "apply_async", refuse)
    job = uploaded_job(admin_client)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("ptsize_columns", args=[job.pk]), columns())
    job.refresh_from_db()
    assert (job.state, job.error) == (TaskState.FAILED, "Could not queue the import: [Errno 111] Connection refused")
    assert job.csv_file.name == ""


@pytest.mark.parametrize("user_fixture", ["view_user", "export_user", "no_group_user"])
def test_only_the_admin_group_may_use_the_pages(client, request, user_fixture, admin_group_user, media_root):
    job = PatientSizeImport.objects.create(original_file_name="x.csv", log_file="patient_size_logs/x.txt")
    client.force_login(request.getfixturevalue(user_fixture))
    gets = ["ptsize_list", "ptsize_upload", "ptsize_detail", "ptsize_columns", "ptsize_progress", "ptsize_log"]
    for name in gets:
        url = reverse(name, args=[job.pk]) if name not in ("ptsize_list", "ptsize_upload") else reverse(name)
        assert client.get(url).status_code == 403, name
    for name in ("ptsize_abort", "ptsize_delete"):
        assert client.post(reverse(name, args=[job.pk])).status_code == 403, name
    assert PatientSizeImport.objects.filter(pk=job.pk, abort_requested=False).exists()


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("ptsize_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_admin_group_users_see_the_nav_link(admin_client, client, view_user):
    assert reverse("ptsize_list") in admin_client.get(reverse("ptsize_list")).content.decode()
    client.force_login(view_user)
    assert reverse("ptsize_list") not in client.get(reverse("home")).content.decode()
