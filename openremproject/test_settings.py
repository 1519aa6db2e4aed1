"""Settings for the test suite: the real settings, with a throwaway data folder and fast password hashing.

DATABASE_URL and CELERY_BROKER_URL still come from the environment, so the same suite runs on the
embedded defaults and, in CI, against PostgreSQL and RabbitMQ.
"""

import os
import tempfile

os.environ.setdefault("OPENREM_HOME", tempfile.mkdtemp(prefix="openrem-test-"))

from openremproject.settings import *  # noqa: E402,F401,F403
from openremproject.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests call tasks in-process unless a test starts a real worker itself (tests/test_broker.py).
CELERY_TASK_ALWAYS_EAGER = True
# No collectstatic step in tests: serve the app's static files as they are.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Nor a collected folder: with none, WhiteNoise does not look for (and warn about) one; the live server of
# the browser tests serves the app's static files from the app itself.
STATIC_ROOT = None
