"""The demo data (a Marche request matched by an offer from another country, B2B slots at
the Sofia matchmaking day), and suggestions without PostgreSQL full text."""
import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from clusterpolisee.core.demo import DEMO_EMAIL_DOMAIN
from matchmaking import selectors
from matchmaking.models import Opportunity, Profile, Slot

from .conftest import make_opportunity

pytestmark = pytest.mark.django_db


def seed():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())


def test_demo_seeds_a_marche_request_matched_from_abroad_idempotently():
    seed()
    counts = (Opportunity.objects.count(), Profile.objects.count(), Slot.objects.count())
    seed()
    assert (Opportunity.objects.count(), Profile.objects.count(),
            Slot.objects.count()) == counts
    request = Opportunity.objects.get(partner__slug="marche-region", direction="request",
                                      status="published")
    assert request.title.endswith("(demo)")
    [best, *_] = selectors.suggested_opportunities(request)
    assert best.item.country.iso_code != "IT" and best.item.direction == "offer"
    assert "they offer what you seek" in best.reasons
    slots = Slot.objects.filter(event__title="WG3 matchmaking day in Sofia (demo)")
    assert slots.filter(participant__email=f"bsmepa.member@{DEMO_EMAIL_DOMAIN}").exists()
    assert Opportunity.objects.filter(status="submitted").exists()


def test_without_full_text_suggestions_use_the_other_signals_and_say_so(
        client, people, sectors, monkeypatch):
    monkeypatch.setattr(selectors, "text_similarity_available", lambda: False)
    source = make_opportunity(people.marche_member, [sectors["C"]], direction="request")
    offer = make_opportunity(people.bsmepa_member, [sectors["C"]], title="Bulgarian offer")
    [suggestion] = selectors.suggested_opportunities(source)
    assert suggestion.item == offer and "similar wording" not in suggestion.reasons
    client.force_login(people.marche_member)
    page = client.get(source.get_absolute_url()).content.decode()
    assert "Text similarity is not available on this database" in page


def test_a_platform_admin_without_a_partner_can_coordinate(client, people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]], status="submitted")
    client.force_login(people.platform_admin)
    assert client.get("/matchmaking/interests/").status_code == 200
    assert o.title in client.get("/matchmaking/coordinate/").content.decode()
    csv = client.get("/matchmaking/coordinate/export.csv").content.decode()
    assert csv.splitlines()[0].startswith("id,direction,kind,title")
    assert o.title in csv


def test_demo_seeds_an_approved_stakeholder_cluster_association_idempotently():
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=out)
        call_command("seed_demo", stdout=io.StringIO())
    email = f"cluster.association@{DEMO_EMAIL_DOMAIN}"
    assert email in out.getvalue()
    profile = Profile.objects.get(partner__isnull=True)
    assert profile.owner.email == email
    assert profile.owner.stakeholder_profile.is_approved
    assert profile.organisation_name == profile.owner.stakeholder_profile.organisation
    offer = Opportunity.objects.get(partner__isnull=True)
    assert (offer.status, offer.created_by) == ("published", profile.owner)
    assert Slot.objects.filter(participant=profile.owner).count() == 1
    # a Marche request sees the association among its transnational matches
    request = Opportunity.objects.get(partner__slug="marche-region", direction="request")
    assert offer in [s.item for s in selectors.suggested_opportunities(request, limit=50)]
