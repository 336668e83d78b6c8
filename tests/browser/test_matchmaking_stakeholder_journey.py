"""WG3 matchmaking for an approved stakeholder organisation: a Serbian cluster association
submits an offer that BSMEPA's WG3 coordinator publishes, expresses interest in a Marche
request, and is introduced; a stakeholder still awaiting approval is told so."""
import pytest
from playwright.sync_api import expect

from matchmaking.models import Sector
from tests.browser.conftest import assert_accessible, log_in, switch_to
from tests.factories import PASSWORD, stakeholder
from tests.matchmaking.conftest import make_opportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASSOCIATION = "milica@danube-cluster.example.org"
COORDINATOR = "wg3@bsmepa.example.org"
MARCHE = "member@marche.example.org"


def test_stakeholder_offer_moderated_interest_introduced(page, people):
    ict = Sector.objects.get_or_create(code="J", defaults={
        "name": "Information and communication"})[0]
    stakeholder(email=ASSOCIATION, full_name="Milica Jovanovic",
                organisation="Danube Cluster Network")
    stakeholder(approved=False, email="pending@cluster.example.org")
    request = make_opportunity(people.marche_member, [ict], direction="request",
                               title="ICT partners for smart furniture manufacturing")

    # 0. a stakeholder awaiting approval sees no link and is told why
    log_in(page, "pending@cluster.example.org", PASSWORD)
    expect(page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Matchmaking")).to_have_count(0)
    page.goto("/matchmaking/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your registration is awaiting approval")
    assert_accessible(page)

    # 1. the approved stakeholder keeps a profile and submits an offer
    switch_to(page, ASSOCIATION)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Matchmaking").click()
    assert_accessible(page)
    page.get_by_role("link", name="Create our profile").click()
    expect(page.locator("main")).to_contain_text("The profile of Danube Cluster Network.")
    page.get_by_label("J: Information and communication").check()
    page.get_by_label("What we offer").fill("Software houses for furniture makers.")
    page.get_by_label("Contact persons").fill("Milica Jovanovic, +381 21 000 000")
    assert_accessible(page)
    page.get_by_role("button", name="Save the profile").click()
    expect(page.locator(".message-success")).to_contain_text("profile was saved")
    assert_accessible(page)
    page.goto("/matchmaking/opportunities/new/")
    page.get_by_label("Offer", exact=True).check()
    page.get_by_label("Kind").select_option(label="Technology or know-how")
    page.get_by_label("Title").fill("Smart-factory software from Novi Sad")
    page.get_by_label("Description").fill("ICT cluster members offer smart manufacturing "
                                          "software to furniture clusters.")
    page.get_by_label("J: Information and communication").check()
    page.get_by_role("button", name="Submit for moderation").click()
    expect(page.locator(".message-success")).to_contain_text("submitted")
    assert_accessible(page)

    # 2. the WG3 coordinator publishes it
    switch_to(page, COORDINATOR)
    page.goto("/matchmaking/coordinate/")
    page.get_by_role("region", name="Opportunities to moderate").get_by_role(
        "link", name="Smart-factory software from Novi Sad").click()
    expect(page.locator("main")).to_contain_text("Danube Cluster Network")
    page.get_by_label("Publish").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".message-success")).to_contain_text("decision was recorded")

    # 3. the stakeholder sees the Marche request among its suggestions and is interested
    switch_to(page, ASSOCIATION)
    page.goto("/matchmaking/")
    page.get_by_role("complementary").get_by_role(
        "link", name="Smart-factory software from Novi Sad").click()
    suggestions = page.get_by_role("region", name="Suggested matches from other countries")
    expect(suggestions).to_contain_text("they seek what you offer")
    expect(page.locator("main")).not_to_contain_text("Coordinator's tools")
    assert_accessible(page)
    suggestions.get_by_role("link", name=request.title).click()
    page.get_by_label("Your message to the coordinators").fill("Our members can help.")
    page.get_by_role("button", name="Express interest").click()
    expect(page.locator(".message-success")).to_contain_text("sent to the coordinators")
    expect(page.locator("main")).not_to_contain_text(MARCHE)
    assert_accessible(page)

    # 4. the coordinator introduces them
    switch_to(page, COORDINATOR)
    page.goto("/matchmaking/coordinate/")
    page.get_by_role("link", name=f"Milica Jovanovic (Danube Cluster Network) → "
                                  f"{request.title}").click()
    page.get_by_label("Move to").select_option(label="Introduced")
    page.get_by_role("button", name="Move on").click()
    expect(page.locator(".message-success")).to_contain_text("moved on")

    # 5. both sides now see each other's contact
    switch_to(page, ASSOCIATION)
    page.goto("/matchmaking/interests/")
    assert_accessible(page)
    page.get_by_role("link", name=request.title).click()
    expect(page.locator("main")).to_contain_text(MARCHE)
    assert_accessible(page)
    switch_to(page, MARCHE)
    page.goto("/matchmaking/interests/")
    page.get_by_role("link", name=request.title).click()
    expect(page.locator("main")).to_contain_text(ASSOCIATION)
    expect(page.locator("main")).to_contain_text("+381 21 000 000")
    assert_accessible(page)
