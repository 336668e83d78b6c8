"""The document page costs the same number of queries for 20 or 200 paragraphs."""
import pytest
from django.utils import timezone

from consultations.models import Comment
from strategies import services
from strategies.models import Chapter, Paragraph, ParagraphComment

pytestmark = pytest.mark.django_db

# 14 before issue 14: a refused has_perm no longer asks django-guardian's tables (the rules
# that honour a co-editor grant read it themselves)
EXPECTED_QUERIES = 12


def _grow(document, phase, author, *, n_paragraphs, n_comments):
    """Bulk rows: the page is measured, not the services that write them."""
    chapter = Chapter.objects.create(document=document, position=9, title="Annex")
    paragraphs = Paragraph.objects.bulk_create([
        Paragraph(chapter=chapter, position=n, text=f"Paragraph {n}.",
                  text_html=f"<p>Paragraph {n}.</p>") for n in range(1, n_paragraphs + 1)])
    comments = Comment.objects.bulk_create([
        Comment(consultation=phase.consultation, author=author, body="Comment",
                body_html="<p>Comment</p>", created_at=timezone.now())
        for _ in range(n_comments)])
    ParagraphComment.objects.bulk_create([
        ParagraphComment(comment=c, paragraph=paragraphs[i % len(paragraphs)])
        for i, c in enumerate(comments)])


@pytest.mark.parametrize("n_paragraphs, n_comments", [(20, 200), (200, 2000)])
def test_the_document_page_has_a_pinned_query_count(cast, make_document, open_phase, client_as,
                                                    django_assert_num_queries, n_paragraphs,
                                                    n_comments):
    document = make_document()
    phase = open_phase(document)
    services.amendment_propose(paragraph=document.chapters.get().paragraphs.first(),
                               user=cast.veneto_member, text="Other words.",
                               reason="Because.", base_revision=1)
    _grow(document, phase, cast.veneto_member, n_paragraphs=n_paragraphs,
          n_comments=n_comments)
    client = client_as(cast.marche_member)
    client.get(document.get_absolute_url())  # warm the session and the cached content types
    with django_assert_num_queries(EXPECTED_QUERIES):
        response = client.get(document.get_absolute_url())
    html = response.content.decode()
    assert html.count('class="strategy-paragraph"') == n_paragraphs + 2
    assert f"{n_comments // n_paragraphs} comments on 9.1" in html
    assert "1 open amendment" in html
