"""Playwright fixtures for every browser test: Debian's Chromium, headless, against pytest-django's live server.

Never downloads a browser: ``chromium`` is looked up on PATH (Debian's package puts it in /usr/bin, which CI
uses). Outside CI, tests skip with the reason when chromium or playwright is missing; in CI (the CI variable
set) that is a failure. Mark browser tests with ``@pytest.mark.browser``.
"""

import os

import pytest
from django.core.cache import cache

from tests.conftest import in_ci, require_programs

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "pass-word-1"  # what tests/conftest.py gives its users
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    chromium_path = require_programs("chromium", package="chromium")["chromium"]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        (pytest.fail if in_ci() else pytest.skip)("playwright (python package) not installed")
    # Playwright's sync API keeps an asyncio loop running in this thread, which trips Django's
    # async-unsafe guard on every ORM call a test makes between page actions. The ORM is still used
    # from one thread at a time here, so the guard is lifted for browser tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def empty_cache():
    """No cached home figures from an earlier test (the live server shares this process's cache)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(browser):
    """A fresh browser context and page per test (no cookies shared between tests)."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def log_in(live_server):
    """Log a user in through the real login form: ``log_in(page, user)``; returns the page after login."""

    def _log_in(page, user, password: str = PASSWORD):
        page.goto(f"{live_server.url}/openrem/login/")
        page.fill("#id_username", user.get_username())
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.click("form[action$='/login/'] button[type=submit]")
        if "/login/" in page.url:
            raise AssertionError(f"login failed for {user.get_username()}: still on {page.url}")
        return page

    return _log_in
