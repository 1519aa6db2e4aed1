"""Django settings for OpenREM.

Everything a site changes comes from the environment (see docs/configuration.rst); the defaults run a
single machine with no servers to install: SQLite and a filesystem task broker under OPENREM_HOME.
An optional ``openremproject/local_settings.py`` is imported last and may override anything.
"""

from pathlib import Path

import dj_database_url

from openremproject.env import env_bool, env_choice, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# Reading the settings makes no folders: each is made where it is first needed. The data folder appears when
# the secret key is first generated (below) or the SQLite database first opened, logs when first written, the
# filesystem broker's folders before the first task is sent or a worker starts (openremproject.celery).
OPENREM_HOME = Path(env_str("OPENREM_HOME", str(BASE_DIR / "var"))).resolve()

SECRET_KEY = env_secret("SECRET_KEY", OPENREM_HOME)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "remapp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "openremproject.urls"
WSGI_APPLICATION = "openremproject.wsgi.application"
ASGI_APPLICATION = "openremproject.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "remapp.context_processors.openrem",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{OPENREM_HOME / 'openrem.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite makes the database file but not its folder: this backend makes the folder when it first connects.
    DATABASES["default"]["ENGINE"] = "openremproject.sqlite"
    # WAL lets the web server read while an import writes; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
# DICOM dates and times carry no zone: they are the site's local time, so the site's zone matters.
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = env_str("STATIC_URL", "/static/")
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(OPENREM_HOME / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(OPENREM_HOME / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str("STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
# Uploaded RIS CSV files can be large; they are streamed to disk rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: sensible when served over HTTPS behind a proxy; switched on by the environment.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Celery ---------------------------------------------------------------------------------------
# Default: kombu's filesystem transport under OPENREM_HOME, so one machine needs no broker server.
BROKER_DIR = OPENREM_HOME / "broker"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("filesystem"):
    # Made by openremproject.celery before the first task is sent or a worker starts.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True

# --- OpenREM site choices --------------------------------------------------------------------------
# Patient ID and date of birth are only stored if the site asks; the ID can be stored as a hash.
OPENREM_STORE_PATIENT_ID = env_bool("OPENREM_STORE_PATIENT_ID", False)
OPENREM_HASH_PATIENT_ID = env_bool("OPENREM_HASH_PATIENT_ID", True)
OPENREM_STORE_BIRTH_DATE = env_bool("OPENREM_STORE_BIRTH_DATE", False)
# Which patient height and weight a study uses when both the DICOM objects and a RIS CSV file give one.
OPENREM_PATIENT_SIZE_PRECEDENCE = env_choice("OPENREM_PATIENT_SIZE_PRECEDENCE", ["dicom", "ris"], "dicom")

# --- Logging ---------------------------------------------------------------------------------------
LOG_DIR = Path(env_str("LOG_DIR", str(OPENREM_HOME / "logs")))
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()


def _rotating(filename: str) -> dict:
    return {
        "class": "openremproject.log.FolderMakingRotatingFileHandler",
        "filename": str(LOG_DIR / filename),
        "maxBytes": 10 * 1024 * 1024,
        "backupCount": 5,
        "formatter": "verbose",
        "encoding": "utf-8",
    }


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "verbose": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s"},
    },
    "filters": {
        "permission_denied_one_line": {"()": "openremproject.log.PermissionDeniedOneLine"},
    },
    "handlers": {
        "general": _rotating("openrem.log"),
        "import": _rotating("openrem_import.log"),
        "export": _rotating("openrem_export.log"),
        "console": {"class": "logging.StreamHandler", "formatter": "verbose"},
    },
    "loggers": {
        "remapp": {"handlers": ["general"], "level": LOG_LEVEL},
        "remapp.dicom": {"handlers": ["import"], "level": LOG_LEVEL, "propagate": False},
        "remapp.extractors": {"handlers": ["import"], "level": LOG_LEVEL, "propagate": False},
        "remapp.netdicom": {"handlers": ["import"], "level": LOG_LEVEL, "propagate": False},
        "remapp.exports": {"handlers": ["export"], "level": LOG_LEVEL, "propagate": False},
        "django": {"handlers": ["general"], "level": "WARNING"},
        # A refused request is routine (a viewer opening an admin page): one line, not a traceback.
        "django.request": {"filters": ["permission_denied_one_line"]},
        "celery": {"handlers": ["general"], "level": LOG_LEVEL},
    },
}

try:  # Older installs keep their site changes here; it wins over everything above.
    from openremproject.local_settings import *  # noqa: F401,F403
except ImportError:
    pass
