"""Settings from the environment: safe defaults, a per-install secret key, clear errors for bad values."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from openremproject.env import env_bool, env_int, env_list, env_secret

ROOT = Path(__file__).resolve().parent.parent


def test_it_generates_a_secret_key_once_and_keeps_it(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = env_secret("SECRET_KEY", tmp_path)
    second = env_secret("SECRET_KEY", tmp_path)
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def _first_start(data_dir: Path, processes: int) -> list[str]:
    """Fork processes that all ask for the secret key of an empty data folder at once; each one's answer."""
    go_read, go_write = os.pipe()
    answers_read, answers_write = os.pipe()
    children = []
    for _ in range(processes):
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                os.read(go_read, 1)  # every child waits here, so all of them start together
                answer = env_secret("SECRET_KEY", data_dir)
            except BaseException as error:  # noqa: BLE001 - any failure is an answer the test reports
                answer = f"error: {error!r}"
            finally:
                os.write(answers_write, (json.dumps(answer) + "\n").encode())
                os._exit(0)
        children.append(child)
    os.write(go_write, b"x" * processes)
    for child in children:
        os.waitpid(child, 0)
    os.close(answers_write)
    with os.fdopen(answers_read) as answers:
        return [json.loads(line) for line in answers]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="starts the processes with os.fork")
def test_processes_starting_together_on_an_empty_data_folder_share_one_key(tmp_path, monkeypatch):
    # One trial rarely hits the window (the old code lost about one trial in six), so many are run.
    monkeypatch.delenv("SECRET_KEY", raising=False)
    bad = {}
    for trial in range(200):
        data_dir = tmp_path / str(trial)
        answers = _first_start(data_dir, processes=6)
        stored = (data_dir / "secret_key").read_text()
        if len(answers) != 6 or set(answers) != {stored} or len(stored) < 50:
            bad[trial] = answers
    assert bad == {}


def test_an_empty_key_file_is_an_error_that_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    (tmp_path / "secret_key").write_text("")
    with pytest.raises(ValueError) as error:
        env_secret("SECRET_KEY", tmp_path)
    assert str(error.value) == (
        f"{tmp_path / 'secret_key'} is empty: delete it (a new key is made) or set SECRET_KEY in the environment"
    )


def test_each_install_gets_its_own_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert env_secret("SECRET_KEY", tmp_path / "a") != env_secret("SECRET_KEY", tmp_path / "b")


def test_a_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    assert env_secret("SECRET_KEY", tmp_path) == "from-env"
    assert not (tmp_path / "secret_key").exists()


def test_it_rejects_a_bool_it_cannot_read(monkeypatch):
    monkeypatch.setenv("DEBUG", "perhaps")
    with pytest.raises(ValueError, match="DEBUG"):
        env_bool("DEBUG")


def test_it_reads_bools_ints_and_lists(monkeypatch):
    monkeypatch.setenv("X_BOOL", "Yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert env_bool("X_BOOL") is True
    assert env_int("X_INT", 1) == 42
    assert env_list("X_LIST", []) == ["a.example", "b.example"]
    with pytest.raises(ValueError, match="X_LIST"):
        env_int("X_LIST", 1)


def _settings_in_subprocess(tmp_path, **env) -> str:
    """Import the real settings in a clean interpreter with the given environment; print some of them."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG"}}
    environment.update({"OPENREM_HOME": str(tmp_path), **env})
    code = (
        "from openremproject import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);print(s.DATABASES['default']['NAME']);"
        "print(s.CELERY_BROKER_URL);print(s.DEBUG);print(s.TIME_ZONE);print(s.MEDIA_ROOT)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    ).stdout


def test_defaults_need_no_servers(tmp_path):
    engine, name, broker, debug, zone, media = _settings_in_subprocess(tmp_path).split("\n")[:6]
    assert engine == "openremproject.sqlite"  # Django's SQLite backend, making its folder on first connection
    assert name == str(tmp_path / "openrem.sqlite3")
    assert broker == "filesystem://"
    assert debug == "False"
    assert zone == "Europe/London"
    assert media == str(tmp_path / "media")


def test_database_and_broker_come_from_the_environment(tmp_path):
    out = _settings_in_subprocess(
        tmp_path,
        DATABASE_URL="postgres://openrem:pw@db.example:5432/openrem",
        CELERY_BROKER_URL="amqp://guest:guest@127.0.0.1:5672//",
        TIME_ZONE="America/New_York",
    ).split("\n")
    assert out[0] == "django.db.backends.postgresql"
    assert out[1] == "openrem"
    assert out[2] == "amqp://guest:guest@127.0.0.1:5672//"
    assert out[4] == "America/New_York"


def _python(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "openremproject.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )


@pytest.mark.parametrize("module", ["openremproject.settings", "openremproject.test_settings"])
def test_reading_the_settings_creates_no_folder(tmp_path, module):
    home = tmp_path / "home"
    _python(f"import {module}", OPENREM_HOME=str(home), SECRET_KEY="from-env")
    assert not home.exists()


def test_a_fresh_data_folder_gets_its_folders_when_first_used(tmp_path):
    home = tmp_path / "home"
    code = (
        "import django, logging; django.setup();"
        "logging.getLogger('remapp').warning('first words');"
        "from django.db import connection; connection.ensure_connection();"
        "from openremproject.celery import app; app.send_task('remapp.tasks.no_such_task')"
    )
    _python(code, OPENREM_HOME=str(home))
    assert sorted(path.relative_to(home).as_posix() for path in home.rglob("*") if path.is_dir()) == [
        "broker",
        "broker/control",
        "broker/processed",
        "broker/queue",
        "logs",
    ]
    assert re.fullmatch(r"\S+ \S+ WARNING remapp \d+: first words\n", (home / "logs" / "openrem.log").read_text())
    assert len(list((home / "broker" / "queue").iterdir())) == 1
    assert (home / "openrem.sqlite3").is_file() and (home / "secret_key").is_file()


def test_a_worker_starting_on_a_fresh_data_folder_gets_the_broker_folders(tmp_path):
    home = tmp_path / "home"
    code = "import django; django.setup(); from celery.signals import worker_init; worker_init.send(sender=None)"
    _python(code, OPENREM_HOME=str(home), SECRET_KEY="from-env")
    assert sorted(path.name for path in (home / "broker").iterdir()) == ["control", "processed", "queue"]
