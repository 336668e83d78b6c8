"""Personal API tokens: created on the account page, shown once, stored as a SHA-256 digest,
revocable; admins and editors need MFA to create one."""
import hashlib
import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.urls import reverse

from api.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/accounts/api-tokens/"


def passed_mfa(client, user):
    """The session records allauth writes after a TOTP login."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time()},
        {"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def test_the_account_menu_links_to_the_token_page(people, client_as):
    response = client_as(people.marche_member).get(reverse("dashboard"))
    assert URL in response.content.decode()


def test_a_member_creates_a_token_sees_it_once_and_only_its_digest_is_stored(people,
                                                                             client_as):
    client = client_as(people.marche_member)
    response = client.post(URL, {"name": "Regional reporting"})
    assert response.status_code == 200
    secret = response.context["created"].secret
    assert secret.startswith("cps_") and secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=people.marche_member)
    assert token.name == "Regional reporting"
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().first())
    again = client.get(URL).content.decode()
    assert secret not in again and "Regional reporting" in again


def test_a_token_authenticates_records_its_last_use_and_stops_when_revoked(people, client_as,
                                                                          api):
    client = client_as(people.marche_member)
    secret = client.post(URL, {"name": "ERP"}).context["created"].secret
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/notifications/").status_code == 200
    token = ApiToken.objects.get(user=people.marche_member)
    assert token.last_used_at is not None
    assert "never" not in client.get(URL).content.decode().split("ERP")[1][:400]
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 302
    response = api.get("/api/v1/notifications/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_made_up_or_malformed_token_is_a_401(api):
    for header in ("Bearer cps_nonsense", "Bearer", "Bearer a b", "Token nope"):
        api.credentials(HTTP_AUTHORIZATION=header)
        assert api.get("/api/v1/partners/").status_code == 401, header


def test_nobody_revokes_someone_elses_token(people, client_as):
    from api.services import token_create

    theirs = token_create(user=people.veneto_member, name="theirs",
                          session_passed_mfa=False).token
    client = client_as(people.marche_member)
    assert client.post(reverse("api_tokens:revoke", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert "theirs" not in client.get(URL).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_an_empty_or_too_long_name_is_refused_with_a_message(people, client_as):
    client = client_as(people.marche_member)
    assert client.post(URL, {"name": ""}).status_code == 400
    assert client.post(URL, {"name": "x" * 81}).status_code == 400
    assert not ApiToken.objects.exists()


def test_an_editor_whose_session_did_not_pass_mfa_cannot_create_a_token(people, client_as):
    client = client_as(people.cms_editor)  # has TOTP, but this session logged in without it
    response = client.post(URL, {"name": "CMS sync"})
    assert response.status_code == 403
    assert "authenticator" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_admin_after_an_mfa_login_creates_a_token(people, client_as):
    client = client_as(people.platform_admin)
    passed_mfa(client, people.platform_admin)
    response = client.post(URL, {"name": "Reporting"})
    assert response.status_code == 200, response.content
    assert ApiToken.objects.filter(user=people.platform_admin).count() == 1


def test_an_admin_without_an_authenticator_may_not_create_a_token(db):
    from api.services import may_create_token, token_create

    admin = UserFactory(is_superuser=True, is_staff=True)
    assert not may_create_token(admin)
    with pytest.raises(Exception, match="two-factor"):
        token_create(user=admin, name="x", session_passed_mfa=True)


def test_ten_active_tokens_at_most(people):
    from django.core.exceptions import ValidationError

    from api.services import MAX_ACTIVE_TOKENS, token_create

    for n in range(MAX_ACTIVE_TOKENS):
        token_create(user=people.marche_member, name=f"t{n}", session_passed_mfa=False)
    with pytest.raises(ValidationError):
        token_create(user=people.marche_member, name="one too many", session_passed_mfa=False)


def test_requests_are_throttled_per_token(people, api, monkeypatch):
    from api.services import token_create
    from api.throttles import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "3/minute"})
    secret = token_create(user=people.marche_member, name="t", session_passed_mfa=False).secret
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert [api.get("/api/v1/partners/").status_code for _ in range(4)] == [200, 200, 200, 429]
    other = token_create(user=people.veneto_member, name="t", session_passed_mfa=False).secret
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {other}")
    assert api.get("/api/v1/partners/").status_code == 200


def test_requests_are_throttled_per_ip_address(db, api, monkeypatch):
    from api.throttles import IpRateThrottle

    monkeypatch.setattr(IpRateThrottle, "THROTTLE_RATES", {"ip": "2/minute"})
    assert [api.get("/api/v1/countries/").status_code for _ in range(3)] == [200, 200, 429]
    assert api.get("/api/v1/countries/", REMOTE_ADDR="10.0.0.9").status_code == 200
