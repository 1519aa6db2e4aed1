"""Lists and study pages show each study's one effective height and weight, saying when it came from a RIS file."""

from decimal import Decimal

import pytest
from django.urls import reverse

from remapp.models import PatientSizeImport, PatientStudy, effective_size_update
from tests.factories import make_study

pytestmark = pytest.mark.django_db


def _with_ris_height(study, file_name="ris-march.csv"):
    upload = PatientSizeImport.objects.create(original_file_name=file_name)
    rows = PatientStudy.objects.filter(study=study)
    rows.update(patient_size_m=None, patient_height_cm_ris=Decimal("168"), size_import=upload)
    rows.update(**effective_size_update())


def test_the_list_shows_the_effective_height_and_weight_and_marks_ris_values(client, view_user):
    study = make_study(weight_kg=Decimal("72.50"))
    _with_ris_height(study)
    client.force_login(view_user)

    html = " ".join(client.get(reverse("study_list", args=["ct"])).content.decode().split())

    assert '1.68<sup title="from a RIS file" class="text-muted"> RIS</sup>' in html
    assert ">72.5</td>" in html  # the DICOM weight, with the weight's one decimal


def test_the_study_page_names_the_source_and_the_ris_file(client, view_user):
    study = make_study(weight_kg=Decimal("72.50"))
    _with_ris_height(study)
    client.force_login(view_user)

    html = " ".join(client.get(reverse("study_detail", args=["ct", study.pk])).content.decode().split())

    assert '1.68 <span class="text-muted">(RIS file: ris-march.csv)</span>' in html
    assert '72.5 <span class="text-muted">(DICOM)</span>' in html
