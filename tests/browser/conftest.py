"""Playwright against live_server, driving Debian's Chromium; axe-core on every page."""
import json
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


# One Chromium per test module, not per session: Playwright's sync API keeps an asyncio
# loop running in the thread while it is started, and a later non-browser test in the same
# xdist worker that goes through async_to_sync (the health checks do) would then fail.
@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request, settings):
    # e-mails and exports link to the configured address (core.address.site_url): here,
    # the live server the browser talks to
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # every journey also proves the Content-Security-Policy: anything it blocks on our
    # pages (an inline script or style, a foreign origin) is reported on the console
    page.on("console", lambda msg: errors.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def assert_accessible(page):
    """Run axe-core on the current page; any WCAG A/AA violation fails the test."""
    # evaluated by the test driver, not as a <script>: the page's CSP rightly refuses
    # inline scripts
    page.evaluate(AXE.read_text() + "\n;0")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    violations = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], f"axe-core on {page.url}: {json.dumps(violations, indent=1)}"


def totp_code(secret="JBSWY3DPEHPK3PXP"):  # tests.factories.with_totp
    """The current TOTP code, taken with at least 8 s of its 30 s window left, so that a
    slow click does not send it in the next window (allauth accepts the current one only)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if 30 - time.time() % 30 < 8:
        time.sleep(30 - time.time() % 30 + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in(page, email, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Log in").click()


def switch_to(page, email, password=None):
    """Log out whoever is logged in in this browser context and log ``email`` in."""
    from tests.factories import PASSWORD

    page.context.clear_cookies()
    log_in(page, email, password or PASSWORD)
