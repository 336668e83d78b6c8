"""/library/: full-text search, facets with counts, sorting, visibility, query counts."""
import pytest
from django.urls import reverse

from knowledge.bulk import bulk_create_practices
from knowledge.library_cache import library_cache_clear
from knowledge.models import GoodPracticePage
from tests.factories import CountryFactory, PartnerFactory

pytestmark = pytest.mark.django_db
PARTNERS = GoodPracticePage.Visibility.PARTNERS


def library(client, **params):
    response = client.get(reverse("knowledge:library"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitor_sees_public_practices_only(client, make_practice):
    make_practice(title="Open innovation vouchers")
    make_practice(title="Confidential cluster notes", visibility=PARTNERS)
    make_practice(title="Unpublished draft practice", live=False)
    page = library(client)
    assert "Open innovation vouchers" in page
    assert "Confidential cluster notes" not in page
    assert "Unpublished draft practice" not in page


def test_partner_staff_see_partners_only_practices(client, people, make_practice):
    make_practice(title="Confidential cluster notes", visibility=PARTNERS)
    client.force_login(people.veneto_member)
    assert "Confidential cluster notes" in library(client)


def test_stakeholder_does_not_see_partners_only_practices(client, people, make_practice):
    make_practice(title="Confidential cluster notes", visibility=PARTNERS)
    client.force_login(people.stakeholder)
    assert "Confidential cluster notes" not in library(client)


def test_full_text_search_finds_words_in_the_summary(client, make_practice):
    make_practice(title="Voucher scheme", summary="Vouchers let small firms buy laboratory "
                                                  "services from universities.")
    make_practice(title="Green pact", summary="Firms commit to shared energy targets.")
    page = library(client, q="laboratory")
    assert "Voucher scheme" in page and "Green pact" not in page


def test_full_text_search_never_returns_partners_only_practices_to_visitors(
        client, make_practice):
    make_practice(title="Confidential laboratory notes", visibility=PARTNERS,
                  summary="About laboratory vouchers.")
    page = library(client, q="laboratory")
    assert "Confidential laboratory notes" not in page
    assert "No practice matches your search." in page


def test_facets_filter_and_show_counts(client, people, taxonomy, make_practice):
    make_practice(title="Italian vouchers", wgs=[people.wg3], themes=[taxonomy["vouchers"]],
                  instrument_type=taxonomy["grant"], stage=taxonomy["stage1"])
    make_practice(title="Italian green pact", wgs=[people.wg2], themes=[taxonomy["green"]],
                  instrument_type=taxonomy["network"], stage=taxonomy["stage2"])
    make_practice(title="Bulgarian networks", partner=people.bsmepa, wgs=[people.wg3],
                  themes=[taxonomy["green"]], instrument_type=taxonomy["network"])
    make_practice(title="Hidden green notes", visibility=PARTNERS, themes=[taxonomy["green"]])
    response = client.get(reverse("knowledge:library"))
    facets = response.context["facets"]
    assert ("IT", "Italy", 2) in facets["country"] and ("BG", "Bulgaria", 1) in facets["country"]
    assert ("WG3", "WG3", 2) in facets["wg"]
    # the partners-only practice is not counted for a visitor
    assert ("green-economy", "Green economy", 2) in facets["theme"]
    assert (1, "Find the gaps and barriers", 1) in facets["stage"]

    page = library(client, country="BG")
    assert "Bulgarian networks" in page and "Italian vouchers" not in page
    page = library(client, wg="WG3")
    assert "Italian vouchers" in page and "Bulgarian networks" in page
    assert "Italian green pact" not in page
    page = library(client, theme="green-economy", instrument="network")
    assert "Italian green pact" in page and "Bulgarian networks" in page
    assert "Italian vouchers" not in page and "Hidden green notes" not in page
    page = library(client, stage="2")
    assert "Italian green pact" in page and "Italian vouchers" not in page


def test_full_text_search_combines_with_every_facet(client, people, taxonomy, make_practice):
    make_practice(title="Italian vouchers", summary="laboratory", wgs=[people.wg3],
                  themes=[taxonomy["vouchers"]], instrument_type=taxonomy["grant"],
                  stage=taxonomy["stage1"])
    make_practice(title="Bulgarian vouchers", summary="laboratory", partner=people.bsmepa)
    facets = {"country": "IT", "wg": "WG3", "theme": "innovation-vouchers",
              "instrument": "grant-scheme", "stage": "1"}
    for name, value in facets.items():
        page = library(client, q="laboratory", **{name: value})
        assert "Italian vouchers" in page and "Bulgarian vouchers" not in page, name
    page = library(client, q="laboratory", sort="date", **facets)
    assert "Italian vouchers" in page


def test_facet_counts_follow_the_full_text_query(client, people, make_practice):
    make_practice(title="Marche vouchers", summary="Laboratory vouchers.", wgs=[people.wg3])
    make_practice(title="Veneto pact", partner=people.veneto, summary="Energy targets.",
                  wgs=[people.wg2])
    response = client.get(reverse("knowledge:library"), {"q": "laboratory"})
    assert response.context["facets"]["wg"] == [("WG3", "WG3", 1)]
    assert response.context["facets"]["country"] == [("IT", "Italy", 1)]


def test_sort_by_date_puts_the_newest_first(client, make_practice):
    make_practice(title="Newer cluster practice", summary="cluster policy")
    make_practice(title="Older cluster practice", summary="cluster policy")
    page = library(client, q="cluster", sort="date")
    assert page.index("Newer cluster practice") < page.index("Older cluster practice")


def test_unknown_facet_value_is_ignored_with_a_message(client, make_practice):
    make_practice(title="Open innovation vouchers")
    page = library(client, country="ZZ")
    assert "Select a valid choice" in page and "Open innovation vouchers" in page


def _queries(client, django_assert_num_queries, expected, cached_expected, params):
    """The count of a request whose answers must be computed (the library's cache was just
    cleared), then of the same request answered from the cache."""
    client.get(reverse("knowledge:library"), params)  # warm Wagtail's cached site root paths
    library_cache_clear(taxonomy=True)
    with django_assert_num_queries(expected):
        response = client.get(reverse("knowledge:library"), params)
    assert response.status_code == 200
    with django_assert_num_queries(cached_expected):
        cached = client.get(reverse("knowledge:library"), params)
    assert cached.context["page"].paginator.count == response.context["page"].paginator.count
    assert ([card.pk for card in cached.context["page"]]
            == [card.pk for card in response.context["page"]])
    return response


CASES = [{}, {"q": "cluster"}, {"q": "cluster", "wg": "WG3", "sort": "date"}]


def test_library_query_count_is_the_same_for_20_and_2000_practices(
        client, people, taxonomy, library, django_assert_num_queries, settings):
    """Listing, searching and faceting, anonymous and logged in: the same number of
    queries with 100x the practices (loaded in bulk, see knowledge.bulk). The whole-page
    cache for visitors is turned off here: this counts the layers below it."""
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    other = PartnerFactory(country=CountryFactory())

    def add(start, count):
        bulk_create_practices(library, [{
            "title": f"Bulk practice {n}", "slug": f"bulk-{n}",
            "summary": f"A cluster policy {n}", "partner": other if n % 2 else people.marche,
            "country": other.country if n % 2 else people.marche.country,
            "working_groups": [people.wg3] if n % 3 else [people.wg2],
            "themes": [taxonomy["green"]], "instrument_type": taxonomy["grant"],
            "stage": taxonomy["stage1"], "visibility": PARTNERS if n % 5 == 0 else "public",
        } for n in range(start, start + count)])

    def measure():
        totals = []
        for logged_in in (False, True):
            if logged_in:
                client.force_login(people.veneto_member)
            else:
                client.logout()
            for params in CASES:
                # the locale, the cards with their WGs and their themes, the site, and
                # 3 for the user, membership and permissions; computed answers
                # add one query for the count, the page and the five facets, and five
                # for the facets' choices in the form.
                logged = 3 if logged_in else 0
                response = _queries(client, django_assert_num_queries, 11 + logged,
                                    5 + logged, params)
                totals.append(response.context["page"].paginator.count)
        return totals

    add(0, 20)
    first = measure()
    add(20, 1980)
    second = measure()
    assert all(after > before for before, after in zip(first, second, strict=True))
