"""Matchmaking list pages: query counts constant from 1x to 10x data, partners' and
stakeholder organisations' alike."""
from datetime import timedelta

import pytest
from django.utils import timezone

from matchmaking import services
from matchmaking.models import Profile
from tests.factories import CountryFactory, PartnerFactory, staff, stakeholder
from workgroups.models import Event

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
        # a stakeholder organisation of the same country, with a profile and an offer
        outsider = stakeholder(organisation=f"Cluster association {i}", country=country)
        services.profile_save(user=outsider, profile=Profile(offers="ICT"),
                              sectors=[sectors["J"]], countries=[])
        offer = make_opportunity(outsider, [sectors["J"]], title=f"Stakeholder offer {i}",
                                 targets=[people.marche.country])
        for person in (people.marche_member, people.approved):
            services.interest_express(user=person, opportunity=offer, message="Hi")
        interest = services.interest_express(user=outsider, opportunity=o, message="Hi")
        services.interest_move(user=people.wg3_coordinator, interest=interest,
                               to_state="introduced")
        slot_owner = outsider
        services.slot_publish(user=slot_owner, event=people.event,
                              starts_at=people.event.starts_at + timedelta(minutes=30 * i),
                              minutes=30)


@pytest.fixture
def cast(people, approved_stakeholder):
    """The personas, with an approved stakeholder and a matchmaking day for B2B slots."""
    start = timezone.now() + timedelta(days=3)
    people.event = Event.objects.create(title="Day", kind=Event.Kind.MATCHMAKING,
                                        starts_at=start, ends_at=start + timedelta(hours=12))
    people.approved = approved_stakeholder
    return people


@pytest.mark.parametrize("url,persona,expected", [
    ("/matchmaking/", "marche_member", 12),
    ("/matchmaking/profiles/", "marche_member", 6),
    ("/matchmaking/interests/", "marche_member", 6),
    ("/matchmaking/coordinate/", "wg3_coordinator", 13),
    ("/matchmaking/", "approved", 12),
    ("/matchmaking/profiles/", "approved", 6),
    ("/matchmaking/interests/", "approved", 5),
    ("b2b", "marche_member", 8),
    ("b2b", "approved", 8),
])
def test_query_count_is_constant_from_1x_to_10x(client, cast, sectors,
                                                django_assert_num_queries, url, persona,
                                                expected):
    people = cast
    if url == "b2b":
        url = f"/matchmaking/events/{people.event.pk}/"
    client.force_login(getattr(people, persona))
    grow(people, sectors, 2)
    client.get(url)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    grow(people, sectors, 18, start=2)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_suggestions_take_a_constant_number_of_queries(cast, sectors,
                                                       django_assert_num_queries):
    from matchmaking import selectors

    people = cast
    source = make_opportunity(people.marche_member, [sectors["C"]], direction="request")
    grow(people, sectors, 2)
    with django_assert_num_queries(8):
        # two partners' offers and the two stakeholder organisations' ones
        assert len(selectors.suggested_opportunities(source)) == 4
    grow(people, sectors, 18, start=2)
    with django_assert_num_queries(8):
        assert len(selectors.suggested_opportunities(source)) == 10
