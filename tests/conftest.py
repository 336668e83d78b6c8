"""Shared fixtures: the personas, a clean cache per test, logged-in clients."""
import os

import pytest
from django.core.cache import cache

from tests.factories import Personas

# Playwright's sync API runs an event loop in the test thread; the ORM calls the browser
# tests make between page actions are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _clear_cache():
    """Forget rate-limit counters between tests without flushing a shared Redis."""
    backend = cache._cache if hasattr(cache, "_cache") else None
    if backend is not None and hasattr(backend, "get_client"):
        client = backend.get_client(None, write=True)
        for key in client.scan_iter(match=f"{cache.key_prefix}:*"):
            client.delete(key)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def clean_cache():
    _clear_cache()
    yield
    _clear_cache()


def ensure_wagtail_root():
    """The site skeleton (root, HomePage at "/", the library, its workflow) comes from
    post_migrate; a transactional (browser) test flushes it, so tests put it back."""
    from knowledge.site import ensure_site_tree

    ensure_site_tree()


@pytest.fixture
def people(db):
    ensure_wagtail_root()
    return Personas()


def login(client, user):
    """Log a user in and mark the session as having passed MFA, as allauth would."""
    client.force_login(user)
    return client


@pytest.fixture
def client_as(client):
    def _as(user):
        return login(client, user)
    return _as


@pytest.fixture(autouse=True)
def pins_count_computed_pages(request):
    """A pinned query count measures the page as it is computed: not the user's kept copy
    (core/page_cache.py), and with the user's permissions asked (users/backends.py), so
    that it does not depend on whether an earlier request left them in the cache.
    tests/core/test_user_page_cache.py pins the kept copy, tests/users the permissions."""
    if not {"django_assert_num_queries", "django_assert_max_num_queries"} & set(
            request.fixturenames):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.USER_PAGE_CACHE_SECONDS = 0
    settings.USER_PERMISSIONS_CACHE_SECONDS = 0
    yield
