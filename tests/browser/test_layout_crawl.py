"""Every page fits a phone and a desktop: a bounded crawl of the demo site as each persona.

From the persona's start page the crawl follows same-origin links (breadth first, at most a
few pages per kind of URL) and, on each page, at 360 px and at 1280 px, fails when the page
scrolls sideways (``scrollWidth > innerWidth``) or, on the desktop, when the header is taller
than 120 px. axe-core runs on every crawled page at the desktop width.
"""
import io
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.browser.conftest import AXE
from tests.conftest import ensure_wagtail_root

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES_PER_PERSONA = 10
PER_KIND = 2  # pages whose paths differ only by ids/slugs share a template
SKIP = re.compile(r"^/(cms|django-admin|admin|static|media|i18n|accounts/(logout|email|3rdparty))"
                  r"|/(download|export|feed|ics|unsubscribe|logo|preview)(/|\.|$)|\.(ics|csv|json)$")
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
    wide: [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')),
})"""


def kind_of(path):
    """/partners/marche-region/ and /partners/bsmepa/ are one kind; so are /wg/3/ and /wg/4/."""
    parts = [p for p in path.split("/") if p]
    return "/".join([parts[0] if parts else ""] + [
        "#" if re.search(r"\d|-", p) else p for p in parts[1:]] + [str(len(parts))])


def session_cookie(live_server, email):
    from clusterpolisee.users.models import User

    client = Client()
    client.force_login(User.objects.get(email__startswith=f"{email}@"))
    host = urlsplit(live_server.url).hostname
    return [{"name": "sessionid", "value": client.cookies["sessionid"].value,
             "domain": host, "path": "/"}]


def crawl(page, start):
    """Visit up to PAGES_PER_PERSONA same-origin pages from ``start``; yield each path."""
    origin = urlsplit(page.url or start).netloc
    queue, seen, kinds, visited = deque([start]), {start}, {}, []
    while queue and len(visited) < PAGES_PER_PERSONA:
        path = queue.popleft()
        response = page.goto(path)
        if response is None or response.status >= 400 or urlsplit(page.url).path != path:
            continue  # a redirect (login) or a page this persona may not see
        visited.append(path)
        yield path
        hrefs = page.eval_on_selector_all("a[href]:not([download])", "els => els.map(e => e.href)")
        for href in hrefs:
            url = urlsplit(urljoin(page.url, href))
            if url.netloc != origin or url.query or SKIP.search(url.path) or url.path in seen:
                continue
            kind = kind_of(url.path)
            if kinds.get(kind, 0) >= PER_KIND:
                continue
            kinds[kind] = kinds.get(kind, 0) + 1
            seen.add(url.path)
            queue.append(url.path)


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})")
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def test_every_crawled_page_fits_360_and_1280_px_for_every_persona(browser, live_server):
    ensure_wagtail_root()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
    problems, visited = [], 0
    for persona, key in PERSONAS.items():
        desktop = browser.new_context(base_url=live_server.url, locale="en-GB",
                                      viewport={"width": 1280, "height": 900})
        phone = browser.new_context(base_url=live_server.url, locale="en-GB",
                                    viewport={"width": 360, "height": 780})
        if key:
            cookie = session_cookie(live_server, key)
            desktop.add_cookies(cookie)
            phone.add_cookies(cookie)
        wide, narrow = desktop.new_page(), phone.new_page()
        for path in crawl(wide, "/dashboard/" if key else "/"):
            visited += 1
            size = wide.evaluate(MEASURE)
            if size["scroll"] > size["inner"]:
                problems.append(f"{persona} 1280px {path}: {size['scroll']}px wide {size['wide']}")
            if size["header"] > 120:
                problems.append(f"{persona} 1280px {path}: header {size['header']:.0f}px tall")
            for rule, nodes in axe_violations(wide):
                problems.append(f"{persona} {path}: axe {rule} {nodes}")
            narrow.goto(path)
            size = narrow.evaluate(MEASURE)
            if size["scroll"] > size["inner"]:
                problems.append(f"{persona} 360px {path}: {size['scroll']}px wide {size['wide']}")
        desktop.close()
        phone.close()
    assert visited >= 30, f"the crawl reached only {visited} pages"
    assert problems == [], "\n".join(problems)
