"""One search box over the whole portal, through the same visibility selectors as the pages.

Each kind of result (``SEARCH_TYPES``) starts from the selector its own list page reads
(``practices_visible_to``, ``documents_visible_to``, ...), so search can never show, or
count, what the user could not open. Matching:

* **PostgreSQL** (production): full text with the ``english`` configuration (stemmed:
  "voucher" finds "vouchers"), web-search syntax, ranked; practices use their own
  GIN-indexed ``search_vector`` column (knowledge.fulltext), the other kinds a vector
  computed in the query. Snippets come from ``SearchHeadline``.
* **SQLite** (``make run``): every text is reduced to its English Snowball stems by a
  function registered on the connection, and each stem of the query must be among them,
  so stemming behaves the same way. Snippets come from ``highlight`` below.

Snippets are plain text, escaped first and only then marked with ``<mark>``. The page
costs one count query per kind and one query per kind shown, whatever the amount of data.
"""
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.html import visible_text

CONFIG = "english"
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
PER_PAGE = 20
PER_TYPE_PREVIEW = 3
SNIPPET_WORDS = 28
_START, _STOP = "\ue000", "\ue001"  # private-use marks around PostgreSQL's highlights
_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("english")


# --- the kinds of results -------------------------------------------------------------------

@dataclass(frozen=True)
class SearchType:
    key: str
    label: str
    fields: tuple           # text columns matched (title first)
    title_field: str
    body_field: str         # the column the snippet is taken from
    related: tuple = ()     # select_related for the title and the link

    def queryset(self, user):
        return _SELECTORS[self.key](user).select_related(*self.related)

    def url(self, obj) -> str:
        return _URLS.get(self.key, lambda o: o.get_absolute_url())(obj)

    def title(self, obj) -> str:
        return str(_TITLES.get(self.key, lambda o: getattr(o, self.title_field))(obj))


def _practices(user):
    from knowledge.selectors import in_reader_language, practices_visible_to

    return in_reader_language(practices_visible_to(user))


def _documents(user):
    from partners.selectors import documents_visible_to

    return documents_visible_to(user)


def _topics(user):
    from workgroups.selectors import topics_visible_to

    return topics_visible_to(user)


def _findings(user):
    from workgroups.selectors import findings_visible_to

    return findings_visible_to(user)


def _consultations(user):
    from consultations.selectors import consultations_visible_to

    return consultations_visible_to(user)


def _comments(user):
    from consultations.models import Comment
    from consultations.selectors import consultations_visible_to

    # the comments readers see in a thread: not deleted by their author, not hidden
    return Comment.objects.filter(consultation__in=consultations_visible_to(user).values("id"),
                                  deleted_at=None, hidden_at=None)


def _opportunities(user):
    from matchmaking.selectors import opportunities_visible_to

    return opportunities_visible_to(user)


def _profiles(user):
    from matchmaking.selectors import profiles_visible_to

    return profiles_visible_to(user)


def _partners(user):
    from partners.selectors import partners_visible_to

    return partners_visible_to(user)


def _events(user):
    from workgroups.selectors import events_visible_to

    return events_visible_to(user)


def _pilots(user):
    from workgroups.selectors import pilot_actions_visible_to

    return pilot_actions_visible_to(user)


_SELECTORS = {
    "practices": _practices, "documents": _documents, "topics": _topics,
    "findings": _findings, "consultations": _consultations, "comments": _comments,
    "opportunities": _opportunities, "profiles": _profiles, "partners": _partners,
    "events": _events, "pilots": _pilots,
}
_URLS = {
    "practices": lambda o: o.url or "",
    "findings": lambda o: reverse("workgroups:detail", args=[o.working_group.code]),
}
_TITLES = {
    "comments": lambda o: _("Comment on “%(title)s”") % {"title": o.consultation.title},
    "profiles": lambda o: o.owner_label,
}

SEARCH_TYPES = [
    SearchType("practices", _("Good practices"), ("title", "summary", "description"),
               "title", "summary"),
    SearchType("documents", _("Documents"), ("title", "description"), "title", "description"),
    SearchType("topics", _("WG discussions"), ("title", "body"), "title", "body",
               ("working_group",)),
    SearchType("findings", _("WG findings"), ("title", "body"), "title", "body",
               ("working_group",)),
    SearchType("consultations", _("Consultations"), ("title", "background"), "title",
               "background"),
    SearchType("comments", _("Comments"), ("body",), "body", "body", ("consultation",)),
    SearchType("opportunities", _("Opportunities"), ("title", "description"), "title",
               "description"),
    SearchType("profiles", _("Matchmaking profiles"),
               ("organisation_name", "partner__name", "offers", "seeks", "regions"),
               "organisation_name", "offers", ("partner",)),
    SearchType("partners", _("Partners"), ("name", "short_name", "city", "description"),
               "name", "description"),
    SearchType("events", _("Events"), ("title", "place", "description"), "title",
               "description"),
    SearchType("pilots", _("Pilot actions"), ("title", "region", "objectives"), "title",
               "objectives"),
]
TYPES_BY_KEY = {t.key: t for t in SEARCH_TYPES}


# --- the query ------------------------------------------------------------------------------

def clean_query(raw) -> str:
    """What was typed, safe to search: control characters gone, spaces collapsed, cut."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in str(raw or ""))
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def query_stems(query: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in _WORD.findall(query):
        seen.setdefault(stem(word), None)
    return list(seen)[:MAX_TERMS]


@lru_cache(maxsize=8192)
def _text_stems(text: str) -> str:
    return " " + " ".join({stem(word) for word in _WORD.findall(text)}) + " "


def _sqlite_stems(text):
    return _text_stems(text or "")


def _ensure_sqlite_function():
    # registering a function on the raw connection is cheap and makes no query; doing it
    # each time covers connections opened after startup (and the test database's)
    connection.ensure_connection()
    connection.connection.create_function("cps_stems", 1, _sqlite_stems, deterministic=True)


def is_full_text() -> bool:
    return connection.vendor == "postgresql"


def matching(search_type: SearchType, queryset, query: str):
    """``queryset`` narrowed to what matches ``query``, best first."""
    if is_full_text():
        search = SearchQuery(query, search_type="websearch", config=CONFIG)
        if search_type.key == "practices":
            return (queryset.filter(search_vector=search)
                    .annotate(rank=SearchRank(F("search_vector"), search))
                    .order_by("-rank", "-pk"))
        vector = SearchVector(*search_type.fields, config=CONFIG)
        return (queryset.annotate(search_document=vector).filter(search_document=search)
                .annotate(rank=SearchRank(vector, search)).order_by("-rank", "-pk"))
    stems = query_stems(query)
    if not stems:
        return queryset.none()
    _ensure_sqlite_function()
    text = Concat(*[part for field in search_type.fields
                    for part in (Coalesce(F(field), Value("")), Value(" "))],
                  output_field=TextField())
    condition = Q()
    for term in stems:
        condition &= Q(search_stems__contains=f" {term} ")
    return (queryset.annotate(search_stems=Func(text, function="cps_stems",
                                                output_field=TextField()))
            .filter(condition).order_by("-pk"))


def with_headline(search_type: SearchType, queryset, query: str):
    if not is_full_text():
        return queryset
    search = SearchQuery(query, search_type="websearch", config=CONFIG)
    return queryset.annotate(headline=SearchHeadline(
        search_type.body_field, search, config=CONFIG, start_sel=_START, stop_sel=_STOP,
        max_words=SNIPPET_WORDS, min_words=12, max_fragments=1))


# --- highlighting -----------------------------------------------------------------------------

def _plain(text: str) -> str:
    """The words a reader sees of stored text (which may be sanitised HTML)."""
    return " ".join(html.unescape(visible_text(text or "")).split())


def highlight(text: str, stems: list[str], *, words: int = SNIPPET_WORDS) -> str:
    """A window of ``text`` around its first matching word, escaped, matches in <mark>."""
    pieces = re.split(r"(\w+)", _plain(text))
    wanted = set(stems)
    first = next((i for i, piece in enumerate(pieces)
                  if i % 2 and stem(piece) in wanted), None)
    start = 0 if first is None else max(0, first - words)  # ~words/2 words before
    start -= start % 2
    end = min(len(pieces), start + words * 2)
    out = ["… " if start > 0 else ""]
    for i in range(start, end):
        piece = escape(pieces[i])
        out.append(f"<mark>{piece}</mark>" if i % 2 and stem(pieces[i]) in wanted else piece)
    if end < len(pieces):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 - every piece was escaped above


def _from_headline(headline: str) -> str:
    """PostgreSQL's headline, stripped of any markup, escaped, then marked."""
    plain = escape(_plain(headline))
    return mark_safe(plain.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: str


def _hits(search_type: SearchType, rows, stems) -> list[Hit]:
    hits = []
    for obj in rows:
        headline = getattr(obj, "headline", None)
        snippet = (_from_headline(headline) if headline is not None
                   else highlight(getattr(obj, search_type.body_field, "") or "", stems))
        hits.append(Hit(search_type.key, search_type.label,
                        highlight(search_type.title(obj), stems, words=40),
                        search_type.url(obj), snippet))
    return hits


def search(user, query: str, *, kind: str = "", page: int = 1) -> dict:
    """Counts per kind, and either a preview of each kind or one kind's page of hits."""
    stems = query_stems(query)
    result = {"query": query, "counts": [], "sections": [], "total": 0, "kind": kind,
              "page": 1, "num_pages": 1}
    if not stems:
        return result
    matched = {t.key: matching(t, t.queryset(user), query) for t in SEARCH_TYPES}
    for search_type in SEARCH_TYPES:
        n = matched[search_type.key].count()
        result["counts"].append((search_type, n))
        result["total"] += n
    counts = dict((t.key, n) for t, n in result["counts"])
    if kind in TYPES_BY_KEY:
        search_type = TYPES_BY_KEY[kind]
        num_pages = max(1, -(-counts[kind] // PER_PAGE))
        page = min(max(1, page), num_pages)
        rows = with_headline(search_type, matched[kind], query)[
            (page - 1) * PER_PAGE:page * PER_PAGE]
        result.update(page=page, num_pages=num_pages)
        result["sections"].append((search_type, counts[kind], _hits(search_type, rows, stems)))
        return result
    for search_type in SEARCH_TYPES:
        if counts[search_type.key]:
            rows = with_headline(search_type, matched[search_type.key], query)[
                :PER_TYPE_PREVIEW]
            result["sections"].append((search_type, counts[search_type.key],
                                       _hits(search_type, rows, stems)))
    return result


# --- the page -----------------------------------------------------------------------------

def search_page(request):
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    kind = request.GET.get("type", "")
    kind = kind if kind in TYPES_BY_KEY else ""
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    result = search(request.user, query, kind=kind, page=page) if query else None
    return render(request, "portal/search.html", {
        "query": query, "kind": kind, "result": result,
        "too_long": len(str(raw)) > MAX_QUERY_CHARS, "max_chars": MAX_QUERY_CHARS,
        "types": SEARCH_TYPES, "full_text": is_full_text(),
    })
