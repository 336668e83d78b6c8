"""Content-Security-Policy, the language cookie and the login limit behind a proxy."""
import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_product_pages_allow_scripts_and_styles_from_this_origin_only(client, people):
    policy = directives(client.get(reverse("partners:directory")))
    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["object-src"] == "object-src 'none'"
    assert "unsafe-inline" not in client.get("/").headers["Content-Security-Policy"]


def test_the_back_office_gets_its_own_policy_that_allows_its_inline_code(client, people):
    client.force_login(people.marche_member)
    policy = directives(client.get("/cms/login/"))
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"


def test_no_product_template_carries_inline_script_or_style(settings):
    import re
    from pathlib import Path

    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", text) \
                or re.search(r"""\sstyle=["']""", text) or "<style" in text:
            offenders.append(str(path))
    assert offenders == []


@override_settings(LANGUAGE_COOKIE_SECURE=True)
def test_the_language_cookie_is_secure_where_configured(client):
    response = client.post(reverse("set_language"), {"language": "bg", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie["secure"] and cookie["samesite"] == "Lax"


def test_behind_a_proxy_the_login_limit_counts_the_client_not_the_proxy(client, people,
                                                                        settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    url = reverse("account_login")
    for _ in range(30):
        client.post(url, {"login": "nobody@example.org", "password": "wrong"},
                    REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    locked = client.post(url, {"login": "other@example.org", "password": "wrong"},
                         REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert locked.status_code == 429
    other_client = client.post(url, {"login": "other@example.org", "password": "wrong"},
                               REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other_client.status_code != 429
