"""Reading the library: which practices a user may see, facets, transfers, submissions."""
from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language
from wagtail.models import Locale

from partners.models import Country
from workgroups.models import OperationalStage

from .models import GoodPracticePage, InstrumentType, Theme, Transfer
from .permissions import can_see_partners_only_practices


def practices_visible_to(user) -> QuerySet[GoodPracticePage]:
    """Live practices the user may read: public ones for everybody, partners-only ones
    for logged-in partner staff and editors."""
    practices = GoodPracticePage.objects.live()
    if not can_see_partners_only_practices(user):
        practices = practices.filter(visibility=GoodPracticePage.Visibility.PUBLIC)
    return practices


def in_reader_language(practices: QuerySet, language: str | None = None) -> QuerySet:
    """One page per practice: the translation in the reader's language when there is a
    (visible) one, otherwise the original."""
    language = (language or get_language() or "en").split("-")[0]
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return practices
    translated = practices.filter(locale=locale).values("translation_key")
    return practices.exclude(~Q(locale=locale) & Q(translation_key__in=translated))


def practices_for_list(practices: QuerySet) -> QuerySet:
    return practices.select_related("country", "partner", "stage", "instrument_type") \
        .prefetch_related("working_groups", "themes")


FACETS = ("country", "wg", "stage", "theme", "instrument")


def facet_counts(practices: QuerySet) -> dict[str, list[dict]]:
    """For each facet, the values present in ``practices`` with their counts: one
    query per facet, whatever the number of practices."""
    ids = practices.order_by().values("pk")
    through_wg = GoodPracticePage.working_groups.through
    through_theme = GoodPracticePage.themes.through
    return {
        "country": list(
            practices.order_by().exclude(country=None)
            .values("country__iso_code", "country__name")
            .annotate(count=Count("pk")).order_by("country__name")
            .values_list("country__iso_code", "country__name", "count")),
        "wg": list(
            through_wg.objects.filter(goodpracticepage_id__in=ids)
            .values("workinggroup__code", "workinggroup__title")
            .annotate(count=Count("goodpracticepage_id")).order_by("workinggroup__code")
            .values_list("workinggroup__code", "workinggroup__code", "count")),
        "stage": list(
            practices.order_by().exclude(stage=None)
            .values("stage__number", "stage__title")
            .annotate(count=Count("pk")).order_by("stage__number")
            .values_list("stage__number", "stage__title", "count")),
        "theme": list(
            through_theme.objects.filter(goodpracticepage_id__in=ids)
            .values("theme__slug", "theme__name")
            .annotate(count=Count("goodpracticepage_id")).order_by("theme__name")
            .values_list("theme__slug", "theme__name", "count")),
        "instrument": list(
            practices.order_by().exclude(instrument_type=None)
            .values("instrument_type__slug", "instrument_type__name")
            .annotate(count=Count("pk")).order_by("instrument_type__name")
            .values_list("instrument_type__slug", "instrument_type__name", "count")),
    }


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


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("name")


def instrument_types() -> QuerySet[InstrumentType]:
    return InstrumentType.objects.order_by("name")


def transfers_of(practice) -> QuerySet[Transfer]:
    return (Transfer.objects.filter(practice=practice)
            .select_related("partner__country", "updated_by").order_by("partner__name"))


def submissions_of(user) -> QuerySet[GoodPracticePage]:
    """Practices sent through the portal by the user's partner, with their review state."""
    from partners.permissions import membership_of

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

    from partners.permissions import membership_of

    from .permissions import is_stab_member
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
