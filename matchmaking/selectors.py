"""Read-side queries for matchmaking: what a user may see, and suggestions."""
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from workgroups.models import Event

from .models import Interest, MeetingRequest, Opportunity, Profile, Sector, Slot, live_owner
from .rules import may_moderate_matchmaking, participant_of

# weights of the suggestion score; text similarity adds up to TEXT_WEIGHT on PostgreSQL
SECTOR_WEIGHT = 3
COMPLEMENT_WEIGHT = 3
KIND_WEIGHT = 2
TARGET_WEIGHT = 2
TEXT_WEIGHT = 20


def text_similarity_available() -> bool:
    return connection.vendor == "postgresql"


def opportunities_visible_to(user) -> QuerySet[Opportunity]:
    """Published opportunities (of partners and of still-approved stakeholder organisations)
    for participants; their own side's in any status; everything for moderators."""
    base = Opportunity.objects.select_related("partner", "country", "created_by")
    if not user.is_authenticated:
        return base.none()
    if may_moderate_matchmaking(user):
        return base
    participant = participant_of(user)
    if participant is None:
        return base.none()
    return base.filter((Q(status=Opportunity.Status.PUBLISHED) & live_owner("created_by"))
                       | participant.owns_q())


def _narrowed(queryset, **criteria):
    """``queryset`` narrowed by each criterion given (lookup=value; empty ones are left out,
    as a filter form's blank fields are)."""
    return queryset.filter(**{lookup: value for lookup, value in criteria.items() if value})


def published_opportunities(user, *, direction="", kind="", sector=None, country=None
                            ) -> QuerySet[Opportunity]:
    """The published opportunities the user may see, newest first, narrowed by the index
    page's filter."""
    return _narrowed(opportunities_visible_to(user).filter(status=Opportunity.Status.PUBLISHED)
                     .prefetch_related("sectors"),
                     direction=direction, kind=kind, sectors=sector, country=country
                     ).order_by("-published_at", "-pk")


def opportunities_for_detail(user) -> QuerySet[Opportunity]:
    return opportunities_visible_to(user).prefetch_related("sectors", "target_countries")


def opportunity_numbered(user, number) -> Opportunity | None:
    """The opportunity the user typed the number of (a merge's "keep this one"), if visible."""
    return opportunities_visible_to(user).filter(pk=number).first()


def opportunities_to_coordinate(user, *, country=None, sector=None, status=""
                                ) -> QuerySet[Opportunity]:
    """The coordinators' dashboard and export: every opportunity they may see (all, for
    them), narrowed by the dashboard's filter."""
    return _narrowed(opportunities_visible_to(user), country=country, sectors=sector,
                     status=status)


def own_opportunities(user) -> QuerySet[Opportunity]:
    participant = participant_of(user)
    if participant is None:
        return Opportunity.objects.none()
    return (Opportunity.objects.filter(participant.owns_q()).select_related("country")
            .order_by("-created_at"))


def profiles_visible_to(user) -> QuerySet[Profile]:
    """Partners' profiles and those of still-approved stakeholder organisations, for
    participants; every profile for a platform admin outside the partnership."""
    base = Profile.objects.select_related("partner", "country")
    participant = participant_of(user)
    if participant is not None:
        return base.filter(live_owner("owner") | participant.owns_q(author="owner"))
    return base if may_moderate_matchmaking(user) else base.none()


def profiles_listed_for(user) -> QuerySet[Profile]:
    return profiles_visible_to(user).prefetch_related("sectors")


def profiles_for_detail(user) -> QuerySet[Profile]:
    return profiles_visible_to(user).prefetch_related("sectors", "countries")


def partner_profile_visible_to(user, partner) -> Profile | None:
    """A partner's matchmaking profile, for its public page: if the reader may see it."""
    return profiles_listed_for(user).filter(partner=partner).first()


def profile_of_side(*, partner_id=None, organisation_name="", country_id=None
                    ) -> Profile | None:
    """The profile of a partner, or of a stakeholder organisation (name and country)."""
    if partner_id:
        return Profile.objects.filter(partner_id=partner_id).first()
    if not organisation_name:
        return None
    return Profile.objects.filter(partner__isnull=True, country_id=country_id,
                                  organisation_name__iexact=organisation_name.strip()).first()


def profile_of(user) -> Profile | None:
    """The profile of the side the user acts for: their partner's, or the one their
    stakeholder organisation keeps (their own first, should the organisation's name in
    their stakeholder profile have changed since)."""
    participant = participant_of(user)
    if participant is None:
        return None
    if participant.is_partner:
        return profile_of_side(partner_id=participant.partner_id)
    return (Profile.objects.filter(partner__isnull=True, owner=user).first()
            or profile_of_side(organisation_name=participant.organisation_name,
                               country_id=participant.country_id))


def owner_profile_of(opportunity) -> Profile | None:
    return profile_of_side(partner_id=opportunity.partner_id,
                           organisation_name=opportunity.organisation_name,
                           country_id=opportunity.country_id)


def interested_profile_of(interest) -> Profile | None:
    if interest.partner_id:
        return profile_of_side(partner_id=interest.partner_id)
    profile = getattr(interest.user, "stakeholder_profile", None)
    if profile is None:
        return None
    return profile_of_side(organisation_name=profile.organisation, country_id=profile.country_id)


def interest_of(user, opportunity) -> Interest | None:
    """The user's own expression of interest in ``opportunity``, if any."""
    if not user.is_authenticated:
        return None
    return Interest.objects.filter(opportunity=opportunity, user=user).first()


def interests_in(opportunity) -> QuerySet[Interest]:
    """Every expression of interest in ``opportunity``: for the coordinators' panel."""
    return opportunity.interests.select_related("user__stakeholder_profile", "partner")


def interests_listed_for(user) -> QuerySet[Interest]:
    """``/matchmaking/interests/``: the user's own expressions and those introduced to their
    side, newest first. Coordinators broker everything from the dashboard; here, as for
    everyone, they see their own."""
    interests = interests_visible_to(user)
    if may_moderate_matchmaking(user):
        participant = participant_of(user)
        mine = Q(user=user)
        if participant is not None:
            mine |= introduced_to_side_q(participant)
        interests = interests.filter(mine)
    return interests.order_by("-created_at")


def transitions_of(interest) -> QuerySet:
    """The expression of interest's history, oldest first, with who moved it."""
    return interest.transitions.select_related("by")


def interests_visible_to(user) -> QuerySet[Interest]:
    """Moderators see every expression; a person sees their own; the opportunity's side
    sees those introduced to them."""
    base = Interest.objects.select_related(
        "opportunity__partner", "opportunity__country", "opportunity__created_by",
        "user__stakeholder_profile__country", "partner__country")
    if not user.is_authenticated:
        return base.none()
    if may_moderate_matchmaking(user):
        return base
    participant = participant_of(user)
    if participant is None:
        return base.none()
    return base.filter(Q(user=user) | introduced_to_side_q(participant))


def introduced_to_side_q(participant) -> Q:
    """Expressions of interest in the side's opportunities that reached the introduction."""
    return Q(state__in=Interest.REVEALED) & participant.owns_q(prefix="opportunity__")


def moderation_queue(among: QuerySet[Opportunity] | None = None) -> QuerySet[Opportunity]:
    """Submitted opportunities, oldest first (of ``among`` when given: a filtered set)."""
    queue = (Opportunity.objects.filter(status=Opportunity.Status.SUBMITTED)
             .select_related("partner", "country", "created_by").prefetch_related("sectors")
             .order_by("created_at"))
    return queue if among is None else queue.filter(pk__in=among.values("pk"))


def brokering_queue(among: QuerySet[Opportunity] | None = None) -> QuerySet[Interest]:
    """Expressions of interest still being brokered, oldest first (in ``among``'s
    opportunities when given)."""
    open_states = [Interest.State.EXPRESSED, Interest.State.UNDER_REVIEW,
                   Interest.State.INTRODUCED, Interest.State.MEETING_HELD]
    queue = (Interest.objects.filter(state__in=open_states)
             .select_related("opportunity__partner", "opportunity__country",
                             "user__stakeholder_profile", "partner__country")
             .order_by("created_at"))
    return queue if among is None else queue.filter(opportunity__in=among.values("pk"))


def opportunities_for_export(opportunities: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """The rows of the coordinators' CSV: ``opportunities`` with what each row shows."""
    return (opportunities.distinct().select_related("partner", "country")
            .prefetch_related("sectors", "interests").order_by("pk"))


# --- suggestions ----------------------------------------------------------------------

@dataclass
class Suggestion:
    item: object
    score: float
    reasons: list = field(default_factory=list)

    @property
    def is_profile(self) -> bool:
        return isinstance(self.item, Profile)


MAX_QUERY_WORDS = 12


def _query_text(title: str, description: str) -> str:
    """The source's most telling words as an OR query for websearch_to_tsquery: every title
    word, then the description's most frequent ones (PostgreSQL's english configuration
    drops stop words and stems). Ranking cost grows with the number of words, hence a cap."""
    from collections import Counter

    def words(text):
        return [w for w in re.findall(r"[^\W\d_]{4,}", text.lower()) if w != "demo"]

    chosen = list(dict.fromkeys(words(title)))
    for word, _count in Counter(words(description)).most_common():
        if word not in chosen:
            chosen.append(word)
    return " or ".join(chosen[:MAX_QUERY_WORDS])


def _search_query(opportunity):
    from django.contrib.postgres.search import SearchQuery

    text = _query_text(opportunity.title, opportunity.description)
    return SearchQuery(text, search_type="websearch", config="english") if text else None


def _shared_sectors(through, owner_field: str, sector_ids):
    counts = (through.objects.filter(**{owner_field: OuterRef("pk")}, sector_id__in=sector_ids)
              .order_by().values(owner_field).annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def suggested_opportunities(opportunity, *, limit=None) -> list[Suggestion]:
    """Published opportunities from other countries, best match first.

    Score: shared sectors, complementary direction (offer ↔ request), same kind, country
    targeting both ways and, on PostgreSQL, full-text similarity of title and description.
    """
    limit = limit or settings.MATCHMAKING_SUGGESTIONS
    sector_ids = [s.pk for s in opportunity.sectors.all()]
    target_ids = [c.pk for c in opportunity.target_countries.all()]
    complement = (Opportunity.Direction.REQUEST
                  if opportunity.direction == Opportunity.Direction.OFFER
                  else Opportunity.Direction.OFFER)
    they_target_us = Opportunity.target_countries.through.objects.filter(
        opportunity_id=OuterRef("pk"), country_id=opportunity.country_id)
    candidates = (
        Opportunity.objects.filter(live_owner("created_by"), status=Opportunity.Status.PUBLISHED)
        .exclude(country_id=opportunity.country_id).exclude(pk=opportunity.pk)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=timezone.localdate()))
        .annotate(
            n_sectors=_shared_sectors(Opportunity.sectors.through, "opportunity_id", sector_ids),
            they_target_us=Exists(they_target_us),
        )
    )
    score = (F("n_sectors") * SECTOR_WEIGHT
             + _case(Q(direction=complement), COMPLEMENT_WEIGHT)
             + _case(Q(kind=opportunity.kind), KIND_WEIGHT)
             + _case(Q(they_target_us=True), TARGET_WEIGHT)
             + (_case(Q(country_id__in=target_ids), TARGET_WEIGHT) if target_ids else Value(0)))
    query = _search_query(opportunity) if text_similarity_available() else None
    if query is not None:
        from django.contrib.postgres.search import SearchRank

        candidates = candidates.annotate(text_rank=Coalesce(
            SearchRank(F("search"), query), Value(0.0), output_field=FloatField()))
        score = score + F("text_rank") * TEXT_WEIGHT
    else:
        candidates = candidates.annotate(text_rank=Value(0.0, output_field=FloatField()))
    # rank on narrow rows (no text columns to sort), then load the few winners
    # (no WHERE score > 0: it would compute every score twice; zeros are dropped below)
    ranked = [r for r in _scored(candidates.annotate(score=score * 1.0)
                                 .order_by("-score", "-published_at", "-pk")
                                 .values("pk", "score", "text_rank", "they_target_us")[:limit])
              if r["score"] > 0]
    winners = (Opportunity.objects.filter(pk__in=[r["pk"] for r in ranked])
               .select_related("partner", "country").prefetch_related("sectors").in_bulk())
    rows = []
    for r in ranked:
        row = winners[r["pk"]]
        row.score, row.text_rank, row.they_target_us = r["score"], r["text_rank"], r[
            "they_target_us"]
        rows.append(row)
    suggestions = []
    for row in rows:
        reasons = []
        shared = [s.name for s in row.sectors.all() if s.pk in sector_ids]
        if shared:
            reasons.append(_("same sector: %(sectors)s") % {"sectors": ", ".join(shared)})
        if row.direction == complement:
            reasons.append(_("they offer what you seek") if complement == row.Direction.OFFER
                           else _("they seek what you offer"))
        if row.kind == opportunity.kind:
            reasons.append(_("same kind: %(kind)s") % {"kind": row.get_kind_display()})
        if row.country_id in target_ids:
            reasons.append(_("from a country you target: %(country)s")
                           % {"country": row.country.display_name})
        if row.they_target_us:
            reasons.append(_("they look for partners in your country"))
        if row.text_rank > 0:
            reasons.append(_("similar wording"))
        suggestions.append(Suggestion(item=row, score=round(row.score, 2), reasons=reasons))
    return suggestions


def suggested_profiles(opportunity, *, limit=None) -> list[Suggestion]:
    """Profiles of organisations in other countries: shared sectors, a targeted country
    and, on PostgreSQL, similarity with what they offer (for a request) or seek (offer)."""
    limit = limit or settings.MATCHMAKING_SUGGESTIONS
    sector_ids = [s.pk for s in opportunity.sectors.all()]
    target_ids = [c.pk for c in opportunity.target_countries.all()]
    candidates = (Profile.objects.filter(live_owner("owner"))
                  .exclude(country_id=opportunity.country_id)
                  .annotate(n_sectors=_shared_sectors(Profile.sectors.through, "profile_id",
                                                      sector_ids)))
    score = F("n_sectors") * SECTOR_WEIGHT + (
        _case(Q(country_id__in=target_ids), TARGET_WEIGHT) if target_ids else Value(0))
    query = _search_query(opportunity) if text_similarity_available() else None
    text_field = "offers" if opportunity.direction == Opportunity.Direction.REQUEST else "seeks"
    if query is not None:
        from django.contrib.postgres.search import SearchRank, SearchVector

        candidates = candidates.annotate(text_rank=SearchRank(
            SearchVector(text_field, config="english"), query))
        score = score + F("text_rank") * TEXT_WEIGHT
    else:
        candidates = candidates.annotate(text_rank=Value(0.0, output_field=FloatField()))
    rows = [r for r in _scored(candidates.annotate(score=score * 1.0)
                               .select_related("partner", "country").prefetch_related("sectors")
                               .order_by("-score", "-pk")[:limit]) if r.score > 0]
    suggestions = []
    for row in rows:
        reasons = []
        shared = [s.name for s in row.sectors.all() if s.pk in sector_ids]
        if shared:
            reasons.append(_("same sector: %(sectors)s") % {"sectors": ", ".join(shared)})
        if row.country_id in target_ids:
            reasons.append(_("from a country you target: %(country)s")
                           % {"country": row.country.display_name})
        if row.text_rank > 0:
            reasons.append(_("their profile offers what you seek")
                           if text_field == "offers"
                           else _("their profile seeks what you offer"))
        suggestions.append(Suggestion(item=row, score=round(row.score, 2), reasons=reasons))
    return suggestions


def _scored(queryset) -> list[dict]:
    """Evaluate a scoring query. On PostgreSQL the planner's estimate for the per-row
    subqueries and ts_rank is high enough to trigger JIT compilation, which costs more
    (~80 ms) than the whole query; switch it off for this one transaction."""
    if connection.vendor != "postgresql":
        return list(queryset)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        return list(queryset)


def _case(condition, weight):
    from django.db.models import Case, When

    return Case(When(condition, then=Value(weight)), default=Value(0),
                output_field=IntegerField())


# --- statistics for the coordinator dashboard -------------------------------------------

def statistics(opportunities: QuerySet[Opportunity]) -> dict:
    by_country = list(opportunities.order_by().values("country__name")
                      .annotate(n=Count("pk", distinct=True)).order_by("-n", "country__name"))
    by_sector = list(Sector.objects.filter(opportunities__in=opportunities).order_by()
                     .values("code", "name").annotate(n=Count("opportunities", distinct=True))
                     .order_by("-n", "code"))
    interests = dict(Interest.objects.filter(opportunity__in=opportunities).order_by()
                     .values_list("state").annotate(n=Count("pk")))
    introduced = sum(n for state, n in interests.items() if state in Interest.REVEALED)
    return {
        "by_country": [{"label": r["country__name"], "n": r["n"]} for r in by_country],
        "by_sector": [{"label": f'{r["code"]}: {r["name"]}', "n": r["n"]} for r in by_sector],
        "introductions": introduced,
        "agreements": interests.get(Interest.State.AGREEMENT, 0),
        "no_follow_up": interests.get(Interest.State.NO_FOLLOW_UP, 0),
        "declined": interests.get(Interest.State.DECLINED, 0),
        "meetings": MeetingRequest.objects.filter(status=MeetingRequest.Status.ACCEPTED).count(),
    }


# --- B2B --------------------------------------------------------------------------------

def matchmaking_events() -> QuerySet:
    """Events of the matchmaking kind: the ones with a B2B page."""
    return Event.objects.filter(kind=Event.Kind.MATCHMAKING)


def upcoming_matchmaking_events() -> QuerySet:
    return matchmaking_events().filter(ends_at__gte=timezone.now())


def b2b_slots() -> QuerySet[Slot]:
    """Slots at matchmaking events (the only ones that can be asked for)."""
    return Slot.objects.filter(event__kind=Event.Kind.MATCHMAKING)


def slot_ids_requested_by(user, event) -> set[int]:
    return set(MeetingRequest.objects.filter(slot__event=event, requester=user)
               .values_list("slot_id", flat=True))


def meeting_requests_to_answer(user, event) -> QuerySet[MeetingRequest]:
    """Requests for the user's slots at ``event`` that wait for their answer."""
    return (MeetingRequest.objects.filter(slot__event=event, slot__participant=user,
                                          status=MeetingRequest.Status.REQUESTED)
            .select_related("requester__membership__partner",
                            "requester__stakeholder_profile", "slot"))


def meeting_requests_for_slots_of(user) -> QuerySet[MeetingRequest]:
    """Every request for the user's slots, answered or not: the ones they may answer (the
    others answer 404)."""
    if not user.is_authenticated:
        return MeetingRequest.objects.none()
    return MeetingRequest.objects.select_related("slot").filter(slot__participant=user)


def event_slots(event) -> QuerySet[Slot]:
    accepted = MeetingRequest.objects.filter(slot=OuterRef("pk"),
                                             status=MeetingRequest.Status.ACCEPTED)
    return (Slot.objects.filter(event=event)
            .select_related("participant__membership__partner",
                            "participant__stakeholder_profile")
            .annotate(is_taken=Exists(accepted)).order_by("starts_at", "pk"))


def agenda_of(user, event) -> QuerySet[MeetingRequest]:
    """A participant's accepted meetings at an event, as slot owner or requester."""
    return (MeetingRequest.objects.filter(slot__event=event, status=MeetingRequest.Status.ACCEPTED)
            .filter(Q(slot__participant=user) | Q(requester=user))
            .select_related("slot__participant__membership__partner",
                            "slot__participant__stakeholder_profile",
                            "requester__membership__partner", "requester__stakeholder_profile",
                            "slot__event")
            .order_by("starts_at"))


# --- what waits for the user (the dashboard's "needs you") ---------------------------------

def interests_awaiting(user) -> QuerySet[Interest]:
    """Expressions of interest waiting for this user, oldest first: for the coordinators,
    those still to be brokered; for an opportunity's side, introductions to follow up."""
    if may_moderate_matchmaking(user):
        return brokering_queue().filter(
            state__in=[Interest.State.EXPRESSED, Interest.State.UNDER_REVIEW])
    participant = participant_of(user)
    if participant is None:
        return Interest.objects.none()
    return (Interest.objects.filter(introduced_to_side_q(participant),
                                    state=Interest.State.INTRODUCED)
            .select_related("opportunity").order_by("created_at", "pk"))


def meeting_requests_awaiting(user) -> QuerySet[MeetingRequest]:
    """Requests to meet in the user's B2B slots that they have not answered, soonest first."""
    if not user.is_authenticated:
        return MeetingRequest.objects.none()
    return (MeetingRequest.objects.filter(slot__participant=user,
                                          status=MeetingRequest.Status.REQUESTED,
                                          starts_at__gt=timezone.now())
            .select_related("slot__event", "requester").order_by("starts_at", "pk"))
