"""Logging in: e-mail login, clear failures, rate limits, MFA for admins, admin sites."""
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, cms_editor

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def post_login(client, email, password):
    return client.post(LOGIN, {"login": email, "password": password})


def totp_now(secret="JBSWY3DPEHPK3PXP"):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_member_logs_in_with_email_and_lands_on_dashboard(client, people):
    response = post_login(client, "Member@Marche.example.org", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    page = client.get(reverse("dashboard"))
    assert page.status_code == 200
    assert "Marche Region" in page.content.decode()


def test_wrong_password_is_refused_with_a_clear_message(client, people):
    response = post_login(client, "member@marche.example.org", "not-the-password")
    assert response.status_code == 200
    assert "email address and/or password you specified are not correct" in (
        response.content.decode())
    assert "_auth_user_id" not in client.session


def test_eleven_failed_logins_lock_further_attempts(client, people):
    for _ in range(10):
        response = post_login(client, "member@marche.example.org", "wrong-password")
        assert "are not correct" in response.content.decode()
    eleventh = post_login(client, "member@marche.example.org", "wrong-password")
    assert "Too many failed login attempts" in eleventh.content.decode()
    # even the right password is refused while the lock lasts
    right = post_login(client, "member@marche.example.org", PASSWORD)
    assert right.status_code == 200
    assert "Too many failed login attempts" in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_lock_applies_to_one_account_not_to_others(client, people):
    for _ in range(11):
        post_login(client, "member@marche.example.org", "wrong-password")
    response = post_login(client, "member@veneto.example.org", PASSWORD)
    assert response.status_code == 302


def test_anonymous_visitor_is_sent_to_login_from_dashboard(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/dashboard/"


@pytest.mark.parametrize("path", ["/cms/", "/django-admin/", "/django-admin/login/",
                                  "/cms/login/"])
def test_admin_sites_send_anonymous_visitors_to_the_allauth_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(f"{LOGIN}?next=")


@pytest.mark.parametrize("persona", ["marche_member", "marche_admin", "stakeholder",
                                     "wg3_coordinator"])
@pytest.mark.parametrize("path", ["/cms/", "/django-admin/", "/django-admin/partners/partner/"])
def test_non_admins_cannot_reach_the_admin_sites(client, people, persona, path):
    client.force_login(getattr(people, persona))
    response = client.get(path)
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


def test_cms_editor_cannot_use_django_admin_but_can_use_cms(client, people):
    client.force_login(people.cms_editor)
    assert client.get("/django-admin/").status_code == 403
    assert client.get("/cms/").status_code == 200


def test_platform_admin_login_without_mfa_is_sent_to_mfa_setup(client):
    UserFactory(email="newadmin@example.org", is_staff=True, is_superuser=True)
    response = post_login(client, "newadmin@example.org", PASSWORD)
    assert response.status_code == 302
    following = client.get(response.url)
    assert following.status_code == 302
    assert following.url == reverse("mfa_activate_totp")
    # and every other page, the admin included, sends them back there
    for path in ["/django-admin/", "/cms/", reverse("partners:directory")]:
        blocked = client.get(path)
        assert blocked.status_code == 302 and blocked.url == reverse("mfa_activate_totp")
    # allauth asks for the password once more before an authenticator is added
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 302 and setup.url.startswith(reverse("account_reauthenticate"))
    confirmed = client.post(setup.url, {"password": PASSWORD})
    assert confirmed.status_code == 302
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "Authenticator secret" in page.content.decode()


def test_cms_editor_without_mfa_is_sent_to_mfa_setup(client):
    editor = cms_editor(email="neweditor@example.org")
    client.force_login(editor)
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_admin_with_mfa_must_give_a_code_before_reaching_the_admin(client, people):
    response = post_login(client, "root@example.org", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert client.get("/django-admin/").status_code == 302  # not logged in yet
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    done = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert done.status_code == 302
    assert client.get("/django-admin/").status_code == 200
    assert client.get("/cms/").status_code == 200


def test_members_do_not_need_mfa(client, people):
    client.force_login(people.marche_member)
    assert client.get(reverse("dashboard")).status_code == 200


def test_password_reset_sends_an_email_with_a_working_link(client, people):
    response = client.post(reverse("account_reset_password"),
                           {"email": "member@marche.example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["member@marche.example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/key/" in line)
    path = link[link.index("/accounts/"):].strip()
    form = client.get(path, follow=True)
    assert form.status_code == 200
    changed = client.post(form.redirect_chain[-1][0] if form.redirect_chain else path,
                          {"password1": "a-brand-new-password-42",
                           "password2": "a-brand-new-password-42"})
    assert changed.status_code == 302
    people.marche_member.refresh_from_db()
    assert people.marche_member.check_password("a-brand-new-password-42")


def test_password_reset_for_unknown_address_sends_nothing_revealing(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert all("/password/reset/key/" not in m.body for m in mail.outbox)


def test_sign_up_is_open_for_stakeholders_and_can_be_closed(client, db, settings):
    assert "Sign up as a stakeholder" in client.get(reverse("account_signup")).content.decode()
    settings.ACCOUNT_ALLOW_SIGNUPS = False
    response = client.get(reverse("account_signup"))
    assert "Sign Up Closed" in response.content.decode()
