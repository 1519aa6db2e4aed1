"""Test-patient patterns: conservative defaults, what a mark records, and stored studies after a change."""

import pytest

from remapp.analysis.patient_flags import add_pattern, clear_legacy_marks, legacy_marks, remove_pattern
from remapp.extractors.router import import_dataset
from remapp.models import GeneralStudy, TestPatientPattern
from remapp.synthetic import dx_image

pytestmark = pytest.mark.django_db


def _import(seed, **header):
    outcome = import_dataset(dx_image(seed=seed, **header), f"{seed}.dcm")
    assert outcome.status == "imported", outcome.reason
    return GeneralStudy.objects.get(pk=outcome.study_id)


@pytest.mark.parametrize("name", ["MURPHY^JOHN", "BROPHY^ANN", "SMITH^PHYLLIS", "TESTA^MARIO"])
def test_the_default_patterns_do_not_mark_real_patients(name):
    study = _import(name, patient_name=name, patient_id="1234567")
    assert not study.test_patient and study.test_patient_indicator == ""


@pytest.mark.parametrize(
    "patient_id, name, indicator",
    [
        ("1234567", "QA", "Patient name matches QA"),
        ("1234567", "CT^PHANTOM", "Patient name matches *PHANTOM*"),
        ("1234567", "TEST^PATIENT", "Patient name matches TEST PATIENT*"),
        ("1234567", "PHYSICS^QA", "Patient name matches PHYSICS*"),
        ("qa-2024-01", "DOE^JANE", "Patient ID matches QA*"),
        ("PHANTOM7", "DOE^JANE", "Patient ID matches PHANTOM*"),
    ],
)
def test_the_default_patterns_mark_test_and_qa_patients_and_say_which_matched(patient_id, name, indicator):
    study = _import(f"{patient_id}{name}", patient_name=name, patient_id=patient_id)

    assert study.test_patient
    assert study.test_patient_indicator == indicator
    assert str(study.test_patient_pattern) == indicator


def test_the_name_is_not_stored_anywhere_only_the_pattern():
    study = _import("secret", patient_name="PHANTOM^SECRETNAME")
    stored = {field.name: getattr(study, field.attname) for field in study._meta.concrete_fields}
    assert not any("SECRETNAME" in str(value) for value in stored.values())


def test_removing_a_pattern_unmarks_its_studies(settings):
    study = _import("rm", patient_name="CT^PHANTOM")
    change = remove_pattern(TestPatientPattern.objects.get(pattern="*PHANTOM*"))

    study.refresh_from_db()
    assert (study.test_patient, study.test_patient_indicator, change.cleared) == (False, "", 1)


def test_a_new_id_pattern_marks_stored_unhashed_ids_and_skips_hashed_ones(settings):
    settings.OPENREM_STORE_PATIENT_ID, settings.OPENREM_HASH_PATIENT_ID = True, False
    plain = _import("plain", patient_id="SERVICE-01", patient_name="DOE^JANE")
    settings.OPENREM_HASH_PATIENT_ID = True
    hashed = _import("hashed", patient_id="SERVICE-02", patient_name="DOE^JOHN")

    _, change = add_pattern("id", "service-*", "Engineers' test IDs")

    plain.refresh_from_db(), hashed.refresh_from_db()
    assert (plain.test_patient, plain.test_patient_indicator) == (True, "Patient ID matches service-*")
    assert not hashed.test_patient
    assert change.marked == 1


def test_marks_of_the_old_word_rule_are_listed_and_can_be_cleared():
    study = _import("legacy", patient_name="MURPHY^JOHN")
    GeneralStudy.objects.filter(pk=study.pk).update(test_patient=True, test_patient_indicator="phy")

    assert legacy_marks() == [("phy", 1)]
    change = clear_legacy_marks("phy")

    study.refresh_from_db()
    assert (study.test_patient, change.cleared, legacy_marks()) == (False, 1, [])
