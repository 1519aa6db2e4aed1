"""Coded concepts are stored once each, in SNOMED CT where a legacy SNOMED-RT code names the same concept."""

import importlib

import pytest
from django.apps import apps
from pydicom.sr.coding import Code

from remapp.extractors.study.rows import coded_concept
from remapp.models import CodedConcept, IrradiationEventXRayData
from tests.factories import add_projection_event, make_study

pytestmark = pytest.mark.django_db


def test_a_legacy_code_and_its_snomed_ct_code_are_one_row_and_the_first_meaning_stays():
    legacy = coded_concept(Code("G-A101", "SRT", "Left"))
    current = coded_concept(Code("7771000", "SCT", "left (qualifier value)"))
    snm3 = coded_concept(Code("R-10242", "SNM3", "cranio-caudal"))

    assert legacy.pk == current.pk
    assert (legacy.code_value, legacy.coding_scheme_designator, legacy.code_meaning) == ("7771000", "SCT", "Left")
    assert (snm3.code_value, snm3.coding_scheme_designator) == ("399162004", "SCT")


def test_two_spellings_of_one_meaning_are_one_row():
    first = coded_concept(Code("C-120F9", "SRT", "Aluminum or Aluminum compound"))
    second = coded_concept(Code("C-120F9", "SRT", "Aluminium or Aluminium Compound"))
    assert first.pk == second.pk


def test_the_upgrade_merges_the_rows_earlier_versions_kept_and_moves_their_references():
    migration = importlib.import_module("remapp.migrations.0018_one_row_per_concept")
    old_left = CodedConcept.objects.create(code_value="G-A101", coding_scheme_designator="SRT", code_meaning="Left")
    new_left = CodedConcept.objects.create(code_value="7771000", coding_scheme_designator="SCT", code_meaning="Left")
    event = add_projection_event(make_study("MG"), protocol="CC")
    IrradiationEventXRayData.objects.filter(pk=event.pk).update(laterality=new_left)

    migration.merge_concepts(apps, None)

    assert list(CodedConcept.objects.filter(code_meaning="Left").values_list("pk", "code_value")) == [
        (old_left.pk, "7771000")
    ]
    assert IrradiationEventXRayData.objects.get(pk=event.pk).laterality_id == old_left.pk
