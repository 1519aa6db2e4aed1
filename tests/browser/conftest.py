"""Playwright fixtures for every browser test: Debian's Chromium, headless, against pytest-django's live server.

Never downloads a browser. Tests skip with the reason when /usr/bin/chromium or playwright is missing
(CI installs both). Mark browser tests with ``@pytest.mark.browser``.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "pass-word-1"  # what tests/conftest.py gives its users
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    # In CI the browser tests must run: a missing browser is a failure there, not a skip.
    missing = pytest.fail if os.environ.get("CI") else pytest.skip
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not found: install Debian's chromium package to run browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright (python package) not installed")
    # Playwright's sync API keeps an asyncio loop running in this thread, which trips Django's
    # async-unsafe guard on every ORM call a test makes between page actions. The ORM is still used
    # from one thread at a time here, so the guard is lifted for browser tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
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
