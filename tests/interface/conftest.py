"""Interface test fixtures."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached home figures (test databases reuse ids between tests)."""
    cache.clear()
    yield
    cache.clear()
