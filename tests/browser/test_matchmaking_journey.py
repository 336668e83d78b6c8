"""WG3 matchmaking end to end: a Marche member's request is moderated by BSMEPA's WG3
coordinator, matched with a Bulgarian offer, brokered into an introduction, and both sides
book a B2B meeting at the matchmaking day and download it as .ics."""
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from matchmaking import services
from matchmaking.models import Sector
from tests.browser.conftest import assert_accessible, log_in, switch_to
from tests.factories import PASSWORD
from tests.matchmaking.conftest import make_opportunity
from workgroups.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARCHE = "member@marche.example.org"
BSMEPA = "member@bsmepa.example.org"
COORDINATOR = "wg3@bsmepa.example.org"


def test_request_moderated_matched_introduced_and_met(page, people):
    # a transactional test flushes the NACE sections of the data migration
    ict = Sector.objects.get_or_create(code="J", defaults={
        "name": "Information and communication"})[0]
    Sector.objects.get_or_create(code="C", defaults={"name": "Manufacturing"})
    offer = make_opportunity(
        people.bsmepa_member, [ict], direction="offer", targets=[people.marche.country],
        title="Digital-innovation hub services for furniture clusters",
        description="Smart manufacturing assessments and ICT pilots for furniture makers.")
    start = (timezone.now() + timedelta(days=20)).replace(minute=0, second=0, microsecond=0)
    event = Event.objects.create(title="WG3 matchmaking day", kind=Event.Kind.MATCHMAKING,
                                 starts_at=start, ends_at=start + timedelta(hours=6),
                                 timezone="Europe/Sofia", place="Sofia")
    services.slot_publish(user=people.bsmepa_member, event=event,
                          starts_at=start + timedelta(hours=1), minutes=30)

    # 1. the Marche member submits a request
    log_in(page, MARCHE, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Matchmaking").click()
    assert_accessible(page)
    page.get_by_role("link", name="New offer or request").click()
    page.get_by_label("Request").check()
    page.get_by_label("Kind").select_option(label="Technology or know-how")
    page.get_by_label("Title").fill("ICT partners for smart furniture manufacturing")
    page.get_by_label("Description").fill("Our furniture clusters seek ICT partners for "
                                          "smart manufacturing pilots.")
    page.get_by_label("J: Information and communication").check()
    page.get_by_label("Deadline").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Submit for moderation").click()
    expect(page.locator("main")).to_contain_text("The deadline is in the past.")
    assert_accessible(page)
    page.get_by_label("Deadline").fill((timezone.localdate() + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Submit for moderation").click()
    expect(page.locator(".message-success")).to_contain_text("submitted")
    assert_accessible(page)

    # 2. BSMEPA's WG3 coordinator publishes it
    switch_to(page, COORDINATOR)
    page.goto("/matchmaking/coordinate/")
    assert_accessible(page)
    page.get_by_role("region", name="Opportunities to moderate").get_by_role(
        "link", name="ICT partners for smart furniture manufacturing").click()
    page.get_by_label("Publish").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".message-success")).to_contain_text("decision was recorded")
    assert_accessible(page)

    # 3. the Marche member sees the Bulgarian offer suggested and expresses interest
    switch_to(page, MARCHE)
    page.goto("/matchmaking/")
    page.get_by_role("complementary").get_by_role(
        "link", name="ICT partners for smart furniture manufacturing").click()
    suggestions = page.get_by_role("region", name="Suggested matches from other countries")
    expect(suggestions).to_contain_text("they offer what you seek")
    expect(suggestions).to_contain_text("same sector: Information and communication")
    assert_accessible(page)
    suggestions.get_by_role("link", name=offer.title).click()
    page.get_by_label("Your message to the coordinators").fill("We would like to meet.")
    page.get_by_role("button", name="Express interest").click()
    expect(page.locator(".message-success")).to_contain_text("sent to the coordinators")
    expect(page.locator("main")).not_to_contain_text(BSMEPA)
    assert_accessible(page)

    # 4. the coordinator introduces them
    switch_to(page, COORDINATOR)
    page.goto("/matchmaking/coordinate/")
    page.get_by_role("link", name=f"Giulia Bianchi (Marche) → {offer.title}").click()
    page.get_by_label("Move to").select_option(label="Introduced")
    page.get_by_role("button", name="Move on").click()
    expect(page.locator(".message-success")).to_contain_text("moved on")
    assert_accessible(page)

    # 5. the Marche member now sees BSMEPA's contact and asks for a B2B slot
    switch_to(page, MARCHE)
    page.goto("/matchmaking/interests/")
    assert_accessible(page)
    page.get_by_role("link", name=offer.title).click()
    expect(page.locator("main")).to_contain_text(BSMEPA)
    page.goto("/matchmaking/")
    page.get_by_role("link", name="WG3 matchmaking day").click()
    page.get_by_role("button", name="Ask Petar Ivanov to meet").click()
    expect(page.locator(".message-success")).to_contain_text("request was sent")
    assert_accessible(page)

    # 6. BSMEPA accepts; both download their agenda
    switch_to(page, BSMEPA)
    page.goto(f"/matchmaking/events/{event.pk}/")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".message-success")).to_contain_text("accepted")
    expect(page.get_by_role("region", name="My agenda")).to_contain_text("Giulia Bianchi")
    assert_accessible(page)
    for email, other in [(BSMEPA, "Giulia Bianchi"), (MARCHE, "Petar Ivanov")]:
        if email == MARCHE:
            switch_to(page, MARCHE)
            page.goto(f"/matchmaking/events/{event.pk}/")
            assert_accessible(page)
        with page.expect_download() as download:
            page.get_by_role("link", name="Download my agenda (.ics)").click()
        body = Path(download.value.path()).read_text(encoding="utf-8")
        assert f"SUMMARY:B2B meeting with {other}" in body
