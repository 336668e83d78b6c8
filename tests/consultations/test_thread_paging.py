"""A long thread comes in pages of 20 top-level comments with all their replies: the next
page by htmx ("Load more comments") or by a plain link per page, and a link to a comment
opens the page that shows it."""
import pytest

from consultations.models import Comment
from consultations.selectors import THREAD_PAGE_SIZE

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _topics(consultation, n, author, *, replier=None):
    """``n`` top-level comments, each with a reply (by ``replier``) when one is given."""
    tops = []
    for i in range(n):
        top = Comment.objects.create(consultation=consultation, author=author,
                                     body=f"Topic {i}", body_html=f"<p>Topic {i}.</p>")
        tops.append(top)
        if replier is not None:
            Comment.objects.create(consultation=consultation, author=replier, parent=top,
                                   depth=1, body=f"Reply {i}", body_html=f"<p>Reply {i}.</p>")
    return tops


def _shown(response):
    return response.content.decode().count('<article class="comment ')


def test_the_first_page_shows_20_topics_with_their_replies_and_links_to_the_others(
        client, cast, make_consultation):
    c = make_consultation()
    _topics(c, 45, cast.marche_member, replier=cast.wg3_coordinator)
    client.force_login(cast.marche_member)
    response = client.get(c.get_absolute_url())
    page = response.content.decode()
    assert _shown(response) == 2 * THREAD_PAGE_SIZE
    assert "<p>Topic 19.</p>" in page and "<p>Reply 19.</p>" in page
    assert "<p>Topic 20.</p>" not in page
    # the count is of the whole thread, not of the page
    assert '<span class="muted">(90)</span>' in page
    # htmx fetches the next page in place; the same link works without JavaScript
    assert 'href="?page=2#comments-heading" hx-get="?page=2"' in page
    assert "Load more comments" in page
    for number in (1, 2, 3):
        assert f'href="?page={number}#comments-heading"' in page
    assert 'aria-current="page">1</a>' in page


def test_page_2_without_javascript_is_the_whole_page_with_the_next_topics(
        client, cast, make_consultation):
    c = make_consultation()
    _topics(c, 45, cast.marche_member, replier=cast.wg3_coordinator)
    client.force_login(cast.marche_member)
    response = client.get(c.get_absolute_url(), {"page": 2})
    page = response.content.decode()
    assert "<html" in page and 'id="comment-form"' in page
    assert "<p>Topic 20.</p>" in page and "<p>Reply 39.</p>" in page
    assert "<p>Topic 19.</p>" not in page and "<p>Topic 40.</p>" not in page
    assert 'aria-current="page">2</a>' in page and 'hx-get="?page=3"' in page


def test_load_more_by_htmx_returns_only_the_next_pages_comments(
        client, cast, make_consultation):
    c = make_consultation()
    _topics(c, 45, cast.marche_member, replier=cast.wg3_coordinator)
    client.force_login(cast.marche_member)
    response = client.get(c.get_absolute_url(), {"page": 3}, headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    assert "<html" not in page and 'id="comment-form"' not in page
    assert "Comment pages" not in page  # the page links belong to the whole page only
    assert _shown(response) == 10
    assert "<p>Topic 40.</p>" in page and "<p>Reply 44.</p>" in page
    assert "Load more comments" not in page  # the last page
    # the reader's actions are on the fragment's comments as on the page
    assert 'aria-pressed="false"' in page and "/react/" in page


def test_a_page_past_the_last_shows_the_last_and_nonsense_shows_the_first(
        client, cast, make_consultation):
    c = make_consultation()
    _topics(c, 25, cast.marche_member)
    client.force_login(cast.marche_member)
    last = client.get(c.get_absolute_url(), {"page": 99}).content.decode()
    assert "<p>Topic 24.</p>" in last and "<p>Topic 19.</p>" not in last
    first = client.get(c.get_absolute_url(), {"page": "abc"}).content.decode()
    assert "<p>Topic 0.</p>" in first and "<p>Topic 20.</p>" not in first


def test_a_link_to_a_reply_on_page_2_opens_page_2(client, cast, make_consultation):
    c = make_consultation()
    _topics(c, 30, cast.marche_member, replier=cast.wg3_coordinator)
    reply = Comment.objects.get(consultation=c, body="Reply 25")
    deeper = Comment.objects.create(consultation=c, author=cast.marche_member, parent=reply,
                                    depth=2, body="Deeper", body_html="<p>Deeper.</p>")
    url = deeper.get_absolute_url()
    assert url.endswith(f"?comment={deeper.pk}#comment-{deeper.pk}")
    client.force_login(cast.veneto_member)
    page = client.get(url).content.decode()
    assert f'id="comment-{deeper.pk}"' in page and "<p>Topic 25.</p>" in page
    assert "<p>Topic 0.</p>" not in page


def test_replying_to_a_comment_on_page_2_keeps_it_on_the_page(client, cast, make_consultation):
    c = make_consultation()
    tops = _topics(c, 25, cast.marche_member)
    client.force_login(cast.veneto_member)
    page = client.get(c.get_absolute_url(), {"reply_to": tops[22].pk}).content.decode()
    assert f'id="comment-{tops[22].pk}"' in page and "Reply to" in page
    response = client.post(c.get_absolute_url(), {"body": "An answer", "parent": tops[22].pk},
                           follow=True)
    answer = Comment.objects.get(body="An answer")
    assert response.redirect_chain[-1][0] == answer.get_absolute_url()
    assert "An answer" in response.content.decode()


def test_a_comment_of_another_consultation_does_not_choose_the_page(
        client, cast, make_consultation):
    c, other = make_consultation(), make_consultation()
    _topics(c, 25, cast.marche_member)
    elsewhere = _topics(other, 1, cast.marche_member)[0]
    client.force_login(cast.marche_member)
    page = client.get(c.get_absolute_url(), {"comment": elsewhere.pk}).content.decode()
    assert "<p>Topic 0.</p>" in page and "<p>Topic 20.</p>" not in page


@pytest.mark.parametrize(("audience", "persona"), [
    ("partners", "approved_stakeholder"), ("partners", "pending_stakeholder"),
    ("stakeholders", "pending_stakeholder")])
@pytest.mark.parametrize("htmx", [False, True])
def test_a_page_of_a_consultation_one_may_not_see_is_404(
        client, cast, make_consultation, audience, persona, htmx):
    c = make_consultation(audience=audience)
    tops = _topics(c, 25, cast.marche_member)
    client.force_login(getattr(cast, persona))
    headers = HTMX if htmx else {}
    assert client.get(c.get_absolute_url(), {"page": 2}, headers=headers).status_code == 404
    assert client.get(tops[22].get_absolute_url(), headers=headers).status_code == 404


def test_an_other_partners_member_gets_404_for_a_partners_only_page_of_another_wg(
        client, cast, make_consultation):
    # Veneto is not in WG3: a partners-only WG3 consultation is not theirs to read
    c = make_consultation(audience="partners")
    _topics(c, 25, cast.marche_member)
    client.force_login(cast.veneto_member)
    assert client.get(c.get_absolute_url(), {"page": 2}, headers=HTMX).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in_for_any_page(client, cast, make_consultation):
    c = make_consultation(audience="public")
    _topics(c, 25, cast.marche_member)
    response = client.get(c.get_absolute_url(), {"page": 2}, headers=HTMX)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
