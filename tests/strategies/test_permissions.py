"""docs/permissions.md, strategies: one test per role x state cell, negatives included.

States: a draft outside a comment phase, during a phase for partners, during a phase that
includes approved stakeholders, with an adopted version, with an adopted version the SC
published. Where someone may not know a document exists, every page answers 404.
"""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from strategies import services
from strategies.selectors import strategies_visible_to
from tests.strategies.conftest import first_paragraph
from workgroups import services as governance

pytestmark = pytest.mark.django_db

PERSONAS = ["lead_staff", "wp_partner", "other_partner", "approved_stakeholder",
            "pending_stakeholder", "anonymous", "platform_admin", "co_editor"]


def _user(cast, persona):
    return {
        "lead_staff": cast.marche_member, "wp_partner": cast.bsmepa_member,
        "other_partner": cast.veneto_member, "approved_stakeholder": cast.approved_stakeholder,
        "pending_stakeholder": cast.pending_stakeholder, "anonymous": None,
        "platform_admin": cast.platform_admin, "co_editor": cast.co_editor,
    }[persona]


@pytest.fixture
def world(cast, make_document, open_phase, voters):
    """One document per state, and a Veneto admin named co-editor of the draft."""
    from partners.models import Membership
    from tests.factories import staff

    cast.co_editor = staff(cast.veneto, role=Membership.Role.MEMBER,
                           email="coeditor@veneto.example.org", full_name="Carla Coeditor")
    docs = {"draft": make_document(title="Draft")}
    assign_perm("co_edit_strategy", cast.co_editor, docs["draft"])
    docs["partner_phase"] = make_document(title="Partner phase")
    open_phase(docs["partner_phase"])
    docs["stakeholder_phase"] = make_document(title="Stakeholder phase")
    open_phase(docs["stakeholder_phase"], include_stakeholders=True)
    for key, publish in (("adopted", False), ("public", True)):
        docs[key] = make_document(title=key)
        version = services.version_put_to_vote(
            version=docs[key].versions.get(), user=cast.marche_member, publish_if_adopted=publish,
            deadline=timezone.now() + timedelta(days=2))
        for voter in voters:
            governance.vote_cast(decision=version.decision, user=voter, choice="yes")
    return docs


def _get(client, cast, persona, url):
    user = _user(cast, persona)
    if user is not None:
        client.force_login(user)
    return client.get(url)


# who reads the draft page: 200, or 302 to the adopted version, else 404
DRAFT_PAGE = {
    "draft": {"lead_staff": 200, "wp_partner": 200, "other_partner": 404,
              "approved_stakeholder": 404, "pending_stakeholder": 404, "anonymous": 404,
              "platform_admin": 200, "co_editor": 200},
    "partner_phase": {"lead_staff": 200, "wp_partner": 200, "other_partner": 200,
                      "approved_stakeholder": 404, "pending_stakeholder": 404,
                      "anonymous": 404, "platform_admin": 200, "co_editor": 200},
    "stakeholder_phase": {"lead_staff": 200, "wp_partner": 200, "other_partner": 200,
                          "approved_stakeholder": 200, "pending_stakeholder": 404,
                          "anonymous": 404, "platform_admin": 200, "co_editor": 200},
    "adopted": {"lead_staff": 200, "wp_partner": 200, "other_partner": 302,
                "approved_stakeholder": 404, "pending_stakeholder": 404, "anonymous": 404,
                "platform_admin": 200, "co_editor": 302},
    "public": {"lead_staff": 200, "wp_partner": 200, "other_partner": 302,
               "approved_stakeholder": 302, "pending_stakeholder": 302, "anonymous": 302,
               "platform_admin": 200, "co_editor": 302},
}


@pytest.mark.parametrize("state", list(DRAFT_PAGE))
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_the_draft_in_each_state(world, cast, client, state, persona):
    document = world[state]
    expected = DRAFT_PAGE[state][persona]
    assert _get(client, cast, persona, document.get_absolute_url()).status_code == expected
    # the paragraph page, the versions and the exports follow the same rule for the draft
    paragraph_url = first_paragraph(document).get_absolute_url()
    assert _get(client, cast, persona, paragraph_url).status_code == (
        200 if expected == 200 else 404)
    assert _get(client, cast, persona, reverse(
        "strategies:versions", kwargs={"pk": document.pk})).status_code == (
        404 if expected == 404 else 200)
    assert _get(client, cast, persona, reverse(
        "strategies:docx", kwargs={"pk": document.pk})).status_code == (
        404 if expected == 404 else 200)
    # and the selector says the same as the rule
    user = _user(cast, persona)
    if user is None:
        from django.contrib.auth.models import AnonymousUser
        user = AnonymousUser()
    visible = strategies_visible_to(user).filter(pk=document.pk).exists()
    assert visible == user.has_perm("strategies.view_strategy", document) == (expected != 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_adopted_versions_are_for_partner_staff_and_public_ones_for_everybody(
        world, cast, client, persona):
    adopted = reverse("strategies:version", kwargs={"pk": world["adopted"].pk, "number": 1})
    public = reverse("strategies:version", kwargs={"pk": world["public"].pk, "number": 1})
    partner_staff = persona in ("lead_staff", "wp_partner", "other_partner", "platform_admin",
                                "co_editor")
    assert _get(client, cast, persona, adopted).status_code == (200 if partner_staff else 404)
    assert _get(client, cast, persona, public).status_code == 200


def test_a_reader_of_an_adopted_version_cannot_open_the_new_draft_versions(world, cast,
                                                                          client_as):
    document = world["adopted"]
    chapter = document.chapters.get()
    services.chapter_save(chapter=chapter, user=cast.marche_member, title="Vision",
                          texts={chapter.paragraphs.first().pk: "A new draft."})
    client = client_as(cast.veneto_member)
    assert client.get(reverse("strategies:version", kwargs={
        "pk": document.pk, "number": 2})).status_code == 404
    assert "A new draft." not in client.get(reverse(
        "strategies:print", kwargs={"pk": document.pk})).content.decode()


EDIT = {"lead_staff": 200, "wp_partner": 403, "other_partner": 403,
        "approved_stakeholder": 403, "platform_admin": 200, "co_editor": 200}


@pytest.mark.parametrize("persona", list(EDIT))
def test_who_edits_a_draft_during_a_stakeholder_phase(world, cast, client, persona):
    document = world["stakeholder_phase"]
    if persona == "co_editor":
        assign_perm("co_edit_strategy", cast.co_editor, document)
    url = reverse("strategies:chapter_create", kwargs={"pk": document.pk})
    assert _get(client, cast, persona, url).status_code == EDIT[persona]


@pytest.mark.parametrize("persona", ["other_partner", "approved_stakeholder", "anonymous"])
def test_people_who_cannot_read_the_draft_get_404_on_its_edit_pages(world, cast, client,
                                                                   persona):
    document = world["draft"]
    chapter = document.chapters.get()
    for url in (reverse("strategies:chapter_create", kwargs={"pk": document.pk}),
                reverse("strategies:chapter_edit", kwargs={"pk": document.pk,
                                                           "chapter_id": chapter.pk}),
                reverse("strategies:phase_open", kwargs={"pk": document.pk})):
        response = _get(client, cast, persona, url)
        if persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404


def test_a_named_co_editor_saves_a_chapter_and_loses_the_right_when_removed(world, cast):
    document = world["draft"]
    chapter = document.chapters.get()
    services.chapter_save(chapter=chapter, user=cast.co_editor, title="By the co-editor",
                          texts={})
    services.co_editor_remove(document=document, co_editor=cast.co_editor, user=cast.marche_admin)
    assert not cast.co_editor.has_perm("strategies.edit_strategy", document)
    assert not cast.co_editor.has_perm("strategies.view_draft", document)


def test_only_the_lead_partners_admin_names_co_editors(world, cast, client_as):
    from django.core.exceptions import PermissionDenied

    document = world["draft"]
    with pytest.raises(PermissionDenied):
        services.co_editor_add(document=document, co_editor=cast.veneto_member,
                               user=cast.marche_member)
    response = client_as(cast.marche_admin).post(
        reverse("strategies:co_editors", kwargs={"pk": document.pk}),
        {"email": "member@veneto.example.org"})
    assert response.status_code == 302
    assert cast.veneto_member.has_perm("strategies.edit_strategy", document)


@pytest.mark.parametrize("persona, allowed", [
    ("other_partner", True), ("approved_stakeholder", False), ("wp_partner", True)])
def test_who_comments_during_a_partner_phase(world, cast, client, persona, allowed):
    document = world["partner_phase"]
    user = _user(cast, persona)
    client.force_login(user)
    paragraph = first_paragraph(document)
    response = client.post(paragraph.get_absolute_url(), {"body": "A comment."})
    if allowed:
        assert response.status_code == 302
        assert paragraph.comment_links.count() == 1
    else:
        assert response.status_code == 404
        assert paragraph.comment_links.count() == 0


def test_the_list_shows_each_person_only_what_they_may_read(world, cast, client_as):
    page = client_as(cast.approved_stakeholder).get(reverse("strategies:list"))
    titles = [d.title for d in page.context["documents"]]
    assert sorted(titles) == ["Stakeholder phase", "public"]
