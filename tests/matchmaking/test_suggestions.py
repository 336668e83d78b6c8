"""Suggestions: transnational, scored by sector, kind complement, targeting and text."""
import pytest
from django.db import connection

from matchmaking import selectors
from matchmaking.models import Profile
from tests.factories import CountryFactory, PartnerFactory, staff

from .conftest import make_opportunity

pytestmark = pytest.mark.django_db


def test_suggestions_come_from_other_countries_only_best_first_with_reasons(
        people, sectors, greek_member):
    request = make_opportunity(
        people.marche_member, [sectors["J"]], direction="request",
        title="ICT partners for smart manufacturing",
        description="We seek ICT partners for smart manufacturing and sensors.")
    best = make_opportunity(
        people.bsmepa_member, [sectors["J"], sectors["C"]], direction="offer",
        title="Smart manufacturing ICT services", targets=[people.marche.country],
        description="Digital hubs offer smart manufacturing sensors and ICT services.")
    weaker = make_opportunity(greek_member, [sectors["I"]], direction="request",
                              kind="policy", title="Tourism peer visit",
                              description="A visit to learn tourism cluster policy.")
    make_opportunity(people.veneto_member, [sectors["J"]], direction="offer",
                     title="Same country ICT offer")  # Italy, like Marche: never suggested
    make_opportunity(people.bsmepa_member, [sectors["J"]], direction="offer", status="submitted",
                     title="Unpublished ICT offer")
    suggestions = selectors.suggested_opportunities(request)
    titles = [s.item.title for s in suggestions]
    assert titles[0] == best.title
    assert "Same country ICT offer" not in titles
    assert "Unpublished ICT offer" not in titles
    assert weaker.title not in titles  # no sector, same direction, other kind, no text
    reasons = suggestions[0].reasons
    assert "same sector: Information and communication" in reasons
    assert "they offer what you seek" in reasons
    assert "they look for partners in your country" in reasons


def test_an_offer_is_told_that_they_seek_what_you_offer(people, sectors):
    offer = make_opportunity(people.bsmepa_member, [sectors["C"]], direction="offer")
    make_opportunity(people.marche_member, [sectors["C"]], direction="request")
    [suggestion] = selectors.suggested_opportunities(offer)
    assert "they seek what you offer" in suggestion.reasons


def test_targeted_countries_rank_higher(people, sectors, greek_member):
    source = make_opportunity(people.marche_member, [sectors["C"]], direction="request",
                              targets=[people.bsmepa.country], description="x")
    bulgarian = make_opportunity(people.bsmepa_member, [sectors["C"]], title="Alpha",
                                 description="y")
    greek = make_opportunity(greek_member, [sectors["C"]], title="Beta", description="z")
    suggestions = selectors.suggested_opportunities(source)
    assert [s.item for s in suggestions] == [bulgarian, greek]
    assert "from a country you target: Bulgaria" in suggestions[0].reasons


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full text needs PostgreSQL")
def test_text_similarity_breaks_ties_on_postgresql(people, sectors, greek_member):
    source = make_opportunity(people.marche_member, [sectors["C"]], direction="request",
                              title="Furniture robotics",
                              description="Robotics for furniture factories.")
    other = make_opportunity(greek_member, [sectors["C"]], title="Olive oil marketing",
                             description="Marketing olive oil abroad.")
    similar = make_opportunity(people.bsmepa_member, [sectors["C"]], title="Robotics lab",
                               description="Robotics pilots for furniture makers.")
    suggestions = selectors.suggested_opportunities(source)
    assert [s.item for s in suggestions] == [similar, other]
    assert "similar wording" in suggestions[0].reasons


def test_profiles_of_other_countries_are_suggested(people, sectors):
    source = make_opportunity(people.marche_member, [sectors["C"]], direction="request",
                              description="Robotics partners wanted.")
    bg = Profile.objects.create(partner=people.bsmepa, country=people.bsmepa.country,
                                offers="Robotics")
    bg.sectors.set([sectors["C"]])
    it = Profile.objects.create(partner=people.veneto, country=people.veneto.country)
    it.sectors.set([sectors["C"]])
    suggestions = selectors.suggested_profiles(source)
    assert [s.item for s in suggestions] == [bg]
    assert "same sector: Manufacturing" in suggestions[0].reasons


def test_the_page_shows_suggestions_to_the_authors_side(client, people, sectors):
    source = make_opportunity(people.marche_member, [sectors["C"]], direction="request")
    offer = make_opportunity(people.bsmepa_member, [sectors["C"]], title="Bulgarian offer")
    client.force_login(people.marche_admin)
    page = client.get(source.get_absolute_url()).content.decode()
    assert "Suggested matches from other countries" in page
    assert offer.title in page and "they offer what you seek" in page
    # a third partner sees the opportunity, not the author's suggestions
    client.force_login(staff(PartnerFactory(country=CountryFactory(iso_code="SI"))))
    assert "Suggested matches" not in client.get(source.get_absolute_url()).content.decode()
