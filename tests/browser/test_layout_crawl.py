"""Every main page fits a phone and a desktop, for every persona.

For each persona (anonymous, member, partner admin, WG3 coordinator, stakeholder, platform
admin) on the demo data, the crawl visits the start page (the dashboard, or the home page)
and the pages its header menu and its main content link to (one or two of each kind of
URL). On each page, at 360 px and at 1280 px, it fails when the page scrolls sideways
(``scrollWidth > innerWidth``) and, at 1280 px, when the header is taller than 120 px.

One Chromium for the module (conftest) and one logged-in context per persona and width,
reused for every page of that persona.
"""
import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.conftest import ensure_wagtail_root

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES_PER_PERSONA = 14
PER_KIND = 1  # pages whose paths differ only by ids or slugs share a template
SKIP = re.compile(r"^/(cms|django-admin|admin|static|media|i18n|accounts/(logout|email|3rdparty)"
                  r"|api/docs)|/(download|export|feed|ics|unsubscribe|logo|preview|inline)"
                  r"(/|\.|$)|\.(ics|csv|json|zip|xml|pdf)$")
PERSONAS = {
    "anonymous": None,
    "member": "marche.member",
    "partner admin": "marche.admin",
    "WG3 coordinator": "wg3.coordinator",
    "stakeholder": "stakeholder",
    "platform admin": "admin",
}
MEASURE = """() => ({
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    header: document.querySelector('.site-header').getBoundingClientRect().height,
    wide: [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(-3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')),
})"""
LINKS = """() => [...document.querySelectorAll(
    '.site-header a[href]:not([download]), main a[href]:not([download])')].map(e => e.href)"""


def kind_of(path):
    """/partners/marche-region/ and /partners/bsmepa/ are one kind; so are /wg/3/ and /wg/4/."""
    parts = [p for p in path.split("/") if p]
    return "/".join([parts[0] if parts else ""] + [
        "#" if re.search(r"\d|-", p) else p for p in parts[1:]] + [str(len(parts))])


def session_cookie(live_server, key):
    from clusterpolisee.users.models import User

    client = Client()
    client.force_login(User.objects.get(email__startswith=f"{key}@"))
    host = urlsplit(live_server.url).hostname
    return [{"name": "sessionid", "value": client.cookies["sessionid"].value,
             "domain": host, "path": "/"}]


def pages_to_visit(page, origin, start):
    """The start page, then what its menu and content link to (one page per kind)."""
    page.goto(start)
    paths, kinds = [start], {kind_of(start)}
    for href in page.evaluate(LINKS):
        url = urlsplit(urljoin(page.url, href))
        kind = kind_of(url.path)
        if url.netloc != origin or SKIP.search(url.path) or kind in kinds:
            continue
        kinds.add(kind)
        paths.append(url.path)
    return paths[:PAGES_PER_PERSONA]


def test_every_main_page_fits_360_and_1280_px_for_every_persona(browser, live_server):
    ensure_wagtail_root()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
    origin = urlsplit(live_server.url).netloc
    problems, visited = [], 0
    for persona, key in PERSONAS.items():
        contexts = {width: browser.new_context(base_url=live_server.url, locale="en-GB",
                                               viewport={"width": width, "height": 800})
                    for width in (1280, 360)}
        if key:
            cookie = session_cookie(live_server, key)
            for context in contexts.values():
                context.add_cookies(cookie)
        wide, narrow = contexts[1280].new_page(), contexts[360].new_page()
        for path in pages_to_visit(wide, origin, "/dashboard/" if key else "/"):
            for width, page in ((1280, wide), (360, narrow)):
                response = page.goto(path)
                if response is None or response.status >= 400:
                    continue  # a page this persona may not open is not a layout question
                visited += width == 1280
                size = page.evaluate(MEASURE)
                if size["scroll"] > size["inner"]:
                    problems.append(f"{persona} {width}px {path}: {size['scroll']}px wide "
                                    f"{size['wide']}")
                if width == 1280 and size["header"] > 120:
                    problems.append(f"{persona} 1280px {path}: header "
                                    f"{size['header']:.0f}px tall")
        for context in contexts.values():
            context.close()
    assert visited >= 40, f"the crawl reached only {visited} pages"
    assert problems == [], "\n".join(problems)


NAV = """() => {
    const row = document.querySelector('.main-nav > ul');
    const more = document.querySelector('.nav-more');
    return {overflow: row.scrollWidth - row.clientWidth, inRow: row.querySelectorAll('a').length,
            inMore: more.hidden ? 0 : more.querySelectorAll('a').length,
            header: document.querySelector('.site-header').getBoundingClientRect().height};
}"""


def test_the_main_navigation_keeps_one_row_in_every_language_with_the_rest_under_more(
        browser, live_server, settings):
    """At 1280 px the links that do not fit the row, longer in Greek than in English, move
    into a "More" menu that opens from the keyboard; none is cut off or lost."""
    ensure_wagtail_root()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": 1280, "height": 800})
    context.add_cookies(session_cookie(live_server, "marche.member"))
    page = context.new_page()
    counts = set()
    for language, _name in settings.LANGUAGES:
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                              "url": live_server.url}])
        page.goto("/dashboard/")
        nav = page.evaluate(NAV)
        assert nav["overflow"] <= 0 and nav["header"] <= 120, (language, nav)
        counts.add(nav["inRow"] + nav["inMore"])
        if nav["inMore"]:
            page.focus(".nav-more summary")
            page.keyboard.press("Enter")
            assert page.locator(".nav-more .header-menu-panel a").first.is_visible()
            page.keyboard.press("Escape")
            assert not page.locator(".nav-more .header-menu-panel a").first.is_visible()
    assert len(counts) == 1, counts  # every language offers the same links
    context.close()
