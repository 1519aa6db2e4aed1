"""The real pages in headless Chromium: log in, home summary, list filters, paging, detail, delete, refusal."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_viewer_logs_in_and_sees_the_home_summary(page, live_server, log_in, view_user):
    log_in(page, view_user)
    assert page.url == f"{live_server.url}/openrem/"
    assert "Total studies" in page.inner_text("main")
