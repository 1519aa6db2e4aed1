"""What the logs get: one line per refused request, and log files that make their own folder."""

import logging

import pytest
from django.test import Client

from openremproject.log import FolderMakingRotatingFileHandler

pytestmark = pytest.mark.django_db


def test_a_refused_request_is_logged_as_one_line_with_user_path_and_reason(no_group_user, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(no_group_user)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/openrem/ct/")
    assert response.status_code == 403
    [record] = [record for record in caplog.records if record.name == "django.request"]
    assert record.getMessage() == (
        "Forbidden (permission denied): /openrem/ct/ user=nogroup: Your account does not have the view right"
    )
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_the_log_file_handler_makes_its_folder_when_it_first_writes(tmp_path):
    log_file = tmp_path / "fresh" / "logs" / "openrem.log"
    handler = FolderMakingRotatingFileHandler(str(log_file), maxBytes=1024, backupCount=1, encoding="utf-8")
    assert not log_file.parent.exists()  # nothing made until something is logged
    handler.emit(logging.LogRecord("remapp", logging.INFO, __file__, 1, "first line", None, None))
    handler.close()
    assert log_file.read_text() == "first line\n"
