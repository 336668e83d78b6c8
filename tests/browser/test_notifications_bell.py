"""Browser journey: the bell counts unread notifications; the list marks them read (htmx)."""
import re

import pytest
from playwright.sync_api import expect

from clusterpolisee.core.models import Activity
from clusterpolisee.core.services import activity_record
from tests.browser.conftest import ARTIFACTS, assert_accessible, log_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bell_counts_unread_and_the_list_marks_read_in_place(page, people):
    # recorded outside a transaction: the fan-out runs (eagerly) on commit
    activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                    target=people.marche, partner=people.marche)
    activity_record(actor=people.bsmepa_member, verb="partner.profile_updated",
                    target=people.bsmepa, working_group=people.wg3,
                    visibility=Activity.Visibility.WORKING_GROUP)
    activity_record(actor=people.veneto_member, verb="partner.profile_updated",
                    target=people.veneto, partner=people.veneto)  # not for Marche
    log_in(page, "member@marche.example.org", PASSWORD)
    bell = page.locator("#notification-bell")
    expect(bell.locator(".bell-count")).to_have_text("2")
    expect(page.get_by_role("link", name=re.compile(r"Notifications\s+2\s+unread"))).to_be_visible()
    bell.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    items = page.locator(".notification")
    expect(items).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Veneto Region")
    assert_accessible(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "notifications_list_unread.png"), full_page=True)

    url = page.url
    page.get_by_role("button", name=re.compile(r"Mark as read\W+Executive Agency")).click()
    expect(page.locator(".notification-unread")).to_have_count(1)
    expect(bell.locator(".bell-count")).to_have_text("1")
    assert page.url == url  # updated in place by htmx, no reload

    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator(".notification-unread")).to_have_count(0)
    expect(bell.locator(".bell-count")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Marche Region").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Marche Region")


def test_preferences_page_is_accessible_and_saves(page, people):
    log_in(page, "member@veneto.example.org", PASSWORD)
    page.goto("/notifications/preferences/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification preferences")
    assert_accessible(page)
    page.get_by_role("combobox", name="Working-group discussions").select_option("weekly")
    page.get_by_role("group", name="Public news").get_by_label("Good practices").check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator(".message-success")).to_contain_text("saved")
    expect(page.get_by_role("combobox", name="Working-group discussions")).to_have_value("weekly")
    expect(page.get_by_role("group", name="Public news").get_by_label("Good practices")
           ).to_be_checked()
    assert_accessible(page)
