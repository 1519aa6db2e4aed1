"""Fixtures shared by the whole suite."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

CORPUS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "dicom"


@pytest.fixture
def corpus_dir() -> Path:
    """The folder of real vendor DICOM files; tests that need it skip when it is absent."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"vendor DICOM corpus not found at {CORPUS_DIR}")
    return CORPUS_DIR


def corpus_file(name: str) -> Path:
    path = CORPUS_DIR / name
    if not path.is_file():
        pytest.skip(f"vendor DICOM file {path} not found")
    return path


def _user_in(username: str, *groups: str) -> User:
    # get_or_create: a transactional test's flush removes the groups the data migration made.
    user = User.objects.create_user(username=username, password="pass-word-1")
    user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in groups))
    return user


@pytest.fixture(autouse=True)
def default_test_patient_patterns(request):
    """The patterns a new installation starts with, also after a transactional test's flush removed them."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        if not request.node.get_closest_marker("django_db"):
            return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db" if _transactional(request) else "db")
    migration = importlib.import_module("remapp.migrations.0013_test_patient_patterns")
    migration.add_default_patterns(apps, None)


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return "transactional_db" in request.fixturenames or bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture
def view_user(db) -> User:
    return _user_in("viewer", "viewgroup")


@pytest.fixture
def export_user(db) -> User:
    return _user_in("exporter", "exportgroup")


@pytest.fixture
def admin_group_user(db) -> User:
    return _user_in("physicist", "admingroup")


@pytest.fixture
def no_group_user(db) -> User:
    return _user_in("nogroup")
