"""The API token page and the API docs in Chromium, at 1280 and 390 px, with axe-core on the
token page (Swagger UI is a vendored third-party page)."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, assert_accessible, log_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_member_creates_sees_once_and_revokes_a_token_at_desktop_and_phone_width(page,
                                                                                   people):
    log_in(page, people.marche_member.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("summary", has_text=people.marche_member.get_short_name()).click()
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    page.get_by_label("Name").fill("Regional reporting system")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_label("Token").input_value()
    assert secret.startswith("cps_")
    assert_accessible(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "api_tokens_1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    no_sideways_scrolling(page)
    page.screenshot(path=str(ARTIFACTS / "api_tokens_390.png"), full_page=True)
    response = page.request.get("/api/v1/notifications/",
                                headers={"Authorization": f"Bearer {secret}"})
    assert response.status == 200
    page.reload()
    expect(page.get_by_label("Token")).to_have_count(0)
    page.get_by_role("button", name="Revoke Regional reporting system").click()
    expect(page.get_by_text("was revoked")).to_be_visible()
    assert_accessible(page)
    assert page.request.get("/api/v1/notifications/", headers={
        "Authorization": f"Bearer {secret}"}).status == 401


def test_the_api_docs_render_from_our_own_origin(page, people, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .title")).to_contain_text("ClusterPoliSEE API")
    expect(page.get_by_text("/api/v1/practices/").first).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "api_docs_1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "api_docs_390.png"))
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
