"""Patient-size import in headless Chromium: upload, choose columns, watch it complete, the table, abort, polling."""

from decimal import Decimal

import pytest

from remapp.models import GeneralStudy, PatientSizeImport, PatientStudy, TaskState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RIS = 'Patient name,"Accession No",Weight (kg),Height (cm)\r\nA B,ACC1,80.5,172\r\nC D,ACC2,61,1.61\r\n'


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def study(accession: str) -> GeneralStudy:
    created = GeneralStudy.objects.create(study_instance_uid=f"1.2.3.{accession}", accession_number=accession)
    PatientStudy.objects.create(study=created)
    return created


def test_an_admin_uploads_chooses_columns_sees_it_complete_and_the_table(
    page, live_server, log_in, admin_group_user, media, tmp_path
):
    first, second = study("ACC1"), study("ACC2")
    csv_path = tmp_path / "ris export.csv"
    csv_path.write_bytes(RIS.encode())
    log_in(page, admin_group_user)

    page.click("nav >> text=Patient size imports")
    page.click("#new-import")
    assert "heights in centimetres" in page.inner_text("main")
    page.set_input_files("#id_csv_file", str(csv_path))
    with page.expect_navigation():
        page.click("#upload-form button[type=submit]")
    assert page.input_value("#id_id_column") == "Accession No"
    page.select_option("#id_height_column", "Height (cm)")
    page.select_option("#id_weight_column", "Weight (kg)")
    page.check("input[name=id_type][value=accession]")
    with page.expect_navigation():
        page.click("#columns-form button[type=submit]")

    page.wait_for_selector("#import-state:has-text('Complete')")
    assert page.inner_text("#import-progress") == (
        "2 of 2 rows: 1 heights and 2 weights inserted, 0 already present, 0 rows with no matching study, 1 bad values"
    )
    page.click("#all-imports")
    row = page.locator("#size-imports tbody tr").first
    assert "ris export.csv" in row.inner_text() and "Complete" in row.inner_text() and "2 of 2" in row.inner_text()
    with page.expect_download() as download:
        row.locator("text=Download").click()
    log = open(download.value.path(), "rb").read()
    assert b"Row 1: accession number ACC1: height 172.00 cm inserted; weight 80.50 kg inserted\r\n" in log
    assert PatientStudy.objects.get(study=first).patient_height_cm_ris == Decimal("172.00")
    assert PatientStudy.objects.get(study=second).patient_height_cm_ris is None


def test_a_bad_file_shows_the_reason_and_nothing_is_started(
    page, live_server, log_in, admin_group_user, media, tmp_path
):
    csv_path = tmp_path / "ris.csv"
    csv_path.write_bytes("Accession,Height\nACC1,170 (M\xfcller)\n".encode("latin-1"))
    log_in(page, admin_group_user)
    page.goto(f"{live_server.url}/openrem/admin/sizeimports/upload/")
    page.set_input_files("#id_csv_file", str(csv_path))
    with page.expect_navigation():
        page.click("#upload-form button[type=submit]")
    assert "ris.csv: not UTF-8 text (byte 0xFC on line 2); save it as 'CSV UTF-8'" in page.inner_text("main")
    assert PatientSizeImport.objects.count() == 0


def test_the_page_polls_progress_and_reloads_when_done_and_abort_asks_to_stop(
    page, live_server, log_in, admin_group_user, media
):
    job = PatientSizeImport.objects.create(
        original_file_name="big.csv",
        task_id="t",
        id_column="Accession",
        id_type="accession",
        height_column="Height",
        state=TaskState.RUNNING,
        progress="Processing row 46 of 59183",
        done_count=45,
        total_count=59183,
    )
    log_in(page, admin_group_user)
    page.goto(f"{live_server.url}/openrem/admin/sizeimports/{job.pk}/")
    assert page.inner_text("#import-progress") == "Processing row 46 of 59183"
    with page.expect_navigation():
        page.click("#abort-form button")
    assert "Abort requested for the import of big.csv." in page.inner_text("main")
    assert PatientSizeImport.objects.get(pk=job.pk).abort_requested is True

    PatientSizeImport.objects.filter(pk=job.pk).update(progress="Processing row 2001 of 59183", done_count=2000)
    page.wait_for_selector("#import-progress:has-text('Processing row 2001 of 59183')")
    PatientSizeImport.objects.filter(pk=job.pk).update(state=TaskState.ABORTED, progress="2000 of 59183 rows")
    page.wait_for_selector("#import-state:has-text('Aborted')")
    # The page reloads once the import has finished: the Abort button is gone and the state is final.
    page.wait_for_selector("#abort-form", state="detached")
    assert page.inner_text("#import-state") == "Aborted"
