"""With a real broker and worker: the column choice commits the row, then the worker runs the import."""

import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from remapp.models import PatientSizeImport, TaskState
from tests.ptsize.conftest import stored_size

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_runs_the_import_after_the_columns_are_committed(
    client, admin_group_user, make_study, media_root, real_worker
):
    study = make_study("ACC1")
    client.force_login(admin_group_user)
    csv = SimpleUploadedFile("ris.csv", b"Accession,Height,Weight\r\nACC1,168,59\r\n", "text/csv")
    client.post(reverse("ptsize_upload"), {"csv_file": csv})
    job = PatientSizeImport.objects.get()
    columns = {"id_column": "Accession", "id_type": "accession", "height_column": "Height", "weight_column": "Weight"}
    client.post(reverse("ptsize_columns", args=[job.pk]), columns)

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not PatientSizeImport.objects.get(pk=job.pk).is_finished:
        time.sleep(0.1)
    job.refresh_from_db()
    assert (job.state, job.error, job.done_count) == (TaskState.COMPLETE, "", 1)
    assert stored_size(study) == (Decimal("168.00"), Decimal("59.00"))
