"""Pilot-action lifecycle by the WG3 coordinator, and a Steering Committee vote."""
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.factories import PASSWORD
from workgroups import services
from workgroups.models import Decision, OperationalStage, SteeringCommitteeSeat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_runs_a_pilot_action_through_its_lifecycle(page, people):
    for number in (1, 2):
        OperationalStage.objects.get_or_create(number=number, defaults={"title": f"Stage {number}"})
    log_in(page, "wg3@bsmepa.example.org", PASSWORD)
    page.goto("/wg/pilots/")
    assert_accessible(page)
    page.get_by_role("link", name="New pilot action in WG3").click()
    page.get_by_label("Title").fill("Sofia–Ancona cluster exchange")
    page.get_by_label("Stage").select_option(label="1. Stage 1")
    page.get_by_label("Region").fill("Marche")
    page.get_by_label("Responsible partner").select_option(label="Marche Region")
    page.get_by_label("Objectives").fill("Peer learning between cluster managers.")
    page.locator("#id_indicators-0-name").fill("Cluster managers trained")
    page.locator("#id_indicators-0-baseline").fill("0")
    # the target is missing: the form comes back with a message and what was typed
    assert_accessible(page)
    page.get_by_role("button", name="Propose pilot action").click()
    expect(page.locator("main")).to_contain_text("Give a baseline and a target")
    expect(page.get_by_label("Title")).to_have_value("Sofia–Ancona cluster exchange")
    page.locator("#id_indicators-0-target").fill("20")
    page.get_by_role("button", name="Propose pilot action").click()
    expect(page.locator(".message-success")).to_contain_text("proposed")
    assert_accessible(page)
    for target in ["Approved", "Running"]:
        page.get_by_label("Comment").fill(f"Moving to {target.lower()}")
        page.get_by_role("button", name=f"Move to “{target}”").click()
        expect(page.locator(".message-success")).to_contain_text(target.lower())
    page.get_by_role("link", name="Record the evaluation").click()
    page.get_by_label("Method").fill("Survey of participants")
    page.get_by_label("Findings").fill("Strong interest in follow-up visits.")
    page.get_by_label("Lessons learned").fill("Plan the visits a season ahead.")
    page.get_by_label("Cluster managers trained: achieved").fill("18")
    page.get_by_label("Cluster managers trained: score").select_option("4")
    assert_accessible(page)
    page.get_by_role("button", name="Save evaluation").click()
    expect(page.locator(".message-success")).to_contain_text("evaluation was recorded")
    for target in ["Evaluated", "Closed"]:
        page.get_by_role("button", name=f"Move to “{target}”").click()
        expect(page.locator(".message-success")).to_contain_text(target.lower())
    history = page.get_by_role("region", name="History")
    expect(history).to_contain_text("Moving to approved")
    expect(page.locator("main")).to_contain_text("Plan the visits a season ahead.")
    assert_accessible(page)


def test_marche_member_votes_and_sees_the_outcome_after_the_deadline(page, people):
    SteeringCommitteeSeat.objects.create(partner=people.marche,
                                         representative=people.marche_member)
    decision = services.decision_create(user=people.marche_admin,
                                        title="Adopt the communication plan",
                                        text="WP2 proposes the plan.",
                                        deadline=timezone.now() + timedelta(days=2))
    services.vote_cast(decision=decision, user=people.wg3_coordinator, choice="yes")
    log_in(page, "member@marche.example.org", PASSWORD)
    page.get_by_role("link", name="Governance").click()
    assert_accessible(page)
    page.get_by_role("link", name="Adopt the communication plan").click()
    expect(page.locator("main")).to_contain_text("You vote for Marche Region")
    page.get_by_label("Yes").check()
    assert_accessible(page)
    page.get_by_role("button", name="Cast the vote").click()
    expect(page.locator(".message-success")).to_contain_text("Marche")
    expect(page.get_by_role("complementary")).to_contain_text("Marche has voted.")
    # the deadline passes
    Decision.objects.filter(pk=decision.pk).update(
        deadline=timezone.now() - timedelta(minutes=1))
    page.reload()
    expect(page.locator(".outcome")).to_have_text("Adopted")
    record = page.get_by_role("region", name="How each partner voted")
    expect(record.get_by_role("row", name=re.compile("Marche Region"))).to_contain_text("Yes")
    expect(record.get_by_role("row", name=re.compile("Veneto Region"))).to_contain_text("—")
    assert_accessible(page)
