"""Property-based bad input (hypothesis): generated values — huge and tiny dates and
numbers, long strings, control characters (NUL bytes), odd unicode — posted to every form
a persona can reach and put into every URL parameter. Nothing answers 5xx, and a refused
form leaves no row behind.

Deterministic (``derandomize=True``, no example database) and bounded: a few examples per
form and per URL pattern, so the whole module runs in a few minutes on a busy machine."""
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import pytest
from django.apps import apps
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ConsultationFactory, stakeholder

pytestmark = pytest.mark.django_db

EXAMPLES_PER_FORM = 4
EXAMPLES_PER_URL = 1  # per URL pattern, on average: each draws its route
CRAWL_LIMIT = 45
PERSONAS = [None, "marche_member", "wg3_coordinator", "approved_stakeholder",
            "platform_admin"]
# Not part of the product (Wagtail's and Django's own admin, allauth's account pages), or
# a form that would end the persona's session half-way through the test.
SKIP_PREFIXES = ("/cms/", "/django-admin/", "/accounts/", "/i18n/", "/static/", "/media/",
                 "/cms-documents/")
APP_LABELS = {"core", "users", "partners", "workgroups", "knowledge", "consultations",
              "matchmaking", "notifications"}


def bounded(max_examples: int):
    """Deterministic, no example database, no deadline (the machine is shared)."""
    return settings(max_examples=max_examples, derandomize=True, database=None,
                    deadline=None, print_blob=False, suppress_health_check=list(HealthCheck))

ODD_TEXT = st.one_of(
    st.text(max_size=40),  # any code point: NUL, CR/LF, surrogates left out by hypothesis
    st.sampled_from(["\x00", "a\x00b", "line\r\nBcc: x@example.org", "\u202egnp.exe",
                     "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧪", "ー" * 300, "x" * 5000, " ", "<script>alert(1)</script>",
                     "=HYPERLINK(1)", "../../etc/passwd", "%00", "\ud7ff\ufffe"]),
)
NUMBERS = st.one_of(st.integers(min_value=-10**25, max_value=10**25).map(str),
                    st.sampled_from(["1e308", "-0", "NaN", "inf", "2147483648",
                                     "9223372036854775808", "0x10", "1,5", ""]))
DATES = st.sampled_from(["0001-01-01", "9999-12-31", "0000-00-00", "2026-02-30",
                         "99999-01-01", "1899-12-31", "-1-01-01", "2026-13-01", ""])
DATETIMES = st.sampled_from(["0001-01-01T00:00", "9999-12-31T22:00", "9999-12-31T23:59",
                             "2026-02-30T10:00", "10000-01-01T00:00", "2026-01-01T25:61",
                             "1900-01-01T00:00", ""])
GARBAGE_CHOICE = st.sampled_from(["", "9" * 20, "-1", "\x00", "zz", "0"])


# --- reading forms out of pages ---------------------------------------------------------

class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.links, self._form, self._select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(),
                          "action": attrs.get("action") or "", "fields": {}}
        elif self._form is None:
            return
        elif tag in ("input", "textarea") and attrs.get("name"):
            kind = attrs.get("type", "text") if tag == "input" else "textarea"
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            field = self._form["fields"].setdefault(
                attrs["name"], {"kind": kind, "options": [], "value": attrs.get("value", "")})
            if kind in ("checkbox", "radio"):
                field["options"].append(attrs.get("value", "on"))
        elif tag == "select" and attrs.get("name"):
            self._select = self._form["fields"].setdefault(
                attrs["name"], {"kind": "select", "options": [], "value": "",
                                "multiple": "multiple" in attrs})
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _parse(html: str) -> _Forms:
    parser = _Forms()
    parser.feed(html)
    return parser


def _strategy(name, field):
    kind, options = field["kind"], field["options"]
    if name == "csrfmiddlewaretoken":
        return st.just(field["value"])
    if kind == "date" or name.endswith(("_date", "date", "deadline")) and kind != "select":
        return st.one_of(DATES, ODD_TEXT)
    if kind == "datetime-local" or name.endswith("_at"):
        return st.one_of(DATETIMES, ODD_TEXT)
    if kind == "number":
        return st.one_of(NUMBERS, ODD_TEXT)
    if kind in ("select", "radio"):
        if field.get("multiple"):
            return st.lists(st.one_of(st.sampled_from(options or [""]), GARBAGE_CHOICE),
                            max_size=3)
        return st.one_of(st.sampled_from(options or [""]), GARBAGE_CHOICE)
    if kind == "checkbox":
        return st.lists(st.one_of(st.sampled_from(options or ["on"]), GARBAGE_CHOICE),
                        max_size=3)
    if kind == "hidden":
        return st.one_of(st.just(field["value"]), NUMBERS, ODD_TEXT)
    return st.one_of(ODD_TEXT, NUMBERS, DATES)


def _strip_nul_free(values):
    # the test client encodes values as multipart; a lone surrogate cannot be encoded
    # by any client at all, so it is not input a server can receive
    def clean(value):
        return value.encode("utf-8", "replace").decode("utf-8") if isinstance(value, str) \
            else [clean(v) for v in value]
    return {key: clean(value) for key, value in values.items()}


# --- the world the personas live in -------------------------------------------------------

@pytest.fixture
def world(people, library, make_practice):
    from partners import services as partner_services
    from tests.partners.conftest import pdf_upload
    from workgroups.models import Event

    people.approved_stakeholder = stakeholder(email="approved@cluster.example.org")
    ConsultationFactory(owner=people.wg3_coordinator, working_group=people.wg3,
                        audience="stakeholders", state="open",
                        opens_at=timezone.now() - timedelta(days=1),
                        closes_at=timezone.now() + timedelta(days=9))
    make_practice(title="Vouchers")
    partner_services.document_create(partner=people.marche, user=people.marche_member,
                                     title="Review", upload=pdf_upload())
    Event.objects.create(title="Peer visit", kind="peer_visit", timezone="Europe/Sofia",
                         starts_at=timezone.now() + timedelta(days=3),
                         ends_at=timezone.now() + timedelta(days=3, hours=2))
    return people


def _row_counts() -> tuple:
    tables = [m._meta.db_table for m in apps.get_models()
              if m._meta.app_label in APP_LABELS and m._meta.managed and not m._meta.proxy]
    # table names from the models' own metadata, quoted: nothing user-made goes in here
    counts = (f"(SELECT count(*) FROM {connection.ops.quote_name(t)})"  # noqa: S608
              for t in tables)
    sql = "SELECT " + ", ".join(counts)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(zip(tables, cursor.fetchone(), strict=True))


def _login(client, people, persona):
    client.logout()
    if persona:
        client.force_login(getattr(people, persona))


def _crawl(client):
    """The pages a persona reaches from the dashboard and home page, and their POST forms."""
    seen, queue, forms = set(), ["/", "/dashboard/", "/library/", "/consultations/",
                                  "/events/", "/matchmaking/", "/documents/",
                                  "/notifications/preferences/"], {}
    while queue and len(seen) < CRAWL_LIMIT:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parsed = _parse(response.content.decode())
        for link in parsed.links:
            target = urlsplit(urljoin(path, link))
            if target.netloc in ("", "testserver") and target.path not in seen \
                    and not re.search(r"\.(ics|csv|json|xml|pdf)$|/download/", target.path):
                queue.append(target.path)
        for form in parsed.forms:
            action = urlsplit(urljoin(path, form["action"] or path)).path
            if form["method"] != "post" or action.startswith(SKIP_PREFIXES) \
                    or "delete" in action:
                continue
            key = (re.sub(r"\d+", "N", action), tuple(sorted(form["fields"])))
            forms.setdefault(key, (action, form["fields"]))
    return list(forms.values())


@pytest.mark.parametrize("persona", PERSONAS)
def test_generated_values_in_every_form_never_give_a_5xx_or_partial_rows(client, world,
                                                                         persona):
    _login(client, world, persona)
    forms = _crawl(client)
    if persona in ("marche_member", "wg3_coordinator"):
        assert len(forms) >= 3  # the crawl found the forms it is meant to try

    for action, fields in forms:
        _post_generated_values(client, world, persona, action, fields)


def _post_generated_values(client, people, persona, action, fields):
    @bounded(EXAMPLES_PER_FORM)
    @given(values=st.fixed_dictionaries({name: _strategy(name, field)
                                         for name, field in fields.items()}))
    def post_generated(values):
        _login(client, people, persona)
        before = _row_counts()
        response = client.post(action, _strip_nul_free(values))
        assert response.status_code < 500, (action, values)
        refused = response.status_code == 400 or (
            response.status_code == 200 and b'class="errorlist' in response.content)
        if refused:
            assert _row_counts() == before, (action, values)

    post_generated()


def _patterns(resolvers=None, prefix=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<" in route:
            yield route


def _product_patterns():
    return sorted({route for route in _patterns()
                   if not ("/" + route).startswith(SKIP_PREFIXES) and "^" not in route})


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
PARAM_VALUES = {
    "id": st.one_of(st.integers(min_value=0, max_value=10**25).map(str),
                    st.sampled_from(["2147483648", "9223372036854775808", "0"])),
    "page_id": st.one_of(st.integers(min_value=0, max_value=10**25).map(str),
                         st.sampled_from(["2147483648", "0"])),
    "slug": st.one_of(st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True),
                      st.just("a" * 500)),
    None: st.one_of(ODD_TEXT.filter(lambda s: s and "/" not in s), st.just("x" * 500)),
}
PARAM_VALUES["str"] = PARAM_VALUES[None]
PARAM_VALUES["path"] = PARAM_VALUES[None]


@pytest.mark.parametrize("persona", ["marche_member", "approved_stakeholder", None])
def test_generated_values_in_every_url_parameter_never_give_a_5xx(client, world, persona):
    routes = _product_patterns()
    assert len(routes) > 30  # every app's URLs are in the list

    @bounded(EXAMPLES_PER_URL * len(routes))
    @given(data=st.data())
    def visit(data):
        route = data.draw(st.sampled_from(routes))

        def fill(match):
            value = data.draw(PARAM_VALUES.get(match.group(1), PARAM_VALUES[None]))
            return quote(value.encode("utf-8", "replace").decode("utf-8"), safe="")
        path = "/" + PARAM.sub(fill, route)
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code < 500, (method.__name__, path)

    _login(client, world, persona)
    visit()
