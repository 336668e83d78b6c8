"""Phone and desktop journeys through "Needs you" and the header's search box, as a member,
a coordinator and a stakeholder; screenshots at 1280 and 390 px go to test-artifacts."""
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Comment, Flag
from partners import services as partner_services
from partners.models import Document
from tests.browser.conftest import ARTIFACTS, assert_accessible, switch_to
from tests.factories import ConsultationFactory
from tests.partners.conftest import pdf_upload
from workgroups import services as wg_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONAS = {"member": "member@marche.example.org", "coordinator": "wg3@bsmepa.example.org",
            "stakeholder": "someone@cluster.example.org"}


def _data(people):
    document = partner_services.document_create(
        partner=people.marche, user=people.marche_member, title="Innovation vouchers review",
        upload=pdf_upload())
    partner_services.document_share(document=document, user=people.marche_member,
                                    visibility=Document.Visibility.PUBLIC)
    wg_services.topic_create(wg=people.wg3, user=people.marche_member,
                             title="Voucher schemes we could share",
                             body="Our **voucher** call:\n\n- 40 firms\n- 3 clusters")
    consultation = ConsultationFactory(title="Matchmaking themes for 2027",
                                       owner=people.wg3_coordinator,
                                       closes_at=timezone.now() + timedelta(days=4))
    comment = Comment.objects.create(consultation=consultation, author=people.marche_member,
                                     body="More vouchers, please",
                                     body_html="<p>More vouchers, please</p>")
    Flag.objects.create(comment=comment, user=people.bsmepa_member, reason="off topic")


def _shots(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_needs_you_and_search_on_a_phone(page, people, persona):
    _data(people)
    page.set_viewport_size({"width": 390, "height": 844})
    switch_to(page, PERSONAS[persona])
    page.goto("/dashboard/")
    needs = page.get_by_role("region", name="Needs you")
    expect(needs).to_be_visible()
    if persona == "coordinator":
        expect(needs).to_contain_text("1 flagged comment waits in the moderation queue")
        expect(needs).to_contain_text("Matchmaking themes for 2027")
    elif persona == "member":
        expect(needs).to_contain_text("Matchmaking themes for 2027")
        expect(needs).not_to_contain_text("flagged")
    else:
        expect(needs).to_contain_text("Nothing waits for you right now.")
        expect(page.get_by_role("region", name="Your working groups")).to_have_count(0)
    box = needs.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert_accessible(page)
    _shots(page, f"dashboard-{persona}")

    page.get_by_label("Search the portal").fill("voucher")
    page.get_by_label("Search the portal").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    documents = page.get_by_role("region", name="Documents (1)")
    expect(documents.locator("mark").first).to_have_text("vouchers")
    topics = page.get_by_role("region", name="WG discussions (1)")
    if persona == "stakeholder":
        expect(topics).to_have_count(0)
        expect(page.locator("main")).not_to_contain_text("More vouchers, please")
    else:
        expect(topics).to_contain_text("Voucher schemes we could share")
    assert_accessible(page)
    _shots(page, f"search-{persona}")
    width = page.evaluate("document.querySelector('.search-layout').scrollWidth")
    assert width <= 390
