"""Daily journeys on a 390 px phone, through the menu button: a member answers what needs
them, a WG coordinator decides a request to join, a stakeholder takes part in matchmaking.
axe-core on every page, no sideways scrolling, no CSP or JavaScript error; screenshots in
/tmp/shots16/."""
import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.factories import PASSWORD, ConsultationFactory, staff, stakeholder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots16"


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                  viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    yield page
    context.close()
    assert errors == [], f"JavaScript or CSP errors on the page: {errors}"


def check(page, name):
    """The page fits the phone, passes axe-core, and is kept as a screenshot."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{name}: the page is {width[0]} px wide on a 390 px phone"
    assert_accessible(page)


def open_menu_and_follow(page, name):
    menu_button = page.get_by_role("button", name="Menu")
    expect(menu_button).to_be_visible()
    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    page.locator("#site-menu").get_by_role("link", name=name, exact=True).click()


def test_member_answers_a_consultation_from_needs_you_and_the_menu(phone, people):
    consultation = ConsultationFactory(
        title="Cluster internationalisation priorities", owner=people.wg3_coordinator,
        working_group=people.wg3, audience="partners")
    log_in(phone, people.marche_member.email, PASSWORD)
    expect(phone).to_have_url(re.compile(r"/dashboard/$"))
    needs = phone.get_by_role("region", name="Needs you")
    expect(needs).to_contain_text(consultation.title)
    check(phone, "member-dashboard")
    needs.get_by_role("link", name=re.compile(consultation.title)).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(consultation.title)
    check(phone, "member-consultation")
    # back to the list through the menu button, then comment
    open_menu_and_follow(phone, "Consultations")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Consultations")
    check(phone, "member-consultations")
    phone.get_by_role("link", name=consultation.title).first.click()
    phone.get_by_role("textbox", name="Your comment").fill(
        "Marche would start with **data on exports**.")
    phone.get_by_role("button", name="Post comment").click()
    comments = phone.get_by_role("region", name=re.compile("Comments"))
    expect(comments.locator("strong", has_text="data on exports")).to_be_visible()
    check(phone, "member-commented")


def test_coordinator_decides_a_request_to_join_on_the_phone(phone, people):
    from workgroups import services

    veneto_admin = staff(people.veneto, role="admin", full_name="Sara Conte")
    services.join_request_create(wg=people.wg3, user=veneto_admin,
                                 message="Veneto runs three export clusters.")
    log_in(phone, people.wg3_coordinator.email, PASSWORD)
    needs = phone.get_by_role("region", name="Needs you")
    expect(needs).to_contain_text("Veneto")
    check(phone, "coordinator-dashboard")
    open_menu_and_follow(phone, "Working groups")
    check(phone, "coordinator-working-groups")
    phone.get_by_role("link", name=re.compile(r"^WG3")).first.click()
    requests = phone.get_by_role("region", name="Requests to join")
    expect(requests).to_contain_text("Veneto runs three export clusters.")
    check(phone, "coordinator-wg3-request")
    requests.get_by_role("button", name="Accept").click()
    expect(phone.locator(".messages, .message").first).to_contain_text("joined WG3")
    expect(phone.get_by_role("region", name="People")).to_contain_text("Veneto Region")
    check(phone, "coordinator-wg3-accepted")


def test_stakeholder_expresses_interest_in_an_opportunity_on_the_phone(phone, people):
    from matchmaking.models import Sector
    from tests.matchmaking.conftest import make_opportunity

    sector, _ = Sector.objects.get_or_create(code="C", defaults={"name": "Manufacturing"})
    offer = make_opportunity(people.marche_member, [sector],
                             title="Smart furniture design services")
    guest = stakeholder(email="milica@danube-cluster.example.org",
                        full_name="Milica Jovanovic", organisation="Danube Cluster Network")
    log_in(phone, guest.email, PASSWORD)
    expect(phone).to_have_url(re.compile(r"/dashboard/$"))
    check(phone, "stakeholder-dashboard")
    open_menu_and_follow(phone, "Matchmaking")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        re.compile("matchmaking", re.IGNORECASE))
    check(phone, "stakeholder-matchmaking")
    phone.get_by_role("link", name=offer.title).first.click()
    check(phone, "stakeholder-opportunity")
    phone.get_by_label("Your message to the coordinators").fill(
        "We make furniture in Novi Sad and look for design partners.")
    phone.get_by_role("button", name="Express interest").click()
    expect(phone.locator("main")).to_contain_text("Your interest was sent to the coordinators")
    check(phone, "stakeholder-interested")
