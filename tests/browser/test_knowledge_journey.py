"""The good-practice library in the browser: a Marche member submits a practice, the
editor asks for changes, the member resubmits, the editor approves and it is published;
a visitor finds it by full text and by facet; a partners-only practice stays invisible.

The editor's two decisions are taken with Wagtail's workflow API here (the same
``on_action`` the admin's buttons call); tests/knowledge/test_submission.py drives the
admin's workflow-action URL with the editor's login."""
import pytest
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from knowledge.models import GoodPracticePage
from knowledge.site import ensure_site_tree
from tests.browser.conftest import ARTIFACTS, assert_accessible, log_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Marche innovation vouchers for cluster SMEs"


def _editor_decides(practice, editor, action, comment=""):
    state = WorkflowState.objects.for_instance(practice).get(status__in=["in_progress"])
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, action, comment=comment)


def test_submit_review_publish_find_and_partners_only_stays_hidden(page, people):
    library = ensure_site_tree()[1]
    hidden = library.add_child(instance=GoodPracticePage(
        title="Confidential voucher notes", slug="confidential-voucher-notes",
        summary="Internal notes on vouchers.", partner=people.veneto,
        country=people.veneto.country, visibility=GoodPracticePage.Visibility.PARTNERS))

    # a Marche member submits a practice through the portal form
    log_in(page, "member@marche.example.org", PASSWORD)
    page.goto("/library/submit/")
    assert_accessible(page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill("Small vouchers let cluster SMEs buy R&D services.")
    page.get_by_label("Full description").fill("Firms apply with one page; labs deliver.")
    page.get_by_label("Country").select_option(label="Italy")
    page.get_by_label("WG3: International cluster cooperation and networking").check()
    page.get_by_label("Latitude").fill("43.61667")
    page.get_by_label("Longitude").fill("13.51667")
    page.get_by_role("button", name="Send to the editors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("with the editors")
    assert_accessible(page)

    # the editor requests changes; the member sees the comment, edits and resubmits
    practice = GoodPracticePage.objects.get(title=TITLE)
    _editor_decides(practice, people.cms_editor, "reject", comment="Please add the budget.")
    page.reload()
    expect(page.locator("main")).to_contain_text("changes requested")
    expect(page.locator("main")).to_contain_text("Please add the budget.")
    page.get_by_role("link", name="Edit and resubmit").click()
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    page.get_by_label("Budget and resources").fill("EUR 1 million a year")
    page.get_by_role("button", name="Send the changes to the editors").click()
    expect(page.locator("main")).to_contain_text("with the editors")

    # the editor approves: the workflow publishes the page
    _editor_decides(practice, people.cms_editor, "approve")
    practice.refresh_from_db()
    assert practice.live

    # an anonymous visitor finds it by full text and by facet
    page.context.clear_cookies()
    page.goto("/library/")
    page.get_by_role("textbox", name="Search the library").fill("vouchers")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".practice-card")).to_have_count(1)
    expect(page.locator(".practice-card")).to_contain_text(TITLE)
    assert_accessible(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "knowledge_library_search.png"), full_page=True)
    page.goto("/library/")
    page.get_by_role("navigation", name="Working group").get_by_role("link", name="WG3").click()
    expect(page.locator(".practice-card")).to_contain_text(TITLE)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".coordinates")).to_contain_text("43.61667")
    expect(page.locator("main")).to_contain_text("EUR 1 million a year")
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / "knowledge_practice_page.png"), full_page=True)

    # the partners-only practice is invisible to the visitor everywhere
    page.goto("/library/")
    expect(page.locator("main")).not_to_contain_text("Confidential voucher notes")
    page.goto("/library/?q=vouchers")
    expect(page.locator("main")).not_to_contain_text("Confidential voucher notes")
    export = page.request.get("/library/export.json").text()
    assert TITLE in export and "Confidential voucher notes" not in export
    page.goto(hidden.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    assert "/accounts/login/?next=" in page.url
