"""Structured drafts: chapters of numbered paragraphs, a version per save, word diffs."""
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from strategies import services
from strategies.models import Paragraph, Version
from tests.strategies.conftest import first_paragraph

pytestmark = pytest.mark.django_db


def test_lead_partner_staff_create_a_document_whose_lead_is_the_wp_lead(cast):
    document = services.document_create(user=cast.marche_member, title="JSP",
                                        kind="joint_strategic_plan", work_package=cast.wp6,
                                        deliverable=cast.d61)
    assert document.lead_partner == cast.marche


def test_staff_of_another_partner_cannot_start_a_wp6_document(cast):
    with pytest.raises(PermissionDenied):
        services.document_create(user=cast.bsmepa_member, title="JSP", kind="other",
                                 work_package=cast.wp6)


def test_a_new_chapter_is_numbered_paragraphs_and_makes_a_version(make_document):
    document = make_document(chapters=[("Vision", ["One.", "Two."]), ("Goals", ["Three."])])
    chapter2 = document.chapters.get(position=2)
    assert [p.number for p in chapter2.paragraphs.all()] == ["2.1"]
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    snapshot = document.versions.get(number=2).snapshot
    assert [c["title"] for c in snapshot["chapters"]] == ["Vision", "Goals"]


def test_saving_a_chapter_makes_a_version_and_removes_emptied_paragraphs(cast, make_document):
    document = make_document(chapters=[("Vision", ["One.", "Two.", "Three."])])
    chapter = document.chapters.get()
    p1, p2, p3 = chapter.paragraphs.order_by("position")
    version = services.chapter_save(chapter=chapter, user=cast.marche_member, title="Vision",
                                    texts={p1.pk: "One, better.", p2.pk: "", p3.pk: "Three."},
                                    new_text="Four.", base_version=1)
    assert version.number == 2
    assert list(chapter.paragraphs.order_by("position").values_list("position", "text")) == [
        (1, "One, better."), (2, "Three."), (3, "Four.")]
    p1.refresh_from_db()
    assert p1.revision == 2


def test_saving_without_changes_makes_no_version(cast, make_document):
    document = make_document()
    chapter = document.chapters.get()
    assert services.chapter_save(chapter=chapter, user=cast.marche_member, title=chapter.title,
                                 texts={}, base_version=1) is None
    assert document.versions.count() == 1


def test_a_save_from_an_outdated_version_is_refused_and_nothing_is_saved(cast, make_document):
    document = make_document()
    chapter = document.chapters.get()
    paragraph = chapter.paragraphs.first()
    services.chapter_save(chapter=chapter, user=cast.marche_member, title="Vision",
                          texts={paragraph.pk: "Edited once."}, base_version=1)
    with pytest.raises(ValidationError, match="after you opened"):
        services.chapter_save(chapter=chapter, user=cast.marche_member, title="Vision",
                              texts={paragraph.pk: "Edited twice."}, base_version=1)
    paragraph.refresh_from_db()
    assert paragraph.text == "Edited once."
    assert document.versions.count() == 2


def test_an_oversized_paragraph_is_refused_and_nothing_is_half_saved(cast, make_document):
    document = make_document()
    chapter = document.chapters.get()
    p1, p2 = chapter.paragraphs.order_by("position")
    with pytest.raises(ValidationError, match="too long"):
        services.chapter_save(chapter=chapter, user=cast.marche_member, title="Renamed",
                              texts={p1.pk: "Fine.", p2.pk: "x" * (services.PARAGRAPH_MAX_CHARS
                                                                  + 1)},
                              base_version=1)
    chapter.refresh_from_db()
    assert chapter.title == "Vision"
    assert first_paragraph(document).text == "First idea."
    assert document.versions.count() == 1


def test_scripts_are_removed_from_paragraphs_and_a_script_alone_is_empty(cast, make_document):
    document = make_document()
    chapter = document.chapters.get()
    p1 = chapter.paragraphs.first()
    services.chapter_save(chapter=chapter, user=cast.marche_member, title="Vision",
                          texts={p1.pk: "Safe <script>alert(1)</script>text"}, base_version=1)
    p1.refresh_from_db()
    assert "<script" not in p1.text_html
    with pytest.raises(ValidationError, match="empty"):
        services.chapter_create(document=document, user=cast.marche_member, title="Bad",
                                text="<script>alert(1)</script>")
    assert document.chapters.count() == 1


def test_the_diff_page_shows_the_changed_words_between_two_versions(cast, make_document,
                                                                     client_as):
    document = make_document()
    chapter = document.chapters.get()
    p2 = chapter.paragraphs.get(position=2)
    services.chapter_save(chapter=chapter, user=cast.marche_member, title="Vision",
                          texts={p2.pk: "Second strong idea about regions."}, base_version=1)
    response = client_as(cast.marche_member).get(
        reverse("strategies:diff", kwargs={"pk": document.pk}) + "?from=1&to=2")
    html = response.content.decode()
    assert re.search(r"<ins>\s*strong\s*</ins>", html)
    assert re.search(r"<del>\s*clusters\.\s*</del>", html)
    assert re.search(r"<ins>\s*regions\.\s*</ins>", html)
    assert "1 paragraph changed." in html


def test_the_chapter_edit_page_saves_a_new_version(cast, make_document, client_as):
    document = make_document()
    chapter = document.chapters.get()
    p1, p2 = chapter.paragraphs.order_by("position")
    client = client_as(cast.marche_member)
    url = reverse("strategies:chapter_edit", kwargs={"pk": document.pk,
                                                     "chapter_id": chapter.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Vision", "base_version": 1, f"p_{p1.pk}": "New one.",
                                 f"p_{p2.pk}": p2.text, "new_text": ""})
    assert response.status_code == 302
    assert Version.objects.filter(document=document).count() == 2
    assert Paragraph.objects.get(pk=p1.pk).text == "New one."
