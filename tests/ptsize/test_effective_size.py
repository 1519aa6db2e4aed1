"""Each study's one effective height and weight, with its source: DICOM first unless the site chooses RIS."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from remapp.models import PatientSizeImport, PatientStudy
from remapp.ptsize import apply_size_table, read_size_table

pytestmark = pytest.mark.django_db


def _effective(study):
    row = PatientStudy.objects.get(study=study)
    return row.height_m, row.height_source, row.weight_kg, row.weight_source, row.size_import_id


def _upload(write_csv, text: str) -> PatientSizeImport:
    job = PatientSizeImport.objects.create(original_file_name="ris.csv")
    table = read_size_table(write_csv(text), "Accession", "Height", "Weight")
    apply_size_table(table, "accession", import_id=job.pk)
    return job


def test_ris_values_become_the_effective_size_where_dicom_gives_none(make_study, write_csv):
    study = make_study("ACC1")
    job = _upload(write_csv, "Accession,Height,Weight\nACC1,172,81.5\n")

    assert _effective(study) == (Decimal("1.720"), "ris", Decimal("81.50"), "ris", job.pk)


def test_dicom_values_come_first_and_a_zero_means_not_given(make_study, write_csv):
    study = make_study("ACC2")
    PatientStudy.objects.filter(study=study).update(patient_size_m=Decimal("1.68"), patient_weight_kg=0)
    job = _upload(write_csv, "Accession,Height,Weight\nACC2,172,81.5\n")

    assert _effective(study) == (Decimal("1.680"), "dicom", Decimal("81.50"), "ris", job.pk)


def test_the_site_can_prefer_ris_values(make_study, write_csv, settings):
    study = make_study("ACC3")
    PatientStudy.objects.filter(study=study).update(patient_size_m=Decimal("1.68"), patient_weight_kg=Decimal("70"))
    _upload(write_csv, "Accession,Height,Weight\nACC3,172,81.5\n")
    settings.OPENREM_PATIENT_SIZE_PRECEDENCE = "ris"
    out = StringIO()

    call_command("openrem_patient_size", "refresh", stdout=out)

    assert _effective(study)[:4] == (Decimal("1.720"), "ris", Decimal("81.50"), "ris")
    assert "RIS values first" in out.getvalue()
