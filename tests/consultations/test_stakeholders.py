"""The stakeholder tier: sign-up with organisation, country, interests and terms; approval."""
import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from clusterpolisee.core.permissions import is_approved_stakeholder
from clusterpolisee.users.models import StakeholderProfile, User
from clusterpolisee.users.services import stakeholder_decide

pytestmark = pytest.mark.django_db
SIGNUP = reverse("account_signup")


def _signup(client, cast, **overrides):
    data = {"email": "new@cluster.example.org", "password1": "a-long-enough-secret-42",
            "password2": "a-long-enough-secret-42", "full_name": "Nina New",
            "organisation": "Adriatic Cluster", "country": cast.marche.country.pk,
            "interests": [cast.wg3.pk], "accept_terms": "on"}
    data.update(overrides)
    return client.post(SIGNUP, data)


def test_signup_creates_a_pending_stakeholder_and_sends_a_verification(client, cast):
    response = _signup(client, cast)
    assert response.status_code == 302
    user = User.objects.get(email="new@cluster.example.org")
    profile = user.stakeholder_profile
    assert (profile.organisation, profile.country, profile.state) == (
        "Adriatic Cluster", cast.marche.country, StakeholderProfile.State.PENDING)
    assert list(profile.interests.all()) == [cast.wg3]
    assert profile.terms_accepted_at is not None and user.full_name == "Nina New"
    assert not EmailAddress.objects.get(user=user).verified
    assert any("new@cluster.example.org" in m.to for m in mail.outbox)
    assert not is_approved_stakeholder(user)


def test_signup_without_accepting_the_terms_is_refused(client, cast):
    response = _signup(client, cast, accept_terms="")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not User.objects.filter(email="new@cluster.example.org").exists()


def test_signup_page_has_labelled_fields(client, cast):
    page = client.get(SIGNUP).content.decode()
    for label in ["Organisation", "Country", "Working groups that interest you",
                  "I accept the terms of participation"]:
        assert label in page


def test_coordinator_approves_a_pending_stakeholder(client, cast):
    client.force_login(cast.wg3_coordinator)
    page = client.get(reverse("consultations:stakeholders")).content.decode()
    assert "Pavel Pending" in page
    profile = cast.pending_stakeholder.stakeholder_profile
    client.post(reverse("consultations:stakeholder_decide", args=[profile.pk]),
                {"decision": "approve"})
    profile.refresh_from_db()
    assert profile.state == "approved" and profile.approved_by == cast.wg3_coordinator
    assert is_approved_stakeholder(User.objects.get(pk=cast.pending_stakeholder.pk))


def test_declining(client, cast):
    client.force_login(cast.platform_admin)
    profile = cast.pending_stakeholder.stakeholder_profile
    client.post(reverse("consultations:stakeholder_decide", args=[profile.pk]),
                {"decision": "decline"})
    profile.refresh_from_db()
    assert profile.state == "declined"


@pytest.mark.parametrize("persona", ["marche_admin", "marche_member", "approved_stakeholder"])
def test_others_cannot_approve(client, cast, persona):
    profile = cast.pending_stakeholder.stakeholder_profile
    client.force_login(getattr(cast, persona))
    response = client.post(reverse("consultations:stakeholder_decide", args=[profile.pk]),
                           {"decision": "approve"})
    assert response.status_code == 404
    profile.refresh_from_db()
    assert profile.state == "pending"
    with pytest.raises(PermissionDenied):
        stakeholder_decide(profile=profile, user=getattr(cast, persona), approve=True)


def test_partner_staff_are_never_approved_stakeholders(cast):
    assert not is_approved_stakeholder(cast.marche_member)
    assert is_approved_stakeholder(cast.approved_stakeholder)


def test_an_approved_stakeholder_is_notified_of_the_approval(client, cast):
    from clusterpolisee.core.models import Activity
    from notifications.models import Notification
    from notifications.services import notifications_create_for_activity

    client.force_login(cast.wg3_coordinator)
    profile = cast.pending_stakeholder.stakeholder_profile
    client.post(reverse("consultations:stakeholder_decide", args=[profile.pk]),
                {"decision": "approve"})
    item = Activity.objects.get(verb="stakeholder.approved")
    notifications_create_for_activity(activity=item)
    assert list(Notification.objects.filter(activity=item).values_list(
        "recipient", flat=True)) == [cast.pending_stakeholder.pk]
    client.force_login(cast.pending_stakeholder)
    assert "approved the stakeholder" in client.get("/notifications/").content.decode()
