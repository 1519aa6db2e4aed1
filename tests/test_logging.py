"""What the logs get: one line per refused request."""

import logging

import pytest
from django.test import Client

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
