"""A partner's profile page: practices, pilot actions, matchmaking profile and contacts,
each only as far as the reader may see them."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knowledge.models import GoodPracticePage
from matchmaking import services as matchmaking_services
from matchmaking.models import Profile
from tests.factories import PartnerFactory
from tests.knowledge.conftest import library, make_practice, taxonomy  # noqa: F401 - fixtures
from tests.workgroups.conftest import pilot, stages  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

PARTNERS = GoodPracticePage.Visibility.PARTNERS


def profile_page(client, slug="marche-region"):
    response = client.get(reverse("partners:detail", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def marche_profile(people):
    return matchmaking_services.profile_save(
        user=people.marche_member, profile=Profile(offers="Cluster managers' training"),
        sectors=[], countries=[])


@pytest.fixture
def full_profile(people, make_practice, pilot, marche_profile):  # noqa: F811 - fixtures
    make_practice(title="Marche innovation vouchers")
    make_practice(title="Marche internal pilot notes", visibility=PARTNERS)
    make_practice(title="Veneto furniture district", partner=people.veneto)
    return people


def test_partner_staff_see_practices_pilots_matchmaking_profile_and_contacts(
        client, full_profile):
    client.force_login(full_profile.veneto_member)
    page = profile_page(client)
    for text in ("Marche innovation vouchers", "Marche internal pilot notes", "Cluster exchange",
                 "Matchmaking profile", "Cluster managers&#x27; training", "Contact people",
                 "Giulia Bianchi", "mailto:member@marche.example.org", "WG3"):
        assert text in page, text
    assert "Veneto furniture district" not in page


def test_stakeholder_sees_public_practices_but_no_contacts_pilots_or_partners_only_practices(
        client, full_profile):
    client.force_login(full_profile.stakeholder)
    page = profile_page(client)
    assert "Marche innovation vouchers" in page
    for text in ("Marche internal pilot notes", "Cluster exchange", "Contact people",
                 "Giulia Bianchi", "member@marche.example.org", "Marco Rossi"):
        assert text not in page, text


def test_anonymous_visitor_sees_no_contacts_and_no_partners_only_content(client, full_profile):
    page = profile_page(client)
    assert "Marche innovation vouchers" in page
    for text in ("Marche internal pilot notes", "Cluster exchange", "Matchmaking profile",
                 "Contact people", "Giulia Bianchi", "member@marche.example.org"):
        assert text not in page, text


def test_profile_shows_the_partners_country_on_a_map_without_tiles(client, people):
    page = profile_page(client)
    assert 'class="country-map-svg"' in page and "<path d=" in page
    assert "Italy, highlighted on the map" in page
    assert reverse("partners:directory") + "?country=IT" in page
    assert "http" not in page.split('class="country-map-svg"')[1].split("</svg>")[0]


def test_partner_profile_query_count_does_not_grow_with_practices_and_pilots(
        client, people, make_practice, stages, django_assert_num_queries):  # noqa: F811
    from workgroups import services

    client.force_login(people.veneto_member)
    profile_page(client)  # warm the site menu cache

    def add(n):
        for i in range(n):
            make_practice(title=f"Practice {i}")
            services.pilot_create(
                wg=people.wg3, user=people.wg3_coordinator, stage=stages[0], title=f"Pilot {i}",
                objectives="Peer learning.", region="Marche", partner=people.marche,
                indicators=[])

    add(2)
    # The absolute number depends on what earlier requests left in the caches (content
    # types, the Wagtail site root); what is pinned is that it does not grow with data.
    profile_page(client)
    with CaptureQueriesContext(connection) as first:
        profile_page(client)
    add(8)
    with django_assert_num_queries(len(first.captured_queries)):
        profile_page(client)


def test_directory_map_links_each_country_to_the_filtered_list(client, people):
    PartnerFactory(name="Romanian agency", country__iso_code="RO", country__name="Romania")
    page = client.get(reverse("partners:directory"), {"type": "regional_authority"}).content
    page = page.decode()
    assert "map-area" in page
    assert "?type=regional_authority&amp;country=IT" in page  # keeps the other filters
    assert "Italy <span class=\"badge\">2</span>" in page
