"""Reading the library: which practices a user may see, facets, transfers, submissions."""
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    When,
    Window,
)
from django.db.models.functions import Length, Substr
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from clusterpolisee.core.permissions import membership_of
from partners.models import Country, Partner
from workgroups.models import OperationalStage, WorkingGroup

from . import fulltext, library_cache
from .models import (
    ArticlePage,
    GoodPracticeAttachment,
    GoodPracticePage,
    InstrumentType,
    Theme,
    Transfer,
)
from .rules import can_see_partners_only_practices


def practices_visible_to(user) -> QuerySet[GoodPracticePage]:
    """Live practices the user may read: public ones for everybody, partners-only ones
    for logged-in partner staff and editors; in either case none under a Wagtail view
    restriction the user does not pass (``_blocking_restrictions``). Every channel — the
    library, search, exports, cards built from cached ids, activity feeds — starts here."""
    practices = GoodPracticePage.objects.live()
    if not can_see_partners_only_practices(user):
        practices = practices.filter(visibility=GoodPracticePage.Visibility.PUBLIC)
    return practices.filter(~Exists(_blocking_restrictions(user)))


def _blocking_restrictions(user) -> QuerySet:
    """Wagtail view restrictions on a practice or any of its ancestors (a restriction's
    page path is a prefix of the practice's) that keep ``user`` out of lists.

    A password can only be given on the page itself, so a password-protected practice is
    in no list for anybody; "logged-in users" restrictions keep out visitors; group
    restrictions keep out everybody outside the groups except platform admins (Wagtail's
    own rule on the page). As a subquery, it costs no query of its own; for visitors it
    names no user, so their cached library answers stay shared."""
    from wagtail.models import PageViewRestriction

    covering = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    blocking = Q(restriction_type=PageViewRestriction.PASSWORD)
    if not user.is_authenticated:
        return covering  # every kind of restriction keeps visitors out
    if not user.is_superuser:
        in_groups = PageViewRestriction.groups.through.objects.filter(
            pageviewrestriction_id=OuterRef("pk"), group__user=user.pk)
        blocking |= Q(restriction_type=PageViewRestriction.GROUPS) & ~Exists(in_groups)
    return covering.filter(blocking)


def in_reader_language(practices: QuerySet, language: str | None = None) -> QuerySet:
    """One page per practice: the translation in the reader's language when there is a
    (visible) one, otherwise the original."""
    language = (language or get_language() or "en").split("-")[0]
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return practices
    translated = practices.filter(locale=locale).values("translation_key")
    return practices.exclude(~Q(locale=locale) & Q(translation_key__in=translated))


def practices_matching(practices: QuerySet, query: str, *, by_relevance=True) -> QuerySet:
    """The practices among ``practices`` that match the words of ``query``, best match
    first or newest first. Still a queryset of the matched set, so that the count, the
    page and the facets each read it inside their own query.

    On PostgreSQL this is the practice's own GIN-indexed ``search_vector`` (see
    knowledge.fulltext) with web-search syntax ("quoted phrases", -excluded, or); on
    other databases, Wagtail's search backend."""
    newest = ("-first_published_at", "-id")
    if fulltext.is_available():
        search = SearchQuery(query, search_type="websearch", config=fulltext.CONFIG)
        matched = practices.filter(search_vector=search)
        if by_relevance:
            return matched.order_by(SearchRank(F("search_vector"), search).desc(), *newest)
        return matched.order_by(*newest)
    # SQLite's FTS5 refuses punctuation it reads as syntax: hand it the words only.
    # Wagtail's search cannot read the visibility filters (Exists, negated Q), so it
    # searches every practice and the visible ones are kept in SQL below.
    words = " ".join(re.findall(r"\w+", query))
    ids = [page.pk for page in practices.model.objects.order_by(*newest).search(
        words, order_by_relevance=by_relevance)] if words else []
    if not ids:
        return practices.none()
    matched = practices.filter(pk__in=ids)
    if by_relevance:
        return matched.order_by(Case(*[When(pk=pk, then=rank) for rank, pk in enumerate(ids)]))
    return matched.order_by(*newest)


def practices_for_list(practices: QuerySet) -> QuerySet:
    return practices.select_related("country", "partner", "stage", "instrument_type") \
        .prefetch_related("working_groups", "themes")


@dataclass(frozen=True)
class PracticeCard:
    """What a result card of the library shows: plain values, no page object."""

    pk: int
    title: str
    url: str
    country: str
    region: str
    responsible: str
    summary: str
    working_groups: list[str]
    themes: list[str]
    partners_only: bool


def practice_cards(ids: list[int], request=None) -> list[PracticeCard]:
    """The library's result cards for ``ids``, in that order, from three narrow queries
    (the rows, their WGs, their themes) and without building page objects.

    A practice is a child of its language's library page, so its address is the parent's
    address and its slug: Wagtail's URL reversal runs once per library page instead of
    once per card (``tests/knowledge/test_library.py`` checks both agree)."""
    if not ids:
        return []
    # the ids may come from the cache: each is checked against visibility again here
    user = getattr(request, "user", None) or AnonymousUser()
    rows = {row["pk"]: row for row in practices_visible_to(user).filter(pk__in=ids).values(
        "pk", "title", "slug", "url_path", "summary", "region", "organisation",
        "visibility", "country__name", "partner__name", "partner__short_name")}
    through_wg = GoodPracticePage.working_groups.through.objects
    through_theme = GoodPracticePage.themes.through.objects
    wgs, themes = defaultdict(list), defaultdict(list)
    for pk, code in (through_wg.filter(goodpracticepage_id__in=ids)
                     .order_by("workinggroup__code")
                     .values_list("goodpracticepage_id", "workinggroup__code")):
        wgs[pk].append(code)
    # theme names in the reader's language, from the taxonomy cached per language
    theme_names = {theme_pk: label for theme_pk, _slug, label in _facet_values()["theme"]}
    for pk, theme_pk in (through_theme.filter(goodpracticepage_id__in=ids)
                         .values_list("goodpracticepage_id", "theme_id")):
        themes[pk].append(theme_names.get(theme_pk, ""))
    for names in themes.values():
        names.sort(key=str.casefold)
    parent_urls: dict[str, str] = {}
    cards = []
    for pk in ids:
        row = rows.get(pk)
        if row is None:
            continue
        parent_path = row["url_path"][:-len(row["slug"]) - 1]
        if parent_path not in parent_urls:
            parent_urls[parent_path] = Page(url_path=parent_path).get_url(request) or ""
        cards.append(PracticeCard(
            pk=pk, title=row["title"],
            url=parent_urls[parent_path] + quote(row["slug"], safe=RFC3986_SUBDELIMS + "~:@")
            + "/",
            country=row["country__name"] or "", region=row["region"],
            responsible=(row["partner__short_name"] or row["partner__name"]
                         or row["organisation"]),
            summary=row["summary"], working_groups=wgs[pk], themes=themes[pk],
            partners_only=row["visibility"] == GoodPracticePage.Visibility.PARTNERS,
        ))
    return cards


FACETS = ("country", "wg", "stage", "theme", "instrument")


def _as_order_by(ordering) -> list[OrderBy]:
    return [F(item[1:]).desc() if isinstance(item, str) and item.startswith("-")
            else F(item).asc() if isinstance(item, str)
            else item if isinstance(item, OrderBy) else item.asc() for item in ordering]


def library_summary(practices: QuerySet, *, page_number=1, per_page=20):
    """``(total, page_ids, facets)`` for ``practices``, as ``_library_summary`` computes
    them, from the library's cache when the same question was asked since the library
    last changed (see knowledge.library_cache)."""
    try:
        sql, params = practices.query.sql_with_params()
    except EmptyResultSet:  # e.g. practices.none(): nothing to ask the database
        return 0, [], {name: [] for name in FACETS}
    return library_cache.cached(
        library_cache.summary_key(sql, params, page_number, per_page),
        lambda: _library_summary(practices, page_number=page_number, per_page=per_page))


def _library_summary(practices: QuerySet, *, page_number=1, per_page=20):
    """The library's results in one query: how many practices ``practices`` holds (in its
    order), the ids of those on page ``page_number`` (clamped to the last page, as
    ``Paginator.get_page`` does), and for each facet the values present among them with
    their counts. Returns ``(total, page_ids, facets)``.

    The page's rows carry the total and one conditional count per facet value
    (``Count(filter=...)`` over the whole matched set, as window aggregates: computed
    before the page is cut, so the page stays a top-N sort). The WG and theme counts test
    membership in the link table's rows for that value, which the database reads once and
    hashes. A page past the end costs two queries more (the count, then the last page).
    The same expressions serve PostgreSQL and SQLite."""
    ordering = _as_order_by(practices.query.order_by or ("-first_published_at", "-id"))
    offset = (max(page_number, 1) - 1) * per_page
    values = _facet_values()
    counts = {"library_total": Window(Count("pk"))}
    for name in FACETS:
        for pk, _key, _label in values[name]:
            counts[f"library_{name}_{pk}"] = Window(Count("pk", filter=_facet_has(name, pk)))
    page_rows = practices.order_by(*ordering).annotate(**counts).values_list("pk", *counts)
    rows = list(page_rows[offset:offset + per_page])
    if not rows and offset:  # past the last page: the last page, if there is one
        total = practices.order_by().count()
        offset = max((total - 1) // per_page * per_page, 0)
        rows = list(page_rows[offset:offset + per_page]) if total else []
    if not rows:
        return 0, [], {name: [] for name in FACETS}
    found = dict(zip(counts, rows[0][1:], strict=True))
    facets = {name: [(key, label, found[f"library_{name}_{pk}"])
                     for pk, key, label in values[name] if found[f"library_{name}_{pk}"]]
              for name in FACETS}
    return found["library_total"], [row[0] for row in rows], facets


def _facet_has(name: str, pk: int) -> Q:
    """The practices that have the value ``pk`` of the facet ``name``."""
    if name == "wg":
        return Q(pk__in=GoodPracticePage.working_groups.through.objects
                 .filter(workinggroup_id=pk).values("goodpracticepage_id"))
    if name == "theme":
        return Q(pk__in=GoodPracticePage.themes.through.objects
                 .filter(theme_id=pk).values("goodpracticepage_id"))
    return Q(**{f"{FACET_COLUMNS[name]}_id": pk})


FACET_COLUMNS = {"country": "country", "stage": "stage", "instrument": "instrument_type"}


def facet_counts(practices: QuerySet) -> dict[str, list[tuple]]:
    """For each facet, the values present in ``practices`` with their counts."""
    return library_summary(practices)[2]


def apply_facets(practices: QuerySet, *, country="", wg="", stage=None, theme="",
                 instrument="") -> QuerySet:
    # Facets filter on the page's own columns (subqueries for lookups), which is what a
    # Wagtail search over the queryset accepts.
    if country:
        practices = practices.filter(
            country__in=Country.objects.filter(iso_code=country).values("pk"))
    if wg:
        practices = practices.filter(pk__in=GoodPracticePage.working_groups.through.objects
                                     .filter(workinggroup__code=wg)
                                     .values("goodpracticepage_id"))
    if stage:
        practices = practices.filter(
            stage__in=OperationalStage.objects.filter(number=stage).values("pk"))
    if theme:
        practices = practices.filter(pk__in=GoodPracticePage.themes.through.objects
                                     .filter(theme__slug=theme).values("goodpracticepage_id"))
    if instrument:
        practices = practices.filter(
            instrument_type__in=InstrumentType.objects.filter(slug=instrument).values("pk"))
    return practices


def library_taxonomy() -> dict[str, list[tuple[str, str]]]:
    """The values each facet of the search form offers, as ``(key, label)`` in the
    reader's language: five small tables, read again only when one of them changes (see
    knowledge.library_cache) rather than on every search."""
    return _taxonomy()["choices"]


def _facet_values() -> dict[str, list[tuple]]:
    """Each facet's values as ``(id, key, label)`` in the order its counts are shown, the
    label as stored; read with the form's choices."""
    return _taxonomy()["values"]


def _taxonomy() -> dict:
    def read():
        countries = list(Country.objects.order_by("name"))
        wgs = list(WorkingGroup.objects.order_by("code"))
        stages = list(OperationalStage.objects.order_by("number"))
        themes = list(Theme.objects.order_by("name"))
        kinds = list(InstrumentType.objects.order_by("name"))
        return {
            "choices": {
                "country": [(country.iso_code, str(country)) for country in countries],
                "wg": [(wg.code, str(wg)) for wg in wgs],
                "stage": [(str(stage.number), str(stage)) for stage in stages],
                "theme": [(theme.slug, str(theme)) for theme in themes],
                "instrument": [(kind.slug, str(kind)) for kind in kinds],
            },
            "values": {
                "country": [(c.pk, c.iso_code, c.name) for c in countries],
                "wg": [(wg.pk, wg.code, wg.code) for wg in wgs],
                "stage": [(stage.pk, stage.number, stage.title) for stage in stages],
                "theme": [(theme.pk, theme.slug, theme.name) for theme in themes],
                "instrument": [(kind.pk, kind.slug, kind.name) for kind in kinds],
            },
        }
    return library_cache.cached(library_cache.taxonomy_key(get_language() or ""), read)


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("name")


def instrument_types() -> QuerySet[InstrumentType]:
    return InstrumentType.objects.order_by("name")


def transfers_of(practice) -> QuerySet[Transfer]:
    return (Transfer.objects.filter(practice=practice)
            .select_related("partner__country", "updated_by").order_by("partner__name"))


def submissions_of(user) -> QuerySet[GoodPracticePage]:
    """Practices sent through the portal by the user's partner, with their review state."""
    membership = membership_of(user)
    if membership is None:
        return GoodPracticePage.objects.none()
    return (GoodPracticePage.objects.filter(partner_id=membership.partner_id)
            .exclude(submitted_by=None)
            .select_related("submitted_by", "latest_revision")
            .order_by("-latest_revision_created_at", "-pk"))


def practices_awaiting_opinion_of(user) -> QuerySet[GoodPracticePage]:
    """Practices waiting at the workflow's expert-opinion step that this user may answer:
    STAB members, never for their own partner's practices. Each carries ``step_started``."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Cast
    from wagtail.models import TaskState, WorkflowState

    from .rules import is_stab_member
    from .workflow import ExpertOpinionTask

    if not is_stab_member(user):
        return GoodPracticePage.objects.none()
    steps = (TaskState.objects
             .filter(status=TaskState.STATUS_IN_PROGRESS,
                     task__content_type=ContentType.objects.get_for_model(ExpertOpinionTask),
                     workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
                     workflow_state__content_type=ContentType.objects.get_for_model(
                         GoodPracticePage))
             .annotate(practice_id=Cast("workflow_state__object_id", IntegerField())))
    practices = GoodPracticePage.objects.filter(pk__in=steps.values("practice_id"))
    membership = membership_of(user)
    if membership is not None:
        practices = practices.exclude(partner_id=membership.partner_id)
    started = steps.filter(practice_id=OuterRef("pk")).order_by("-started_at")
    return (practices.select_related("partner", "country")
            .annotate(step_started=Subquery(started.values("started_at")[:1]))
            .order_by("step_started", "pk"))


def task_states_of(workflow_state) -> QuerySet:
    """The steps of a practice's review so far, oldest first, with who finished each."""
    if workflow_state is None:
        return []
    return (workflow_state.task_states.select_related("finished_by", "task")
            .order_by("started_at"))


def submissions_returned_to(user) -> QuerySet[GoodPracticePage]:
    """The user's partner's submissions the editors sent back for changes, oldest first.

    Each carries ``returned_at`` (when the review asked for changes)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Cast
    from wagtail.models import WorkflowState

    returned = (WorkflowState.objects
                .filter(status=WorkflowState.STATUS_NEEDS_CHANGES,
                        content_type=ContentType.objects.get_for_model(GoodPracticePage))
                .annotate(practice_id=Cast("object_id", IntegerField())))
    since = returned.filter(practice_id=OuterRef("pk")).order_by("-created_at")
    return (submissions_of(user).filter(pk__in=returned.values("practice_id"))
            .annotate(returned_at=Subquery(since.values("created_at")[:1]))
            .order_by("returned_at", "pk"))


def practices_or_submissions_visible_to(user) -> QuerySet[GoodPracticePage]:
    """What the activity of a practice may point a user to: the practices they may read,
    and their own partner's submissions still under review (the submission page shows
    them). Registered with core.visibility, so "changes requested" reaches the partner."""
    return GoodPracticePage.objects.filter(
        Q(pk__in=practices_visible_to(user).values("pk"))
        | Q(pk__in=submissions_of(user).values("pk")))


def document_is_attached_to_a_practice(document) -> bool:
    return GoodPracticeAttachment.objects.filter(document=document).exists()


def document_is_used_by_a_practice_of(partner_id, document) -> bool:
    """Whether a practice of this partner, in any state (a submission under review too),
    uses the document."""
    return GoodPracticePage.objects.filter(partner_id=partner_id,
                                           attachments__document=document).exists()


def home_page_stats() -> dict:
    """How many active partners, from how many countries, and the project's budget."""
    stats = Partner.objects.active().aggregate(partners=Count("id"),
                                               countries=Count("country", distinct=True))
    return {**stats, "budget": settings.PROJECT_BUDGET_EUR}


def working_groups_for_home_page() -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.select_related("lead_partner").order_by("code")


def articles_under(index_page) -> QuerySet[ArticlePage]:
    """The news index's published articles, newest first."""
    return (ArticlePage.objects.live().public().child_of(index_page)
            .order_by("-date", "-pk")[:50])
