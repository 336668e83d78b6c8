"""The partner-workspace journey: invite, accept, upload, share with WG3, and isolation."""
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from clusterpolisee.core.pdf import simple_pdf
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invite_accept_upload_share_and_isolation(page, browser, live_server, people):
    # the Marche partner admin invites a colleague
    log_in(page, "admin@marche.example.org", PASSWORD)
    page.get_by_role("link", name="Manage your partner").click()
    page.get_by_label("E-mail address of the colleague").fill("sara@marche.example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".message-success")).to_contain_text("sara@marche.example.org")
    assert_accessible(page)
    link = re.search(r"https?://\S+/partners/invitations/\S+/", mail.outbox[-1].body).group(0)
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Log out").click()

    # the colleague accepts, creating an account
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Marche Region")
    assert_accessible(page)
    page.get_by_label("Your full name").fill("Sara Verdi")
    page.get_by_label(re.compile(r"^Password:?$")).fill("sara-strong-password-1")
    page.get_by_label("Password (again)").fill("sara-strong-password-1")
    page.get_by_role("button", name="Create account and join").click()
    expect(page.get_by_role("region", name="Your organisation")).to_contain_text("Marche Region")

    # uploads a document in the workspace
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Workspace").click()
    assert_accessible(page)
    page.get_by_role("link", name="Upload a document").click()
    page.get_by_label("Title").fill("Marche cluster mapping 2013")
    page.get_by_label("File").set_input_files(files=[{
        "name": "mapping.pdf", "mimeType": "application/pdf",
        "buffer": simple_pdf("Cluster mapping")}])
    assert_accessible(page)
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".message-success")).to_contain_text("private to your partner")
    document_url = page.url
    download_url = page.get_by_role("link", name=re.compile("Download mapping.pdf")
                                    ).get_attribute("href")

    # shares it with WG3
    page.get_by_role("link", name="Share").click()
    page.get_by_label("Shared with named partners and working groups").check()
    page.get_by_label("WG3: International cluster cooperation and networking").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save sharing").click()
    expect(page.locator(".message-success")).to_contain_text("Sharing saved")
    assert_accessible(page)

    # a BSMEPA member sees it among WG3's documents
    other = browser.new_context(base_url=live_server.url)
    bsmepa = other.new_page()
    log_in(bsmepa, "member@bsmepa.example.org", PASSWORD)
    bsmepa.goto("/documents/?wg=WG3")
    shared = bsmepa.get_by_role("link", name="Marche cluster mapping 2013", exact=True)
    expect(shared).to_be_visible()
    assert_accessible(bsmepa)
    shared.click()
    with bsmepa.expect_download() as download:
        bsmepa.get_by_role("link", name=re.compile("Download mapping.pdf")).click()
    assert download.value.suggested_filename == "mapping.pdf"
    other.close()

    # a Veneto member (not in WG3) gets 404 on the page and the download
    third = browser.new_context(base_url=live_server.url)
    veneto = third.new_page()
    log_in(veneto, "member@veneto.example.org", PASSWORD)
    assert veneto.goto(document_url).status == 404
    expect(veneto.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert veneto.request.get(live_server.url + download_url).status == 404
    veneto.goto("/documents/?scope=all")
    expect(veneto.locator("main")).not_to_contain_text("Marche cluster mapping 2013")
    third.close()
