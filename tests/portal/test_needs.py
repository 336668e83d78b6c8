"""The dashboard's "Needs you": each role sees only what waits for it, soonest due first."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clusterpolisee.core import page_cache
from clusterpolisee.core.models import Activity
from clusterpolisee.core.services import activity_record
from clusterpolisee.portal.needs import needs_of
from consultations.models import Comment, Flag
from tests.factories import (
    ConsultationFactory,
    PartnerFactory,
    WorkPackageFactory,
    stakeholder,
)
from workgroups.models import Decision, Deliverable, JoinRequest, Vote

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboard")


def _kinds(user, partner=None):
    membership = getattr(user, "membership", None)
    partner = partner or (membership.partner if membership else None)
    return [item.kind for item in needs_of(user, partner=partner)]


def _decision(title="Adopt the budget", days=3):
    return Decision.objects.create(title=title, text="Yes?", quorum=2, electorate=3,
                                   deadline=timezone.now() + timedelta(days=days))


def test_an_open_vote_waits_for_the_partners_voter_only(people):
    decision = _decision()
    assert "vote" in _kinds(people.marche_admin)       # admin votes: no named representative
    assert "vote" not in _kinds(people.marche_member)  # a member does not cast the vote
    assert "vote" not in _kinds(people.stakeholder)
    Vote.objects.create(decision=decision, partner=people.marche, choice="yes",
                        cast_by=people.marche_admin)
    assert "vote" not in _kinds(people.marche_admin)   # voted: nothing waits any more


def test_deliverables_due_belong_to_their_partner_only(people):
    wp = WorkPackageFactory(code="WP4", title="Policy learning")
    Deliverable.objects.create(work_package=wp, code="D4.1", title="Training plan",
                               partner=people.marche,
                               due_date=timezone.localdate() - timedelta(days=2))
    Deliverable.objects.create(work_package=wp, code="D4.9", title="Far away",
                               partner=people.marche,
                               due_date=timezone.localdate() + timedelta(days=90))
    items = needs_of(people.marche_member, partner=people.marche)
    deliverables = [i for i in items if i.kind == "deliverable"]
    assert [i.title for i in deliverables] == ["D4.1 Training plan"] and deliverables[0].overdue
    assert "deliverable" not in _kinds(people.veneto_member)
    assert "deliverable" not in _kinds(people.stakeholder)


def test_consultations_closing_within_two_weeks_that_i_may_join(people):
    ConsultationFactory(title="Closing soon", closes_at=timezone.now() + timedelta(days=3))
    ConsultationFactory(title="Closing later", closes_at=timezone.now() + timedelta(days=30))
    ConsultationFactory(title="WG3 only", audience="partners", working_group=people.wg3,
                        closes_at=timezone.now() + timedelta(days=2))
    titles = {i.title for i in needs_of(people.marche_member, partner=people.marche)
              if i.kind == "consultation"}
    assert titles == {"Closing soon", "WG3 only"}
    veneto = {i.title for i in needs_of(people.veneto_member, partner=people.veneto)
              if i.kind == "consultation"}
    assert veneto == {"Closing soon"}
    assert "consultation" not in _kinds(people.stakeholder)  # not approved: no audience


def test_join_requests_wait_for_the_groups_coordinators_and_admins(people):
    JoinRequest.objects.create(working_group=people.wg3, partner=people.veneto,
                               requested_by=people.veneto_member)
    assert "join_request" in _kinds(people.wg3_coordinator)
    assert "join_request" in _kinds(people.platform_admin)
    for persona in ("marche_admin", "veneto_member", "stakeholder"):
        assert "join_request" not in _kinds(getattr(people, persona)), persona


def test_stakeholder_approvals_wait_for_those_who_approve(people):
    stakeholder(approved=False, email="new@cluster.example.org")
    coordinator_items = needs_of(people.wg3_coordinator, partner=people.bsmepa)
    assert [i.title for i in coordinator_items if i.kind == "stakeholders"] == [
        "1 stakeholder waits for approval"]
    assert "stakeholders" in _kinds(people.platform_admin)
    assert "stakeholders" not in _kinds(people.marche_member)


def test_one_flagged_comment_among_five_is_counted_once(client, people):
    consultation = ConsultationFactory(owner=people.wg3_coordinator)
    comments = [Comment.objects.create(consultation=consultation, author=people.marche_member,
                                       body=f"Point {i}", body_html=f"<p>Point {i}</p>")
                for i in range(5)]
    for user in (people.veneto_member, people.bsmepa_member):
        Flag.objects.create(comment=comments[0], user=user, reason="rude")
    items = needs_of(people.wg3_coordinator, partner=people.bsmepa)
    assert [i.title for i in items if i.kind == "flagged"] == [
        "1 flagged comment waits in the moderation queue"]
    assert "flagged" not in _kinds(people.marche_member)
    client.force_login(people.wg3_coordinator)
    page = client.get(reverse("consultations:moderation", args=[consultation.pk]))
    flagged = list(page.context["flagged"])
    assert [c.pk for c in flagged] == [comments[0].pk] and flagged[0].n_flags == 2


def test_needs_are_ranked_by_due_date(people):
    ConsultationFactory(title="Closes in five days", closes_at=timezone.now() + timedelta(days=5))
    _decision(title="Due tomorrow", days=1)
    JoinRequest.objects.create(working_group=people.wg3, partner=people.veneto,
                               requested_by=people.veneto_member)
    people.wg3.coordinators.add(people.marche_admin)
    items = needs_of(people.marche_admin, partner=people.marche)
    assert [i.kind for i in items] == ["vote", "consultation", "join_request"]


def test_platform_admin_dashboard_does_not_call_them_a_stakeholder(client, people):
    client.force_login(people.platform_admin)
    page = client.get(DASHBOARD).content.decode()
    assert "as a stakeholder" not in page and "platform administrator" in page


def test_stakeholder_dashboard_has_no_empty_role_boxes(client, people):
    client.force_login(people.stakeholder)
    page = client.get(DASHBOARD).content.decode()
    assert "Work packages you lead" not in page and "Your working groups" not in page
    assert "Needs you" in page


def test_activity_of_one_kind_is_one_expandable_line(client, people):
    for _ in range(13):
        activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                        target=people.marche, partner=people.marche)
    activity_record(actor=people.marche_admin, verb="wg.topic_created", target=people.wg3,
                    working_group=people.wg3, visibility=Activity.Visibility.WORKING_GROUP)
    client.force_login(people.marche_member)
    response = client.get(DASHBOARD)
    groups = response.context["activity_groups"]
    assert [g.count for g in groups] == [1, 13]
    page = response.content.decode()
    assert page.count("<details class=\"activity-group\">") == 1 and "13 times" in page


def _grow(people, n):
    wp = WorkPackageFactory()
    for i in range(n):
        _decision(title=f"Decision {i}")
        ConsultationFactory(closes_at=timezone.now() + timedelta(days=2))
        Deliverable.objects.create(work_package=wp, code=f"D{wp.pk}.{i}", title="x",
                                   partner=people.marche,
                                   due_date=timezone.localdate() - timedelta(days=1))
        JoinRequest.objects.create(working_group=people.wg3,
                                   partner=PartnerFactory(country=people.marche.country),
                                   requested_by=people.veneto_member)
        stakeholder(approved=False, email=f"s{i}-{wp.pk}@example.org")
        activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                        target=people.marche, partner=people.marche)


# pinned: the whole dashboard page, "needs you" and grouped activity included
EXPECTED = {"marche_admin": 23, "wg3_coordinator": 24, "stakeholder": 14, "platform_admin": 12}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_dashboard_query_count_is_the_same_at_1x_and_10x_data(client, people, persona,
                                                              django_assert_num_queries):
    client.force_login(getattr(people, persona))
    _grow(people, 2)
    client.get(DASHBOARD)  # warm the content-type cache
    page_cache.bump()  # computed, not the per-user fragment from the cache
    with django_assert_num_queries(EXPECTED[persona]):
        assert client.get(DASHBOARD).status_code == 200
    _grow(people, 18)
    page_cache.bump()
    with django_assert_num_queries(EXPECTED[persona]):
        assert client.get(DASHBOARD).status_code == 200
