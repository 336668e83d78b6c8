"""Matchmaking list pages: query counts constant from 1x to 10x data."""
import pytest

from matchmaking import services
from matchmaking.models import Profile
from tests.factories import CountryFactory, PartnerFactory, staff

from .conftest import make_opportunity

pytestmark = pytest.mark.django_db


def grow(people, sectors, n, start=0):
    for i in range(start, start + n):
        country = CountryFactory(iso_code=f"Q{chr(65 + i)}")
        partner = PartnerFactory(country=country)
        member = staff(partner)
        profile = Profile.objects.create(partner=partner, country=country, offers="ICT")
        profile.sectors.set([sectors["C"], sectors["J"]])
        o = make_opportunity(member, [sectors["C"], sectors["J"]], title=f"Offer {i}",
                             targets=[people.marche.country])
        make_opportunity(member, [sectors["C"]], title=f"Submitted {i}", status="submitted")
        services.interest_express(user=people.marche_member, opportunity=o, message="Hi")
        interest = services.interest_express(user=people.wg3_coordinator, opportunity=o,
                                             message="Hi")
        services.interest_move(user=people.wg3_coordinator, interest=interest,
                               to_state="introduced")


@pytest.mark.parametrize("url,persona,expected", [
    ("/matchmaking/", "marche_member", 16),
    ("/matchmaking/profiles/", "marche_member", 10),
    ("/matchmaking/interests/", "marche_member", 10),
    ("/matchmaking/coordinate/", "wg3_coordinator", 17),
])
def test_query_count_is_constant_from_1x_to_10x(client, people, sectors,
                                                django_assert_num_queries, url, persona,
                                                expected):
    client.force_login(getattr(people, persona))
    grow(people, sectors, 2)
    client.get(url)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    grow(people, sectors, 18, start=2)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_suggestions_take_a_constant_number_of_queries(people, sectors,
                                                       django_assert_num_queries):
    from matchmaking import selectors

    source = make_opportunity(people.marche_member, [sectors["C"]], direction="request")
    grow(people, sectors, 2)
    with django_assert_num_queries(8):
        assert len(selectors.suggested_opportunities(source)) == 2
    grow(people, sectors, 18, start=2)
    with django_assert_num_queries(8):
        assert len(selectors.suggested_opportunities(source)) == 10
