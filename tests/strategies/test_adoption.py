"""Adoption by the Steering Committee (the workgroups votes) and the exports."""
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from strategies import services
from strategies.models import Version
from tests.strategies.conftest import first_paragraph
from workgroups import services as governance
from workgroups.models import Decision

pytestmark = pytest.mark.django_db


def _to_vote(cast, document, publish=False):
    return services.version_put_to_vote(version=document.versions.get(number=1),
                                        user=cast.marche_member, publish_if_adopted=publish,
                                        deadline=timezone.now() + timedelta(days=3))


def test_putting_a_version_to_the_vote_opens_an_sc_decision_and_freezes_the_text(
        cast, make_document):
    document = make_document()
    version = _to_vote(cast, document)
    assert version.state == "in_vote"
    assert version.decision.electorate == 3 and version.decision.quorum == 2
    chapter = document.chapters.get()
    with pytest.raises(ValidationError, match="frozen"):
        services.chapter_save(chapter=chapter, user=cast.marche_member, title="Renamed",
                              texts={})
    chapter.refresh_from_db()
    assert chapter.title == "Vision"


def test_when_every_partner_has_voted_yes_the_version_is_adopted_and_frozen(
        cast, make_document, voters):
    document = make_document()
    version = _to_vote(cast, document)
    for voter in voters:
        governance.vote_cast(decision=version.decision, user=voter, choice="yes")
    version.refresh_from_db()
    assert version.state == "adopted" and version.adopted_at is not None
    # further edits start a new draft; the adopted snapshot stays as voted
    chapter = document.chapters.get()
    p1 = chapter.paragraphs.get(position=1)
    new = services.chapter_save(chapter=chapter, user=cast.marche_member, title="Vision",
                                texts={p1.pk: "After adoption."})
    assert new.number == 2 and new.state == "draft"
    version.refresh_from_db()
    assert version.snapshot["chapters"][0]["paragraphs"][0]["text"] == "First idea."


def test_an_adopted_version_cannot_be_put_to_the_vote_again(cast, make_document, voters):
    document = make_document()
    version = _to_vote(cast, document)
    for voter in voters:
        governance.vote_cast(decision=version.decision, user=voter, choice="yes")
    with pytest.raises(ValidationError, match="already adopted"):
        _to_vote(cast, document)


def test_a_vote_without_quorum_at_the_deadline_leaves_the_version_not_adopted(
        cast, make_document, voters, client_as):
    document = make_document()
    version = _to_vote(cast, document)
    governance.vote_cast(decision=version.decision, user=voters[0], choice="yes")
    Decision.objects.filter(pk=version.decision_id).update(
        deadline=timezone.now() - timedelta(minutes=1))
    client_as(cast.marche_member).get(document.get_absolute_url())  # closes it lazily
    version.refresh_from_db()
    assert version.state == "not_adopted"
    # no longer frozen: the editors carry on
    chapter = document.chapters.get()
    services.chapter_save(chapter=chapter, user=cast.marche_member, title="Vision, again",
                          texts={})


def test_only_the_latest_version_goes_to_the_vote(cast, make_document):
    document = make_document(chapters=[("A", ["One."]), ("B", ["Two."])])
    with pytest.raises(ValidationError, match="latest"):
        _to_vote(cast, document)


def test_the_docx_export_holds_the_text_and_the_amendment_log(cast, make_document, open_phase,
                                                               client_as):
    document = make_document()
    open_phase(document)
    paragraph = first_paragraph(document, 2)
    amendment = services.amendment_propose(paragraph=paragraph, user=cast.veneto_member,
                                           text="Amended idea.", reason="Sharper.",
                                           base_revision=1)
    services.amendment_accept(amendment=amendment, user=cast.marche_member, reply="Agreed.")
    response = client_as(cast.bsmepa_member).get(
        reverse("strategies:docx", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-v2.docx"')
    docx = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "1.2  Amended idea." in text and "Amendment log" in text
    log = docx.tables[0]
    assert [c.text for c in log.rows[1].cells] == ["1.2", "Luca Ferrari",
                                                   "Accepted (version 2)", "Sharper.", "Agreed."]


def test_the_print_export_is_the_adopted_version_with_print_css(cast, make_document, voters,
                                                                 client_as):
    document = make_document()
    version = _to_vote(cast, document)
    for voter in voters:
        governance.vote_cast(decision=version.decision, user=voter, choice="yes")
    chapter = document.chapters.get()
    services.chapter_save(chapter=chapter, user=cast.marche_member, title="Vision",
                          texts={chapter.paragraphs.first().pk: "Draft after adoption."})
    html = client_as(cast.veneto_member).get(
        reverse("strategies:print", kwargs={"pk": document.pk})).content.decode()
    assert "print.css" in html and "First idea." in html
    assert "Draft after adoption." not in html
    assert Version.objects.get(document=document, number=1).state == "adopted"


def test_the_deliverable_links_to_its_adopted_version_for_partners_only(
        cast, make_document, voters, client):
    document = make_document()
    version = _to_vote(cast, document)
    wp_page = reverse("workgroups:wp", args=["WP6"])
    client.force_login(cast.veneto_member)
    assert version.get_absolute_url() not in client.get(wp_page).content.decode()
    for voter in voters:
        governance.vote_cast(decision=version.decision, user=voter, choice="yes")
    page = client.get(wp_page).content.decode()
    assert version.get_absolute_url() in page and "Adopted strategy, version 1" in page
    client.force_login(cast.approved_stakeholder)
    assert version.get_absolute_url() not in client.get(wp_page).content.decode()
