"""Co-drafting the Joint Strategic Plan: draft, comment, amend, accept, diff, adopt, export."""
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from strategies import services
from strategies.models import StrategyDocument, Version
from tests.browser.conftest import ARTIFACTS, assert_accessible, log_in, switch_to
from tests.factories import PASSWORD
from tests.strategies.conftest import cast, voters  # noqa: F401 - the strategies cast
from workgroups import services as governance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shoot(page, name):
    """The page at desktop and phone width; at 390 px nothing scrolls sideways."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"strategies-{name}-{width}.png"), full_page=True)
        if width == 390:
            assert page.evaluate("document.documentElement.scrollWidth <= 391"), name
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_wp6_lead_drafts_partners_amend_and_the_sc_adopts_the_plan(page, cast, voters):  # noqa: F811
    document = services.document_create(user=cast.marche_member, title="Joint Strategic Plan",
                                        kind="joint_strategic_plan", work_package=cast.wp6,
                                        deliverable=cast.d61)
    # the WP6 lead drafts a chapter
    log_in(page, "member@marche.example.org", PASSWORD)
    page.goto("/strategies/")
    assert_accessible(page)
    page.get_by_role("link", name="Joint Strategic Plan").click()
    page.get_by_role("link", name="Add a chapter").click()
    page.get_by_label("Chapter title").fill("Vision")
    page.get_by_label("Text").fill("Regions learn from each other.\n\n"
                                   "Clusters shape the policies that serve them.")
    assert_accessible(page)
    page.get_by_role("button", name="Save chapter").click()
    expect(page.locator(".message-success")).to_contain_text("version 1")
    page.get_by_role("link", name="Open a comment phase").click()
    assert_accessible(page)
    page.get_by_role("button", name="Open the comment phase").click()
    expect(page.locator(".message-success")).to_contain_text("comment phase is open")

    # a Veneto member comments on paragraph 2 and proposes an amendment
    switch_to(page, "member@veneto.example.org")
    page.goto(document.get_absolute_url())
    page.get_by_role("link", name="0 comments on 1.2").click()
    page.get_by_label("Your comment").fill("Which clusters?")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".message-success")).to_contain_text("comment was posted")
    assert_accessible(page)
    page.get_by_role("link", name="Propose an amendment").click()
    page.get_by_label("Proposed wording").fill(
        "Clusters and their members shape the policies that serve them.")
    page.get_by_label("Reason").fill("Members matter as much as cluster managers.")
    assert_accessible(page)
    _shoot(page, "amendment-form")
    page.get_by_role("button", name="Propose amendment").click()
    expect(page.locator(".message-success")).to_contain_text("was proposed")

    # a BSMEPA member supports it
    switch_to(page, "member@bsmepa.example.org")
    page.goto(document.get_absolute_url())
    expect(page.get_by_role("link", name="1 comment on 1.2")).to_be_visible()
    page.get_by_role("link", name="1 comment on 1.2").click()
    page.get_by_role("button", name="Support this amendment").click()
    expect(page.locator(".message-success")).to_contain_text("support the amendment")

    # the editor accepts it, and the version diff shows the change
    switch_to(page, "member@marche.example.org")
    page.goto(document.get_absolute_url())
    assert_accessible(page)
    _shoot(page, "document")
    page.get_by_role("link", name="1 comment on 1.2").click()
    expect(page.locator("#amendments")).to_contain_text("1 supporter")
    page.get_by_label("Reply to the author").fill("Agreed, thank you.")
    page.get_by_role("button", name="Accept amendment").click()
    expect(page.locator(".message-success")).to_contain_text("version 2")
    page.get_by_role("link", name="See the change").click()
    expect(page.locator("ins")).to_contain_text(["and their members"])
    assert_accessible(page)
    _shoot(page, "diff")

    # the editor puts the version to an SC vote; partners vote
    page.goto(f"/strategies/{document.pk}/versions/")
    page.get_by_label("Voting deadline").fill(
        (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))
    assert_accessible(page)
    page.get_by_role("button", name="Put to the vote").click()
    expect(page.locator(".message-success")).to_contain_text("frozen")
    decision = Version.objects.get(document=document, number=2).decision
    for voter in voters[1:]:
        governance.vote_cast(decision=decision, user=voter, choice="yes")
    switch_to(page, "admin@marche.example.org")
    page.goto(decision.get_absolute_url())
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Cast the vote").click()
    expect(page.locator(".outcome")).to_have_text("Adopted")

    # the adopted version is frozen and exported
    page.goto(document.get_absolute_url())
    expect(page.locator("main")).to_contain_text("adopted by the Steering Committee")
    page.get_by_role("link", name="Version 2, adopted by the Steering Committee").click()
    expect(page.locator("main")).to_contain_text("this version is frozen")
    assert_accessible(page)
    page.get_by_role("link", name="Print version").click()
    expect(page.locator("main")).to_contain_text("Clusters and their members shape")
    expect(page.locator(".log")).to_contain_text("Luca Ferrari")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Word (DOCX)").click()
    assert download.value.suggested_filename == "joint-strategic-plan-v2.docx"
    assert StrategyDocument.objects.get(pk=document.pk).versions.get(number=2).state == \
        "adopted"
