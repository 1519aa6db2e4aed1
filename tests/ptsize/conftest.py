"""Small factories for the patient-size tests: studies with or without stored sizes, CSV files on disk."""

from decimal import Decimal
from pathlib import Path

import pytest

from remapp.models import GeneralStudy, PatientStudy


@pytest.fixture
def make_study(db):
    """Create a study; ``height``/``weight`` pre-fill the RIS values, ``patient_study=False`` leaves none."""

    def make(accession="", uid=None, height=None, weight=None, patient_study=True):
        uid = uid or f"1.2.826.0.1.3680043.9.7.{GeneralStudy.objects.count() + 1}"
        study = GeneralStudy.objects.create(study_instance_uid=uid, accession_number=accession)
        if patient_study:
            PatientStudy.objects.create(
                study=study,
                patient_height_cm_ris=None if height is None else Decimal(height),
                patient_weight_kg_ris=None if weight is None else Decimal(weight),
            )
        return study

    return make


@pytest.fixture
def write_csv(tmp_path):
    """Write text (or bytes) to a CSV file in a temporary folder and return its path."""

    def write(content, name="ris.csv") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return write


def stored_size(study) -> tuple:
    """The study's RIS height and weight as stored, e.g. (Decimal('172.00'), None)."""
    patient_study = PatientStudy.objects.get(study=study)
    return patient_study.patient_height_cm_ris, patient_study.patient_weight_kg_ris


@pytest.fixture
def media_root(settings, tmp_path):
    """A MEDIA_ROOT of the test's own, so uploads and logs can be checked and nothing leaks between tests."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def files_under(folder) -> list:
    """Every file below ``folder`` (empty if it does not exist)."""
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []
