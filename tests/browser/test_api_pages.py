"""The API's two pages in Chromium: a member creates a token, reads it once, uses it
against the API, revokes it; Swagger UI loads from our own origin under the CSP."""
import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, assert_accessible, log_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_member_creates_uses_and_revokes_a_token_and_reads_the_docs(page, people, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, people.marche_member.email, PASSWORD)
    page.goto("/accounts/api-tokens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    page.get_by_label("Name").fill("Regional dashboard")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_role("textbox", name="Token", exact=True).input_value()
    assert len(secret) > 30
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"api-tokens-{width}.png"), full_page=True)

    api = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert api.get("/api/v1/partners/", **auth).status_code == 200

    page.goto("/accounts/api-tokens/")
    # the secret is shown only once
    expect(page.get_by_role("textbox", name="Token", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Revoke Regional dashboard").click()
    assert api.get("/api/v1/partners/", **auth).status_code == 401

    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("ClusterPoliSEE")
    expect(page.locator(".opblock-tag").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"api-docs-{width}.png"))
