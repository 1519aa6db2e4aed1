"""manage.py openrem_storescp: checked options, and a real run that listens, echoes and stops on SIGTERM."""

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--aet", "A_TITLE_LONGER_THAN_16"], "AE title 'A_TITLE_LONGER_THAN_16' must be 1 to 16 characters"),
        (["--port", "70000"], "port 70000 is not between 0 and 65535"),
        (["--allow-aet", ""], "allowed calling AE title '' must be 1 to 16 characters"),
    ],
)
def test_it_refuses_bad_options_with_a_clear_message(arguments, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("openrem_storescp", *arguments)


@pytest.mark.django_db
def test_it_refuses_a_port_setting_that_is_not_a_number(monkeypatch):
    monkeypatch.setenv("OPENREM_STORE_PORT", "eleven")
    with pytest.raises(CommandError, match=re.escape("OPENREM_STORE_PORT='eleven' is not a port number")):
        call_command("openrem_storescp")


def test_it_listens_answers_echo_and_stops_cleanly_on_sigterm(tmp_path, dcmtk):
    env = {
        **os.environ,
        "OPENREM_HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'openrem.sqlite3'}",
        "CELERY_BROKER_URL": "filesystem://",
        "DJANGO_SETTINGS_MODULE": "openremproject.settings",
        "OPENREM_STORE_AET": "TEST_NODE",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True, timeout=120)
    command = [*manage, "openrem_storescp", "--bind", "127.0.0.1", "--port", "0", "--allow-aet", "ECHOER"]
    node = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first_line = node.stdout.readline()
        port = re.search(r"listening on 127\.0\.0\.1:(\d+);", first_line).group(1)
        assert "calling AE titles allowed: ECHOER" in first_line
        assert f"holding folder {tmp_path / 'media' / 'dicom_holding'}" in first_line
        echo = dcmtk.echoscu(int(port), "ECHOER", "TEST_NODE")
        refused = dcmtk.echoscu(int(port), "STRANGER", "TEST_NODE")
        node.send_signal(signal.SIGTERM)
        out, err = node.communicate(timeout=60)
    finally:
        node.kill()
    assert echo.returncode == 0
    assert refused.returncode != 0 and "Calling AE Title Not Recognized" in refused.stderr
    assert node.returncode == 0, err
    assert out.splitlines()[-1] == "Store node stopped"
