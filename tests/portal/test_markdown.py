"""User text: one Markdown renderer, sanitised with nh3; preview; editing WG posts."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clusterpolisee.core.html import render_markdown
from workgroups import services as wg_services
from workgroups.models import Reply, Topic

PREVIEW = reverse("markdown_preview")


def test_markdown_gives_bold_lists_quotes_and_paragraphs():
    html = render_markdown("**bold** and *it*\n\n- one\n- two\n\n> quoted\n\nsecond para")
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html
    assert "<ul>\n<li>one</li>" in html and "<blockquote>" in html
    assert html.count("<p>") == 3


def test_bare_addresses_become_links_with_nofollow_noopener():
    html = render_markdown("see https://example.org/x and [docs](https://example.org/d)")
    assert html.count('rel="nofollow noopener noreferrer"') == 2
    assert 'href="https://example.org/x"' in html


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>hello", '<img src=x onerror="alert(1)">hello',
    "[x](javascript:alert(1)) hello", '<a href="javascript:alert(1)">x</a> hello',
    "<p onclick=\"x()\">hello</p>", "[x](data:text/html;base64,PHNjcmlwdD4=) hello",
    '<iframe src="https://evil.example"></iframe>hello', "<style>*{}</style>hello",
])
def test_xss_payloads_are_stripped(payload):
    html = render_markdown(payload).lower()
    assert "hello" in html
    for bad in ("<script", "onerror", "onclick", "<iframe", "<style", "href=\"javascript:",
                "href=\"data:", "<img"):
        assert bad not in html
    assert "href" not in html  # a refused link keeps no address


@pytest.mark.django_db
def test_wg_posts_keep_their_paragraphs_and_markdown(client, people):
    topic = wg_services.topic_create(wg=people.wg3, user=people.marche_member, title="Plan",
                                     body="First line\n\nSecond **para**\n\n- item")
    client.force_login(people.bsmepa_member)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "<p>First line</p>" in page and "<strong>para</strong>" in page
    assert "<li>item</li>" in page


@pytest.mark.django_db
def test_preview_renders_the_posted_text_for_logged_in_people(client, people):
    client.force_login(people.stakeholder)
    response = client.post(PREVIEW, {"body": "**hi** <script>x()</script>"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<strong>hi</strong>" in response.content.decode()
    assert "<script" not in response.content.decode()
    assert "<html" not in response.content.decode()  # a fragment for htmx


@pytest.mark.django_db
def test_preview_without_javascript_carries_the_form_over(client, people):
    client.force_login(people.marche_member)
    response = client.post(PREVIEW, {"title": "Kept", "body": "- a", "preview_field": "body",
                                     "preview_action": "/wg/WG3/topics/new/"})
    page = response.content.decode()
    assert 'action="/wg/WG3/topics/new/"' in page and 'value="Kept"' in page
    assert "<li>a</li>" in page
    foreign = client.post(PREVIEW, {"body": "x", "preview_action": "https://evil.example/"})
    assert "evil.example" not in foreign.content.decode()


@pytest.mark.django_db
def test_anonymous_preview_goes_to_login_and_renders_nothing(client):
    response = client.post(PREVIEW, {"body": "**secret**"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(PREVIEW).status_code in (302, 405)


@pytest.mark.django_db
def test_author_edits_a_topic_within_the_window(client, people):
    topic = wg_services.topic_create(wg=people.wg3, user=people.marche_member, title="Plan",
                                     body="typo **here**")
    client.force_login(people.marche_member)
    url = reverse("workgroups:topic_edit", args=["WG3", topic.pk])
    form = client.get(url)
    assert form.status_code == 200 and "typo **here**" in form.content.decode()
    response = client.post(url, {"title": "Plan B", "body": "fixed *now*"})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "Plan B" and "<em>now</em>" in topic.body
    assert topic.source == "fixed *now*" and topic.edited_at is not None


@pytest.mark.django_db
def test_other_people_cannot_edit_a_post(client, people):
    topic = wg_services.topic_create(wg=people.wg3, user=people.marche_member, title="Plan",
                                     body="mine")
    reply = wg_services.reply_create(topic=topic, user=people.marche_member, body="also mine")
    urls = [reverse("workgroups:topic_edit", args=["WG3", topic.pk]),
            reverse("workgroups:reply_edit", args=["WG3", topic.pk, reply.pk])]
    for persona in ("bsmepa_member", "wg3_coordinator", "veneto_member", "stakeholder"):
        client.force_login(getattr(people, persona))
        for url in urls:
            assert client.get(url).status_code == 404, (persona, url)
            assert client.post(url, {"title": "x", "body": "hacked"}).status_code == 404
    assert Reply.objects.get().source == "also mine"


@pytest.mark.django_db
def test_edit_window_closes(client, people, settings):
    topic = wg_services.topic_create(wg=people.wg3, user=people.marche_member, title="Plan",
                                     body="old")
    reply = wg_services.reply_create(topic=topic, user=people.marche_member, body="old reply")
    past = timezone.now() - timedelta(minutes=settings.CONSULTATION_EDIT_WINDOW_MINUTES + 1)
    Topic.objects.filter(pk=topic.pk).update(created_at=past)
    Reply.objects.filter(pk=reply.pk).update(created_at=past)
    client.force_login(people.marche_member)
    url = reverse("workgroups:reply_edit", args=["WG3", topic.pk, reply.pk])
    response = client.post(url, {"body": "new"}, follow=True)
    assert "can be edited for" in response.content.decode()
    reply.refresh_from_db()
    assert reply.source == "old reply"
    assert "Edit</a>" not in client.get(topic.get_absolute_url()).content.decode()
