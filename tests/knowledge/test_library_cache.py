"""The library's cached answers: never stale after a change, never shared across readers
who may see different practices; and its result cards, built without page objects."""
import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Locale

from clusterpolisee.core.forms import PlainSelect
from knowledge.models import GoodPracticePage, Theme
from knowledge.selectors import practice_cards

pytestmark = pytest.mark.django_db
PARTNERS = GoodPracticePage.Visibility.PARTNERS


def _results(client, **params):
    response = client.get(reverse("knowledge:library"), params)
    assert response.status_code == 200
    return response.context["page"].paginator.count, response.content.decode()


def test_partner_staff_answer_is_not_served_to_a_visitor(client, people, make_practice):
    make_practice(title="Open cluster vouchers", summary="cluster")
    make_practice(title="Confidential cluster notes", summary="cluster", visibility=PARTNERS)
    client.force_login(people.veneto_member)
    for params in ({}, {"q": "cluster"}):
        count, page = _results(client, **params)
        assert count == 2 and "Confidential cluster notes" in page
    client.logout()
    for params in ({}, {"q": "cluster"}):
        count, page = _results(client, **params)
        assert count == 1 and "Confidential cluster notes" not in page
        assert "Open cluster vouchers" in page


def test_publishing_a_practice_shows_in_the_next_answer(client, people, make_practice):
    make_practice(title="First cluster practice", summary="cluster", wgs=[people.wg3])
    assert _results(client, q="cluster")[0] == 1
    assert client.get(reverse("knowledge:library")).context["facets"]["wg"] == [
        ("WG3", "WG3", 1)]
    make_practice(title="Second cluster practice", summary="cluster", wgs=[people.wg3])
    count, page = _results(client, q="cluster")
    assert count == 2 and "Second cluster practice" in page
    assert client.get(reverse("knowledge:library")).context["facets"]["wg"] == [
        ("WG3", "WG3", 2)]


def test_unpublishing_and_hiding_a_practice_reach_the_next_answer(client, make_practice):
    gone = make_practice(title="Soon unpublished practice", summary="cluster")
    hidden = make_practice(title="Soon partners-only practice", summary="cluster")
    assert _results(client, q="cluster")[0] == 2
    gone.unpublish()
    count, page = _results(client, q="cluster")
    assert count == 1 and "Soon unpublished practice" not in page
    hidden.visibility = PARTNERS
    hidden.save_revision().publish()
    count, page = _results(client, q="cluster")
    assert count == 0 and "Soon partners-only practice" not in page


def test_changing_working_groups_and_facet_labels_reach_the_next_answer(
        client, people, taxonomy, make_practice):
    practice = make_practice(title="Moving practice", themes=[taxonomy["green"]],
                             wgs=[people.wg3])
    facets = client.get(reverse("knowledge:library")).context["facets"]
    assert facets["wg"] == [("WG3", "WG3", 1)]
    practice.working_groups.set([people.wg2])
    practice.save_revision().publish()
    facets = client.get(reverse("knowledge:library")).context["facets"]
    assert facets["wg"] == [("WG2", "WG2", 1)]
    taxonomy["green"].name = "Green and circular economy"
    taxonomy["green"].save()
    facets = client.get(reverse("knowledge:library")).context["facets"]
    assert facets["theme"] == [("green-economy", "Green and circular economy", 1)]


def test_result_cards_carry_what_the_page_objects_say(people, taxonomy, make_practice):
    english = make_practice(title="Voucher scheme", region="Marche", wgs=[people.wg3,
                            people.wg2], themes=[taxonomy["green"], taxonomy["vouchers"]])
    free_text = make_practice(title="Cluster house", partner=None, country=None,
                              organisation="Lower Austria cluster house",
                              visibility=PARTNERS)
    bulgarian = english.copy_for_translation(Locale.objects.get(language_code="bg"),
                                             copy_parents=True)
    bulgarian.title = "Ваучерна схема"
    bulgarian.slug = "ваучерна-схема"
    bulgarian.save_revision().publish()
    request = RequestFactory().get("/library/")
    request.user = people.marche_member  # a partner's staff may see the partners-only one
    ids = [free_text.pk, english.pk, bulgarian.pk]
    cards = practice_cards(ids, request)
    assert [card.pk for card in cards] == ids
    for card in cards:
        page = GoodPracticePage.objects.get(pk=card.pk)
        assert card.url == page.get_url(request)
        assert card.title == page.title and card.responsible == page.responsible
    assert cards[0].partners_only and not cards[1].partners_only
    assert cards[1].working_groups == ["WG2", "WG3"]
    assert cards[1].themes == ["Green economy", "Innovation vouchers"]
    assert cards[1].country == "Italy" and cards[1].region == "Marche"
    assert "%D0%B2" in cards[2].url  # the Cyrillic slug, percent-encoded as Wagtail does


def test_plain_select_marks_the_chosen_option_and_escapes_labels():
    widget = PlainSelect(choices=[("", "Any"), ("a", "<b>A & co</b>"), ("b", "B")])
    html = widget.render("country", "a", attrs={"id": "id_country"})
    assert html.startswith('<select name="country" id="id_country">')
    assert '<option value="a" selected>&lt;b&gt;A &amp; co&lt;/b&gt;</option>' in html
    assert '<option value="b">B</option>' in html and html.count("selected") == 1


def test_a_new_theme_is_offered_in_the_search_form_at_once(client, taxonomy, make_practice):
    make_practice(title="Any practice")
    assert "Digital transition" not in client.get(reverse("knowledge:library")).content.decode()
    Theme.objects.create(name="Digital transition", slug="digital-transition")
    page = client.get(reverse("knowledge:library")).content.decode()
    assert '<option value="digital-transition">Digital transition</option>' in page
    response = client.get(reverse("knowledge:library"), {"theme": "digital-transition"})
    assert response.context["chosen"]["theme"] == "digital-transition"
