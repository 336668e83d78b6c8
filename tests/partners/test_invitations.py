"""Inviting staff: signed, expiring, single-use links; roles; removing staff."""
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clusterpolisee.users.models import User
from partners import services
from partners.models import Invitation, Membership
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
INVITE = reverse("partners:invite", args=["marche-region"])


def invite(client, people, email="new.colleague@marche.example.org", role="member"):
    client.force_login(people.marche_admin)
    response = client.post(INVITE, {"email": email, "role": role})
    return response


def link_from_outbox():
    body = mail.outbox[-1].body
    return re.search(r"https?://[^\s]+/partners/invitations/[^\s]+/", body).group(0)


def test_partner_admin_invites_and_newcomer_signs_up_and_joins(client, people):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert invite(client, people).status_code == 302
    assert mail.outbox[-1].to == ["new.colleague@marche.example.org"]
    assert "Marche Region" in mail.outbox[-1].subject
    path = link_from_outbox().split("testserver", 1)[1]
    client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "Create your account" in page.content.decode()
    response = client.post(path, {"full_name": "Nuova Collega",
                                  "password1": "a-long-new-password", "password2":
                                  "a-long-new-password"})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    user = User.objects.get(email="new.colleague@marche.example.org")
    assert user.membership.partner == people.marche and user.membership.role == "member"
    assert user.emailaddress_set.get().verified
    # single use
    again = client.get(path)
    assert again.status_code == 400 and "already been used" in again.content.decode()


def test_existing_account_logs_in_then_accepts(client, people):
    from django.test import TestCase

    UserFactory(email="outside@example.org")
    with TestCase.captureOnCommitCallbacks(execute=True):
        invite(client, people, email="outside@example.org", role="admin")
    path = link_from_outbox().split("testserver", 1)[1]
    client.logout()
    assert "Log in to accept" in client.get(path).content.decode()
    client.post("/accounts/login/", {"login": "outside@example.org", "password": PASSWORD})
    assert client.post(path).status_code == 302
    assert Membership.objects.get(user__email="outside@example.org").role == "admin"


def test_someone_else_logged_in_cannot_use_the_link(client, people):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        invite(client, people)
    path = link_from_outbox().split("testserver", 1)[1]
    client.force_login(people.stakeholder)
    response = client.post(path)
    assert response.status_code == 400
    assert "was sent to new.colleague@marche.example.org" in response.content.decode()
    assert not hasattr(User.objects.get(pk=people.stakeholder.pk), "membership")


def test_tampered_link_gives_a_clear_page(client, people):
    invitation = services.invitation_create(partner=people.marche, email="x@example.org",
                                            role="member", user=people.marche_admin)
    token = services.invitation_token(invitation)
    response = client.get(reverse("partners:invitation", args=[token[:-3] + "abc"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_expired_link_gives_a_clear_page(client, people):
    invitation = services.invitation_create(partner=people.marche, email="x@example.org",
                                            role="member", user=people.marche_admin)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("partners:invitation",
                                  args=[services.invitation_token(invitation)]))
    assert response.status_code == 400 and "expired" in response.content.decode()


def test_withdrawn_link_gives_a_clear_page(client, people):
    invitation = services.invitation_create(partner=people.marche, email="x@example.org",
                                            role="member", user=people.marche_admin)
    client.force_login(people.marche_admin)
    client.post(reverse("partners:revoke_invitation", args=["marche-region", invitation.pk]))
    client.logout()
    response = client.get(reverse("partners:invitation",
                                  args=[services.invitation_token(invitation)]))
    assert response.status_code == 400 and "withdrawn" in response.content.decode()


def test_cannot_invite_someone_who_works_for_another_partner(client, people):
    response = invite(client, people, email="member@veneto.example.org")
    assert response.status_code == 200
    assert "already works for another partner" in response.content.decode()
    assert not Invitation.objects.exists()


def test_second_open_invitation_to_the_same_address_is_refused(client, people):
    invite(client, people)
    response = invite(client, people)
    assert "already has an open invitation" in response.content.decode()
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize("persona", ["marche_member", "veneto_member", "stakeholder"])
def test_only_partner_admins_invite(client, people, persona):
    client.force_login(getattr(people, persona))
    response = client.post(INVITE, {"email": "x@example.org", "role": "admin"})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_platform_admin_appoints_a_partners_first_admin(client, people):
    client.force_login(people.platform_admin)
    response = client.post(reverse("partners:invite", args=["veneto-region"]),
                           {"email": "boss@veneto.example.org", "role": "admin"})
    assert response.status_code == 302
    assert Invitation.objects.get().role == "admin"


def test_partner_admin_changes_a_role(client, people):
    client.force_login(people.marche_admin)
    membership = people.marche_member.membership
    client.post(reverse("partners:change_role", args=["marche-region", membership.pk]),
                {"role": "admin"})
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_the_last_partner_admin_cannot_be_demoted_or_removed(client, people):
    client.force_login(people.marche_admin)
    own = people.marche_admin.membership
    response = client.post(reverse("partners:change_role", args=["marche-region", own.pk]),
                           {"role": "member"}, follow=True)
    assert "only partner admin" in response.content.decode()
    response = client.post(reverse("partners:remove_staff", args=["marche-region", own.pk]),
                           follow=True)
    assert "only partner admin" in response.content.decode()
    own.refresh_from_db()
    assert own.role == "admin"


def test_partner_admin_removes_a_member(client, people):
    client.force_login(people.marche_admin)
    membership = people.marche_member.membership
    client.post(reverse("partners:remove_staff", args=["marche-region", membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=people.marche_member.pk).exists()


def test_admin_of_another_partner_cannot_touch_marche_staff(client, people):
    client.force_login(people.wg3_coordinator)  # admin of BSMEPA
    membership = people.marche_member.membership
    assert client.post(reverse("partners:remove_staff", args=["marche-region", membership.pk])
                       ).status_code == 404
    assert client.post(reverse("partners:remove_staff", args=["bsmepa", membership.pk])
                       ).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()
