"""Opportunities: submission, moderation by the WG3 coordinators, tags, duplicates."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusterpolisee.core.models import Activity
from matchmaking import services
from matchmaking.models import Interest, Opportunity

from .conftest import make_opportunity

pytestmark = pytest.mark.django_db


def test_a_new_opportunity_waits_for_moderation_and_belongs_to_the_authors_partner(
        people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]], status="submitted")
    assert o.status == Opportunity.Status.SUBMITTED
    assert o.partner == people.marche and o.country.iso_code == "IT"
    assert Activity.objects.filter(verb="matchmaking.submitted", partner=people.marche).exists()


def test_a_deadline_in_the_past_is_refused_and_nothing_is_saved(client, people, sectors):
    client.force_login(people.marche_member)
    response = client.post("/matchmaking/opportunities/new/", {
        "direction": "request", "kind": "partnership", "title": "Late", "description": "x",
        "sectors": [sectors["C"].pk],
        "deadline": (timezone.localdate() - timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert "The deadline is in the past." in response.content.decode()
    assert not Opportunity.objects.exists()


def test_the_wg3_coordinator_publishes_a_submitted_opportunity(people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]], status="submitted")
    services.opportunity_moderate(user=people.wg3_coordinator, opportunity=o, decision="publish")
    o.refresh_from_db()
    assert o.status == Opportunity.Status.PUBLISHED and o.published_at is not None
    assert o.moderated_by == people.wg3_coordinator


def test_returning_needs_a_comment_which_the_author_sees(client, people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]], status="submitted")
    with pytest.raises(ValidationError, match="Say why"):
        services.opportunity_moderate(user=people.wg3_coordinator, opportunity=o,
                                      decision="return")
    services.opportunity_moderate(user=people.wg3_coordinator, opportunity=o,
                                  decision="return", comment="Add a deadline, please.")
    client.force_login(people.marche_member)
    page = client.get(o.get_absolute_url()).content.decode()
    assert "Add a deadline, please." in page and "Change and resubmit" in page


def test_a_returned_opportunity_can_be_changed_and_goes_back_to_the_queue(people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]], status="returned")
    o.title = "Better title"
    services.opportunity_submit(user=people.marche_admin, opportunity=o, sectors=[sectors["J"]],
                                target_countries=[])
    o.refresh_from_db()
    assert o.status == Opportunity.Status.SUBMITTED and o.title == "Better title"


def test_a_coordinator_of_another_wg_cannot_moderate(people, sectors, wg2_coordinator):
    o = make_opportunity(people.marche_member, [sectors["C"]], status="submitted")
    with pytest.raises(PermissionDenied):
        services.opportunity_moderate(user=wg2_coordinator, opportunity=o, decision="publish")
    o.refresh_from_db()
    assert o.status == Opportunity.Status.SUBMITTED


def test_the_matchmaking_wg_comes_from_the_setting(people, sectors, settings, wg2_coordinator):
    settings.MATCHMAKING_WORKING_GROUP = "WG2"
    o = make_opportunity(people.marche_member, [sectors["C"]], status="submitted")
    services.opportunity_moderate(user=wg2_coordinator, opportunity=o, decision="reject",
                                  comment="Out of scope")
    o.refresh_from_db()
    assert o.status == Opportunity.Status.REJECTED


def test_a_published_opportunity_cannot_be_moderated_again(people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]])
    with pytest.raises(ValidationError, match="Only a submitted opportunity"):
        services.opportunity_moderate(user=people.wg3_coordinator, opportunity=o,
                                      decision="reject", comment="no")


def test_the_coordinator_edits_tags(client, people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]])
    client.force_login(people.wg3_coordinator)
    client.post(f"/matchmaking/opportunities/{o.pk}/tags/", {
        "kind": "market", "sectors": [sectors["J"].pk, sectors["I"].pk]})
    o.refresh_from_db()
    assert o.kind == "market"
    assert set(o.sectors.values_list("code", flat=True)) == {"J", "I"}


def test_merging_a_duplicate_moves_its_interests_and_is_recorded(client, people, sectors,
                                                                  greek_member):
    keep = make_opportunity(people.marche_member, [sectors["C"]], title="Keep")
    dup = make_opportunity(people.marche_admin, [sectors["C"]], title="Dup")
    interest = services.interest_express(user=greek_member, opportunity=dup, message="Hi")
    client.force_login(people.wg3_coordinator)
    response = client.post(f"/matchmaking/opportunities/{dup.pk}/merge/", {"into": keep.pk})
    assert response.status_code == 302
    dup.refresh_from_db()
    interest.refresh_from_db()
    assert dup.status == Opportunity.Status.DUPLICATE and dup.duplicate_of == keep
    assert interest.opportunity == keep
    assert Activity.objects.filter(verb="matchmaking.merged", target_id=str(keep.pk)).exists()
    assert Interest.objects.count() == 1


def test_merging_into_itself_is_refused(people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]])
    with pytest.raises(ValidationError, match="itself"):
        services.opportunity_merge(user=people.wg3_coordinator, duplicate=o, into=o)


def test_a_profile_or_opportunity_must_name_its_organisation(people, sectors):
    from django.db import IntegrityError, transaction

    from matchmaking.models import Profile

    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.create(country=people.marche.country)
    # an outside organisation (the stakeholder tier) is named instead of a partner
    Profile.objects.create(country=people.marche.country, organisation_name="Cluster X")
    with pytest.raises(IntegrityError), transaction.atomic():
        Opportunity.objects.create(country=people.marche.country, direction="offer",
                                   kind="market", title="t", description="d")
