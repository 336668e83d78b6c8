"""The good-practice library in the browser: a Marche member submits a practice, the
editor asks for changes in the Wagtail admin, the member resubmits, the editor approves,
a member of the advisory board writes the expert opinion in the portal and the practice
is published with it; a visitor finds it by full text and by facet; a partners-only
practice stays invisible.

The editor works in the real admin (/cms/), in a second browser context, after logging
in with the password and a TOTP code."""

import pytest
from playwright.sync_api import expect

from knowledge.models import GoodPracticePage, Menu, MenuItem
from knowledge.site import ensure_site_tree
from tests.browser.conftest import ARTIFACTS, assert_accessible, log_in, totp_code
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Marche innovation vouchers for cluster SMEs"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # tests.factories.with_totp


@pytest.fixture
def editor_page(browser, live_server, people):
    context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, "editor@example.org", PASSWORD)
    code = totp_code(TOTP_SECRET)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
    yield page
    context.close()


def _editor_decides(page, practice, action, comment=""):
    """Open the practice in the Wagtail admin and choose a workflow action from the
    action menu; "Request changes" opens Wagtail's modal for the comment."""
    page.goto(f"/cms/pages/{practice.pk}/edit/")
    page.wait_for_load_state("networkidle")  # the admin's scripts bind the buttons
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=action, exact=True).click()
    if comment:
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        dialog.get_by_label("Comment").fill(comment)
        dialog.locator("button[type=submit]").click()
    # Wagtail saves the page, applies the action and returns to the library's listing
    page.wait_for_url(f"**/cms/pages/{practice.get_parent().pk}/")
    expect(page.locator(".messages")).to_contain_text(practice.title)


def test_submit_review_publish_find_and_partners_only_stays_hidden(page, editor_page, people):
    home, library = ensure_site_tree()
    main_menu = Menu(slot="main", title="Main menu", locale=home.locale)
    main_menu.items.add(MenuItem(label="Good practices library", link_url="/library/"))
    main_menu.items.add(MenuItem(label="Partners directory", link_url="/partners/"))
    main_menu.save()
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
    _editor_decides(editor_page, practice, "Request changes", comment="Please add the budget.")
    page.reload()
    expect(page.locator("main")).to_contain_text("changes requested")
    expect(page.locator("main")).to_contain_text("Please add the budget.")
    page.get_by_role("link", name="Edit and resubmit").click()
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    page.get_by_label("Budget and resources").fill("EUR 1 million a year")
    page.get_by_role("button", name="Send the changes to the editors").click()
    expect(page.locator("main")).to_contain_text("with the editors")

    # the editor approves: the practice waits for an expert opinion, unpublished
    _editor_decides(editor_page, practice, "Approve")
    practice.refresh_from_db()
    assert not practice.live
    page.reload()
    expect(page.locator("main")).to_contain_text("waiting for an expert opinion")

    # a STAB member (BSMEPA leads WG3) finds the request and writes the opinion
    page.context.clear_cookies()
    log_in(page, "member@bsmepa.example.org", PASSWORD)
    page.goto("/dashboard/")
    page.get_by_role("region", name="Needs you").get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)
    page.goto("/library/opinions/")
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Expert opinion").fill("Easy to copy where labs are accredited.")
    page.get_by_role("button", name="Send the opinion and publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    practice.refresh_from_db()
    assert practice.live

    # an anonymous visitor reaches the library from the editors' menu, by keyboard, and
    # finds the practice by full text and by facet
    page.context.clear_cookies()
    page.goto("/")
    site_menu = page.get_by_role("navigation", name="Site")
    site_menu.get_by_role("link", name="Good practices library").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/library/")
    assert_accessible(page)
    library_search = page.get_by_role("search", name="Search the library")
    library_search.get_by_role("textbox", name="Search the library").fill("vouchers")
    library_search.get_by_role("button", name="Search", exact=True).click()
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
    opinion = page.get_by_role("region", name="Expert opinion")
    expect(opinion).to_contain_text("Easy to copy where labs are accredited.")
    expect(opinion).to_contain_text("Petar Ivanov")
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
