"""The listing with its filters, and pinned query counts for the listing and the thread."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import Comment, Reaction
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("consultations:list")


def test_filters_by_phase_and_wg(client, cast, make_consultation):
    make_consultation(title="Open WG3 one")
    make_consultation(title="Closed WG3 one", state="summarised")
    make_consultation(title="Past deadline one", opens_at=timezone.now() - timedelta(days=9),
                      closes_at=timezone.now() - timedelta(days=1))
    make_consultation(title="Open WG2 one", working_group=cast.wg2)
    client.force_login(cast.marche_member)
    open_page = client.get(LIST, {"phase": "open"}).content.decode()
    assert "Open WG3 one" in open_page and "Open WG2 one" in open_page
    assert "Closed WG3 one" not in open_page and "Past deadline one" not in open_page
    closed_page = client.get(LIST, {"phase": "closed"}).content.decode()
    assert "Closed WG3 one" in closed_page and "Past deadline one" in closed_page
    assert "Open WG3 one" not in closed_page
    wg_page = client.get(LIST, {"wg": "WG2"}).content.decode()
    assert "Open WG2 one" in wg_page and "Open WG3 one" not in wg_page


def test_an_unknown_filter_value_is_a_message_not_an_error(client, cast, make_consultation):
    client.force_login(cast.marche_member)
    response = client.get(LIST, {"wg": "WG99", "phase": "nonsense"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def _grow(cast, make_consultation, n):
    for i in range(n):
        c = make_consultation(audience=["partners", "stakeholders", "public"][i % 3])
        Comment.objects.create(consultation=c, author=cast.veneto_member, body="x",
                               body_html="<p>x</p>")


@pytest.mark.parametrize(("persona", "expected"), [
    ("marche_member", 7), ("approved_stakeholder", 7), ("wg3_coordinator", 6)])
def test_listing_query_count_is_the_same_for_3_and_30_consultations(
        client, cast, make_consultation, django_assert_num_queries, persona, expected):
    client.force_login(getattr(cast, persona))
    _grow(cast, make_consultation, 3)
    client.get(LIST)
    with django_assert_num_queries(expected):
        first = client.get(LIST, {"phase": "open"})
    _grow(cast, make_consultation, 27)
    with django_assert_num_queries(expected):
        second = client.get(LIST, {"phase": "open"})
    assert len(second.context["consultations"]) > len(first.context["consultations"])


def _discuss(consultation, n, authors):
    parent = None
    for i in range(n):
        author = authors[i % len(authors)]
        comment = Comment.objects.create(
            consultation=consultation, author=author, body=f"Point {i}",
            body_html=f"<p>Point {i}</p>", parent=parent if i % 3 else None,
            depth=1 if (i % 3 and parent) else 0)
        Reaction.objects.create(comment=comment, user=authors[(i + 1) % len(authors)],
                                kind="agree")
        parent = comment if i % 3 == 0 else parent


@pytest.mark.parametrize("persona", ["approved_stakeholder", "wg3_coordinator"])
def test_thread_query_count_is_the_same_for_10_and_200_comments(
        client, cast, make_consultation, django_assert_num_queries, persona):
    c = make_consultation(rating_question="Agree?")
    authors = [cast.marche_member, cast.veneto_member, cast.approved_stakeholder,
               UserFactory()]
    services.rating_answer(consultation=c, user=cast.approved_stakeholder, value=3)
    client.force_login(getattr(cast, persona))
    _discuss(c, 10, authors)
    client.get(c.get_absolute_url())
    expected = {"approved_stakeholder": 13, "wg3_coordinator": 12}[persona]
    with django_assert_num_queries(expected):
        first = client.get(c.get_absolute_url())
    _discuss(c, 190, authors)
    with django_assert_num_queries(expected):
        second = client.get(c.get_absolute_url())
    with django_assert_num_queries(expected):
        client.get(c.get_absolute_url(), {"page": 3})
    # the page holds 20 top-level comments with all their replies, however long the thread
    assert sum(1 for x in second.context["comments"] if x.parent_id is None) == 20
    assert len(second.context["comments"]) > len(first.context["comments"]) == 10
    assert second.context["n_shown"] == 200
