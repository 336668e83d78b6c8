"""Audience × role: who sees and who may comment on a consultation, one test per cell.

Roles: a member of a partner in the consultation's WG (Marche in WG3), a member of another
partner (Veneto), an approved and a pending stakeholder, an anonymous visitor, and a
moderator (the WG3 coordinator, who owns it). See docs/permissions.md.
"""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from consultations.models import Comment
from consultations.rules import can_view_consultation
from consultations.selectors import consultations_visible_to

pytestmark = pytest.mark.django_db

ROLES = ["member", "other_partner", "approved_stakeholder", "pending_stakeholder", "anonymous",
         "moderator"]
PERSONA = {"member": "marche_member", "other_partner": "veneto_member",
           "approved_stakeholder": "approved_stakeholder",
           "pending_stakeholder": "pending_stakeholder", "moderator": "wg3_coordinator"}

# audience -> role -> may see and comment
MATRIX = {
    "partners": {"member": True, "other_partner": False, "approved_stakeholder": False,
                 "pending_stakeholder": False, "anonymous": False, "moderator": True},
    "stakeholders": {"member": True, "other_partner": True, "approved_stakeholder": True,
                     "pending_stakeholder": False, "anonymous": False, "moderator": True},
    "public": {"member": True, "other_partner": True, "approved_stakeholder": True,
               "pending_stakeholder": True, "anonymous": False, "moderator": True},
}
CELLS = [(audience, role, allowed) for audience, row in MATRIX.items()
         for role, allowed in row.items()]


def _user(cast, role):
    return AnonymousUser() if role == "anonymous" else getattr(cast, PERSONA[role])


def _as(client, cast, role):
    if role != "anonymous":
        client.force_login(_user(cast, role))
    return client


@pytest.mark.parametrize(("audience", "role", "allowed"), CELLS)
def test_who_may_open_a_consultation(client, cast, make_consultation, audience, role, allowed):
    consultation = make_consultation(audience=audience)
    response = _as(client, cast, role).get(consultation.get_absolute_url())
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == (200 if allowed else 404)
    user = _user(cast, role)
    assert (consultation in consultations_visible_to(user)) == allowed
    assert can_view_consultation(user, consultation) == allowed


@pytest.mark.parametrize(("audience", "role", "allowed"), CELLS)
def test_who_may_comment_on_a_consultation(client, cast, make_consultation, audience, role,
                                           allowed):
    consultation = make_consultation(audience=audience)
    response = _as(client, cast, role).post(consultation.get_absolute_url(),
                                            {"body": "Our view on this."})
    assert Comment.objects.filter(consultation=consultation).exists() == allowed
    if allowed:
        assert response.status_code == 302
    elif role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(("audience", "role", "allowed"), CELLS)
def test_listing_shows_only_what_the_role_may_open(client, cast, make_consultation, audience,
                                                   role, allowed):
    make_consultation(audience=audience, title="The consultation under test")
    response = _as(client, cast, role).get(reverse("consultations:list"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    assert ("The consultation under test" in response.content.decode()) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_is_seen_by_its_moderators_only(client, cast, make_consultation, role):
    draft = make_consultation(audience="public", state="draft")
    response = _as(client, cast, role).get(draft.get_absolute_url())
    expected = {"moderator": 200, "anonymous": 302}.get(role, 404)
    assert response.status_code == expected


def test_a_partners_only_consultation_without_wg_is_for_every_partner(cast, make_consultation):
    consultation = make_consultation(audience="partners", working_group=None)
    assert can_view_consultation(cast.veneto_member, consultation)
    assert not can_view_consultation(cast.approved_stakeholder, consultation)


def test_platform_admin_sees_every_consultation(cast, make_consultation):
    draft = make_consultation(audience="partners", state="draft")
    assert draft in consultations_visible_to(cast.platform_admin)


# --- the role-only pages: moderation queue, export, edit, summary, stakeholder approval ---

# role -> expected status on a stakeholders-audience consultation the role can see
MODERATOR_ONLY = {"member": 404, "other_partner": 404, "approved_stakeholder": 404,
                  "pending_stakeholder": 404, "anonymous": 302, "moderator": 200}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["moderation", "export_csv", "export_json", "edit", "summary"])
def test_owner_and_moderator_pages_per_role(client, cast, make_consultation, role, page):
    consultation = make_consultation(audience="stakeholders")
    if page == "summary":
        consultation.state = "closed"
        consultation.save()
    response = _as(client, cast, role).get(reverse(f"consultations:{page}",
                                                   kwargs={"pk": consultation.pk}))
    assert response.status_code == MODERATOR_ONLY[role]


def test_a_coordinator_of_the_wg_moderates_but_does_not_own(client, cast, make_consultation):
    consultation = make_consultation(owner=cast.marche_admin)
    client.force_login(cast.wg3_coordinator)
    assert client.get(reverse("consultations:moderation", args=[consultation.pk])).status_code \
        == 200
    assert client.get(reverse("consultations:export_csv", args=[consultation.pk])).status_code \
        == 404


@pytest.mark.parametrize("role", ROLES)
def test_stakeholder_approval_page_per_role(client, cast, role):
    response = _as(client, cast, role).get(reverse("consultations:stakeholders"))
    assert response.status_code == {"moderator": 200, "anonymous": 302}.get(role, 404)


def test_platform_admin_opens_the_stakeholder_approval_page(client, cast):
    client.force_login(cast.platform_admin)
    assert client.get(reverse("consultations:stakeholders")).status_code == 200


@pytest.mark.parametrize(("persona", "allowed"), [
    ("marche_admin", True), ("wg3_coordinator", True), ("platform_admin", True),
    ("marche_member", False), ("approved_stakeholder", False)])
def test_who_may_create_a_consultation(client, cast, persona, allowed):
    client.force_login(getattr(cast, persona))
    assert client.get(reverse("consultations:create")).status_code == (200 if allowed else 404)
