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
