"""Fixtures shared by the whole suite."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.auth.models import Group, User

from openremproject.celery import app
from openremproject.env import FALSE_WORDS

CORPUS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "dicom"


def in_ci() -> bool:
    """True when the CI environment variable says so (CI=true, as CI services and .ci/run set it)."""
    return os.environ.get("CI", "").strip().lower() not in FALSE_WORDS


def require_programs(*names: str, package: str) -> dict[str, str]:
    """Each program's path, looked up on PATH; if one is missing, skip naming the package (fail in CI).

    Call it from the test's own thread (the test or a fixture): a skip raised in another thread is lost and
    the test fails instead.
    """
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("require_programs must run in the test's thread, before any thread needs the program")
    found = {name: shutil.which(name) for name in names}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        # CI installs every program the suite needs, so there a missing one is a failure, not a skip.
        reason = f"{', '.join(missing)} not found on PATH: install Debian's {package} package"
        (pytest.fail if in_ci() else pytest.skip)(reason)
    return found


@pytest.fixture
def real_worker():
    """A Celery worker thread consuming the configured broker, with eager execution off (as in production)."""
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, loglevel="WARNING"):
            yield
    finally:
        app.conf.task_always_eager = True


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
