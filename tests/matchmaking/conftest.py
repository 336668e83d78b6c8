import pytest

from matchmaking.models import Opportunity, Sector
from tests.factories import CountryFactory, PartnerFactory, staff, stakeholder


@pytest.fixture
def sectors(db):
    names = {"C": "Manufacturing", "J": "Information and communication", "I": "Accommodation"}
    return {code: Sector.objects.get_or_create(code=code, defaults={"name": name})[0]
            for code, name in names.items()}


@pytest.fixture
def wg2_coordinator(people):
    """A coordinator of another WG (WG2), staff of Veneto: no matchmaking brokering."""
    user = staff(people.veneto, email="wg2@veneto.example.org", full_name="Wanda Wg2")
    people.wg2.coordinators.add(user)
    return user


@pytest.fixture
def greek_member(people):
    partner = PartnerFactory(name="Corallia", short_name="Corallia", slug="corallia",
                             country=CountryFactory(iso_code="GR", name="Greece"))
    return staff(partner, email="member@corallia.example.org", full_name="Nikos Papadopoulos")


def make_opportunity(user, sectors, *, status=Opportunity.Status.PUBLISHED, direction="offer",
                     kind="technology", title="Smart manufacturing services", description=None,
                     targets=(), deadline=None):
    """Through the service, as the author would, then moderated to ``status``."""
    from matchmaking import services
    from tests.factories import UserFactory

    opportunity = services.opportunity_submit(
        user=user, opportunity=Opportunity(
            direction=direction, kind=kind, title=title, deadline=deadline,
            description=description or f"{title}: digital innovation for cluster SMEs."),
        sectors=sectors, target_countries=targets)
    if status != Opportunity.Status.SUBMITTED:
        moderator = UserFactory(is_superuser=True)
        decision = {"published": "publish", "returned": "return", "rejected": "reject"}[status]
        services.opportunity_moderate(user=moderator, opportunity=opportunity,
                                      decision=decision, comment="ok")
        opportunity.refresh_from_db()
    return opportunity


@pytest.fixture
def approved_stakeholder(people):
    """Someone from a Serbian cluster association, approved into the user group."""
    return stakeholder(email="milica@danube-cluster.example.org", full_name="Milica Jovanovic",
                       organisation="Danube Cluster Network")


@pytest.fixture
def pending_stakeholder(people):
    return stakeholder(approved=False, email="pending@cluster.example.org",
                       full_name="Pavle Pending", organisation="Morava Wood Cluster")


@pytest.fixture
def withdrawn_stakeholder(people):
    """Approved once, then declined by a WG coordinator: the approval is withdrawn."""
    from clusterpolisee.users.services import stakeholder_decide

    user = stakeholder(email="withdrawn@cluster.example.org", full_name="Wera Withdrawn",
                       organisation="Sava Logistics Cluster")
    stakeholder_decide(profile=user.stakeholder_profile, user=people.wg3_coordinator,
                       approve=False)
    user.refresh_from_db()
    return user
