"""Browser journeys of the portal shell: log in, dashboard, log out, languages, directory."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_sees_an_accessible_landing_page_and_directory(page, people):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Smarter cluster policies")
    assert_accessible(page)
    page.get_by_role("link", name="Partners", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner directory")
    page.get_by_role("combobox", name="Country").select_option("BG")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".partner-card")).to_have_count(1)
    expect(page.locator(".partner-card")).to_contain_text("Executive Agency")
    assert_accessible(page)
    page.locator(".partner-card a").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Executive Agency")
    assert_accessible(page)


def test_member_logs_in_sees_partner_and_wgs_then_logs_out(page, people):
    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/dashboard/"))
    assert_accessible(page)
    page.get_by_label("Email").fill("member@marche.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    organisation = page.get_by_role("region", name="Your organisation")
    expect(organisation).to_contain_text("Marche Region")
    expect(organisation).to_contain_text("Member")
    groups = page.get_by_role("region", name="Your working groups")
    expect(groups).to_contain_text("WG3")
    expect(groups).not_to_contain_text("WG2")
    assert_accessible(page)
    # keyboard: the user menu opens with Enter and logging out works from it
    page.locator(".user-menu summary").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_wrong_password_shows_a_clear_message(page, people):
    log_in(page, "member@marche.example.org", "not-my-password")
    expect(page.locator("main")).to_contain_text(
        "The email address and/or password you specified are not correct.")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert_accessible(page)


def test_language_switch_to_bulgarian_shows_bulgarian_ui(page, people):
    log_in(page, "member@veneto.example.org", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    page.locator(".language-menu summary").click()
    page.get_by_label("Language").select_option("bg")
    page.get_by_role("button", name="Change language").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Добре дошли")
    expect(page.locator("html")).to_have_attribute("lang", "bg")
    expect(page.get_by_role("navigation", name="Основна")).to_contain_text("Партньори")
    assert_accessible(page)
    people.veneto_member.refresh_from_db()
    assert people.veneto_member.language == "bg"


def test_partner_admin_edits_the_profile_and_others_get_not_found(page, people):
    log_in(page, "admin@marche.example.org", PASSWORD)
    page.get_by_role("link", name="Manage your partner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage Marche Region")
    expect(page.get_by_role("region", name="Staff")).to_contain_text("member@marche.example.org")
    assert_accessible(page)
    page.get_by_label("Website").fill("not a url")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("main")).to_contain_text("Enter a valid URL")
    page.get_by_label("Website").fill("https://www.regione.marche.it")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".message-success")).to_contain_text("saved")
    page.goto("/dashboard/")
    expect(page.get_by_role("region", name="Recent activity")).to_contain_text(
        "updated the partner profile of Marche Region")
    response = page.goto("/partners/veneto-region/manage/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)
