"""The document permission matrix of docs/permissions.md: one test per role × action.

Roles: member and admin of the owning partner (Marche), a member of another partner
(Veneto), a member of a WG the document is shared with (BSMEPA in WG3), a stakeholder,
an anonymous visitor and a platform admin. Actions: view, list, download, edit, share,
delete. Objects the user may not know exist answer 404.
"""
import pytest
from django.urls import reverse

from partners.models import Document

pytestmark = pytest.mark.django_db

ROLES = ["owner_member", "owner_admin", "other_partner", "wg_member", "stakeholder",
         "anonymous", "platform_admin"]
PERSONA = {"owner_member": "marche_member", "owner_admin": "marche_admin",
           "other_partner": "veneto_member", "wg_member": "bsmepa_member",
           "stakeholder": "stakeholder", "platform_admin": "platform_admin"}

# expected status for each action on a document shared with WG3
# (view/download 200 = allowed; edit/share/delete GET 200 = the form is offered)
MATRIX = {
    #                view  list   download edit  share delete
    "owner_member":   (200, True,  200,     200,  200,  200),   # member created it
    "owner_admin":    (200, True,  200,     200,  200,  200),
    "other_partner":  (404, False, 404,     404,  404,  404),
    "wg_member":      (200, True,  200,     403,  403,  403),
    "stakeholder":    (404, False, 404,     404,  404,  404),
    "anonymous":      (404, False, 404,     302,  302,  302),
    "platform_admin": (200, True,  200,     200,  200,  200),
}
ACTIONS = ["view", "list", "download", "edit", "share", "delete"]


@pytest.fixture
def wg_document(people, make_document):
    return make_document(visibility=Document.Visibility.SHARED, working_groups=[people.wg3])


def act(client, action, document):
    if action == "list":
        return client.get(reverse("documents:list"), {"scope": "all"})
    name = {"view": "detail"}.get(action, action)
    return client.get(reverse(f"documents:{name}", args=[document.pk]))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_document_shared_with_a_working_group(client, people, wg_document, role, action):
    if role != "anonymous":
        client.force_login(getattr(people, PERSONA[role]))
    expected = MATRIX[role][ACTIONS.index(action)]
    response = act(client, action, wg_document)
    if action == "list":
        assert response.status_code == 200
        assert (wg_document.title in response.content.decode()) is expected
    else:
        assert response.status_code == expected
        if expected == 302:
            assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("role,visible", [
    ("owner_member", True), ("owner_admin", True), ("other_partner", False),
    ("wg_member", False), ("stakeholder", False), ("anonymous", False),
    ("platform_admin", True)])
def test_private_document_is_seen_by_the_owning_partner_only(client, people, make_document,
                                                            role, visible):
    document = make_document()
    if role != "anonymous":
        client.force_login(getattr(people, PERSONA[role]))
    for action in ["view", "download"]:
        assert act(client, action, document).status_code == (200 if visible else 404)


@pytest.mark.parametrize("visibility,role,visible", [
    ("partners", "other_partner", True), ("partners", "stakeholder", False),
    ("partners", "anonymous", False),
    ("public", "other_partner", True), ("public", "stakeholder", True),
    ("public", "anonymous", True)])
def test_all_partners_and_public_documents(client, people, make_document, visibility, role,
                                           visible):
    document = make_document(visibility=visibility)
    if role != "anonymous":
        client.force_login(getattr(people, PERSONA[role]))
    assert act(client, "view", document).status_code == (200 if visible else 404)
    assert act(client, "download", document).status_code == (200 if visible else 404)


def test_document_shared_with_a_named_partner(client, people, make_document):
    document = make_document(visibility="shared", partners=[people.veneto])
    client.force_login(people.veneto_member)
    assert act(client, "view", document).status_code == 200
    client.force_login(people.bsmepa_member)
    assert act(client, "view", document).status_code == 404


def test_wg_coordinator_sees_documents_shared_with_their_wg(client, people, wg_document):
    client.force_login(people.wg3_coordinator)
    assert act(client, "view", wg_document).status_code == 200


def test_member_cannot_delete_a_colleagues_document_but_admin_can(client, people,
                                                                  make_document):
    from tests.factories import staff

    document = make_document(user=people.marche_admin)
    client.force_login(people.marche_member)
    assert act(client, "delete", document).status_code == 403
    assert client.post(reverse("documents:delete", args=[document.pk])).status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()
    other_admin = staff(people.marche, role="admin")
    client.force_login(other_admin)
    assert client.post(reverse("documents:delete", args=[document.pk])).status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize("persona,status", [
    ("marche_member", 200), ("marche_admin", 200), ("platform_admin", 200),
    ("veneto_member", 404), ("bsmepa_member", 404), ("stakeholder", 404)])
def test_workspace_is_for_the_partners_staff(client, people, persona, status):
    client.force_login(getattr(people, persona))
    url = reverse("partners:workspace", args=["marche-region"])
    assert client.get(url).status_code == status
    assert client.get(reverse("partners:upload", args=["marche-region"])).status_code == status
    assert client.get(reverse("partners:note_create", args=["marche-region"])
                      ).status_code == status


def test_workspace_sends_anonymous_visitors_to_login(client, people):
    response = client.get(reverse("partners:workspace", args=["marche-region"]))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("persona,status", [
    ("marche_admin", 200), ("platform_admin", 200), ("marche_member", 404),
    ("veneto_member", 404), ("stakeholder", 404)])
def test_audit_log_is_for_partner_admins(client, people, make_document, persona, status):
    make_document()
    client.force_login(getattr(people, persona))
    response = client.get(reverse("partners:audit", args=["marche-region"]))
    assert response.status_code == status
    if status == 200:
        assert "Cluster policy review" in response.content.decode()


def test_notes_of_another_partner_are_404(client, people):
    from partners import services

    note = services.note_save(partner=people.marche, user=people.marche_member, title="Plan",
                              body="<p>Our plan</p>")
    client.force_login(people.veneto_member)
    assert client.get(reverse("partners:note", args=["marche-region", note.pk])
                      ).status_code == 404
    assert client.get(reverse("partners:note", args=["veneto-region", note.pk])
                      ).status_code == 404
