"""Read-side queries: which consultations a user may see, a thread as a tree, and what the
consultation pages list (documents, ratings, participants, blocks, the moderation log)."""
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import dateformat, timezone
from django.utils.formats import get_format

from clusterpolisee.core.models import Activity
from clusterpolisee.core.permissions import membership_of, partner_id_of
from clusterpolisee.users.models import StakeholderProfile, User

from .models import (
    Comment,
    Consultation,
    ConsultationAttachment,
    ConsultationBlock,
    Flag,
    RatingAnswer,
    Reaction,
)

Audience = Consultation.Audience
State = Consultation.State


def _audience_condition(user) -> Q:
    """The audience rule of ``rules.is_in_audience`` as a query condition."""
    condition = Q(audience=Audience.PUBLIC)
    partner_id = partner_id_of(user)
    if partner_id:
        wg_model = apps.get_model("workgroups", "WorkingGroup")
        own_wgs = wg_model.objects.filter(Q(member_partners=partner_id) | Q(coordinators=user))
        condition |= Q(audience=Audience.STAKEHOLDERS)
        condition |= Q(audience=Audience.PARTNERS, working_group=None)
        condition |= Q(audience=Audience.PARTNERS, working_group__in=own_wgs.values("id"))
    elif not user.is_superuser:
        approved = StakeholderProfile.objects.filter(
            user=user.pk, state=StakeholderProfile.State.APPROVED)
        condition |= Q(Q(audience=Audience.STAKEHOLDERS) & Q(Exists(approved)))
    return condition


def _moderator_condition(user) -> Q:
    return Q(owner=user) | Q(working_group__coordinators=user)


def consultations_visible_to(user) -> QuerySet[Consultation]:
    """Consultations the user may open: their audience's non-drafts, and what they moderate."""
    base = Consultation.objects.select_related("working_group", "work_package", "owner")
    if not user.is_authenticated:
        return base.none()
    if user.is_superuser:
        return base
    visible = (~Q(state=State.DRAFT) & _audience_condition(user))
    moderated = Consultation.objects.filter(_moderator_condition(user)).values("id")
    return base.filter(visible | Q(id__in=moderated))


def consultations_open_to(user) -> QuerySet[Consultation]:
    """Open consultations the user may comment on now, closing soonest first."""
    if not user.is_authenticated:
        return Consultation.objects.none()
    now = timezone.now()
    qs = Consultation.objects.select_related("working_group").filter(
        state=State.OPEN, opens_at__lte=now, closes_at__gt=now)
    if not user.is_superuser:
        qs = qs.filter(_audience_condition(user))
    blocked = ConsultationBlock.objects.filter(consultation=OuterRef("pk"), user=user.pk)
    return qs.exclude(Exists(blocked)).order_by("closes_at", "id")


def consultation_list(user, *, phase: str = "", working_group=None) -> QuerySet[Consultation]:
    """The listing: visible consultations with their comment counts, filtered."""
    now = timezone.now()
    qs = consultations_visible_to(user).annotate(
        n_comments=Count("comments", filter=Q(comments__deleted_at=None,
                                              comments__hidden_at=None)))
    if phase == "open":
        qs = qs.filter(state=State.OPEN, closes_at__gt=now)
    elif phase == "closed":
        qs = qs.filter(Q(state__in=[State.CLOSED, State.SUMMARISED])
                       | Q(state=State.OPEN, closes_at__lte=now))
    elif phase == "draft":
        qs = qs.filter(state=State.DRAFT)
    if working_group is not None:
        qs = qs.filter(working_group=working_group)
    return qs.order_by("-opens_at", "-id")


@dataclass(slots=True)
class ThreadComment:
    """A comment as the thread page shows it: plain data, no model instance per row."""

    pk: int
    parent_id: int | None
    depth: int
    author_id: int
    author: object
    who: dict
    body_html: str
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    hidden_at: datetime | None
    hidden_reason: str
    n_agree: int = 0
    n_disagree: int = 0
    my_agree: bool = False
    my_disagree: bool = False
    flagged_by_me: bool = False
    can_edit: bool = False
    # shown as is, worked out once here rather than by the template's filters per comment
    author_name: str = ""
    created_iso: str = ""
    created_local: datetime | None = None

    @property
    def created_text(self) -> str:
        # formatted only for the comments a page shows, in the reader's locale
        return dateformat.format(self.created_local, get_format("SHORT_DATETIME_FORMAT"))

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


THREAD_FIELDS = ("id", "parent_id", "depth", "author_id", "body_html", "created_at", "edited_at",
                 "deleted_at", "hidden_at", "hidden_reason")


def thread_of(consultation, user, *, only=None) -> list[ThreadComment]:
    """Every comment of the consultation in reading order (each followed by its replies).

    ``only`` (a queryset of comment ids) narrows it to part of the consultation, e.g. the
    comments on one paragraph of a strategy in its comment phase.

    A constant four queries whatever the size: the comments (as rows, not model
    instances), their authors (with partner, country and stakeholder profile) once each,
    the thread's reactions (counted here, with this user's own among them) and this
    user's flags. The tree is
    put together here rather than by a query per level; a 500-comment thread stays cheap
    (bench/consultation_thread.py).
    """
    comments = Comment.objects.filter(consultation=consultation)
    reactions = Reaction.objects.filter(comment__consultation=consultation)
    flags = Flag.objects.filter(comment__consultation=consultation)
    if only is not None:
        comments = comments.filter(id__in=only)
        reactions = reactions.filter(comment_id__in=only)
        flags = flags.filter(comment_id__in=only)
    rows = list(comments.order_by("created_at", "id").values_list(*THREAD_FIELDS))
    authors = User.objects.filter(id__in={row[3] for row in rows}).select_related(
        "membership__partner__country", "stakeholder_profile__country")
    by_id = {author.pk: (author, participant_of(author), str(author)) for author in authors}
    # every reaction of the thread as bare tuples: the counts and this user's own reactions
    # come from one pass over them, cheaper than a grouped query plus a query of one's own
    agree, disagree = Reaction.Kind.AGREE.value, Reaction.Kind.DISAGREE.value
    counts: dict[int, list[int]] = {}
    mine: dict[int, str] = {}
    user_id = user.pk if user.is_authenticated else None
    for comment_id, kind, reactor_id in reactions.values_list("comment_id", "kind", "user_id"):
        pair = counts.get(comment_id)
        if pair is None:
            pair = counts[comment_id] = [0, 0]
        pair[kind != agree] += 1
        if reactor_id == user_id:
            mine[comment_id] = kind
    flagged = set()
    if user_id is not None:
        flagged = set(flags.filter(user=user_id).values_list("comment_id", flat=True))
    no_reactions = (0, 0)
    tz = timezone.get_current_timezone()  # once, not per comment
    children: dict[int | None, list[ThreadComment]] = {}
    for pk, parent_id, depth, author_id, body_html, created, edited, deleted, hidden, reason \
            in rows:
        author, who, name = by_id[author_id]
        mine_kind = mine.get(pk)
        n_agree, n_disagree = counts.get(pk, no_reactions)
        local = created.astimezone(tz)
        comment = ThreadComment(
            pk, parent_id, depth, author_id, author, who, body_html, created, edited,
            deleted, hidden, reason, n_agree, n_disagree, mine_kind == agree,
            mine_kind == disagree, pk in flagged, author_name=name,
            created_iso=local.isoformat(), created_local=local)
        siblings = children.get(parent_id)
        if siblings is None:
            children[parent_id] = [comment]
        else:
            siblings.append(comment)
    ordered: list[ThreadComment] = []

    def walk(parent_id):
        for comment in children.get(parent_id, []):
            ordered.append(comment)
            walk(comment.pk)

    walk(None)
    return ordered


THREAD_PAGE_SIZE = 20  # top-level comments per page, each with all its replies, as Decidim


@dataclass
class ThreadPage:
    """One page of a thread: its comments in reading order and where it sits among the pages."""

    comments: list[ThreadComment]
    number: int
    num_pages: int
    n_shown: int  # comments of the whole thread neither deleted nor hidden

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def page_range(self) -> range:
        return range(1, self.num_pages + 1)


def thread_page(consultation, user, *, page=1, comment_id=None,
                per_page=THREAD_PAGE_SIZE) -> ThreadPage:
    """A page of ``per_page`` top-level comments with all their replies.

    ``comment_id`` (a comment of this consultation, e.g. from a notification's link) picks
    the page that shows it, overriding ``page``; a page past the last is the last page.
    One query for the thread's shape (ids, parents and states only, cheap even for thousands
    of comments), then ``thread_of`` for the page's comments alone: five queries whatever
    the size of the thread.
    """
    shape = list(Comment.objects.filter(consultation=consultation)
                 .order_by("created_at", "id")
                 .values_list("id", "parent_id", "deleted_at", "hidden_at"))
    parent_of = {pk: parent_id for pk, parent_id, _, _ in shape}
    roots = [pk for pk, parent_id, _, _ in shape if parent_id is None]
    n_shown = sum(1 for _, _, deleted, hidden in shape if deleted is None and hidden is None)
    num_pages = max(1, -(-len(roots) // per_page))
    if comment_id in parent_of:
        root = comment_id
        while parent_of[root] is not None:
            root = parent_of[root]
        page = roots.index(root) // per_page + 1
    number = min(max(1, page), num_pages)
    replies: dict[int, list[int]] = {}
    for pk, parent_id in parent_of.items():
        if parent_id is not None:
            replies.setdefault(parent_id, []).append(pk)
    ids = roots[(number - 1) * per_page:number * per_page]
    for pk in ids:  # grows as it goes: each comment's replies join the page after it
        ids.extend(replies.get(pk, ()))
    comments = thread_of(consultation, user, only=ids) if ids else []
    return ThreadPage(comments, number, num_pages, n_shown)


def participant_of(comment_author) -> dict:
    """Participant type, partner and country of a comment's author (already joined)."""
    membership = membership_of(comment_author)
    if membership is not None:
        partner = membership.partner
        return {"type": "partner", "partner": partner.label, "country": partner.country}
    profile = getattr(comment_author, "stakeholder_profile", None)
    if profile is not None:
        return {"type": "stakeholder", "partner": profile.organisation, "country": profile.country}
    return {"type": "other", "partner": "", "country": None}


def results_of(consultation) -> dict:
    """Counts for the results view: comments by partner, country and participant type,
    and honest counts of hidden and deleted comments."""
    comments = list(comments_with_authors(consultation))
    shown = [c for c in comments if not c.is_deleted and not c.is_hidden]
    by_partner, by_country, by_type = Counter(), Counter(), Counter()
    people: dict[str, set] = {"partner": set(), "stakeholder": set(), "other": set()}
    for comment in shown:
        who = participant_of(comment.author)
        by_type[who["type"]] += 1
        people[who["type"]].add(comment.author_id)
        if who["type"] == "partner":
            by_partner[who["partner"]] += 1
        if who["country"] is not None:
            by_country[who["country"].display_name] += 1
    ratings = list(consultation.ratings.values_list("value", flat=True))
    return {
        "total": len(comments),
        "shown": len(shown),
        "hidden": sum(1 for c in comments if c.is_hidden and not c.is_deleted),
        "deleted": sum(1 for c in comments if c.is_deleted),
        "by_partner": sorted(by_partner.items(), key=lambda kv: (-kv[1], kv[0])),
        "by_country": sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0])),
        "by_type": {kind: {"comments": by_type[kind], "people": len(ids)}
                    for kind, ids in people.items()},
        "ratings": {n: ratings.count(n) for n in range(1, 6)},
        "n_ratings": len(ratings),
        "mean_rating": round(sum(ratings) / len(ratings), 2) if ratings else None,
    }


def consultations_moderated_by(user) -> QuerySet[Consultation]:
    """Consultations whose comments the user moderates: owned ones, those of the WGs they
    coordinate; all of them for platform admins (``rules.can_moderate_consultation`` as a
    query)."""
    base = Consultation.objects.select_related("working_group")
    if not user.is_authenticated:
        return base.none()
    if user.is_superuser and user.is_active:
        return base
    return base.filter(id__in=Consultation.objects.filter(_moderator_condition(user))
                       .values("id"))


class QueueState:
    FLAGGED = "flagged"
    HIDDEN = "hidden"


def moderation_queue(user, *, state: str = QueueState.FLAGGED, consultation=None,
                     working_group=None, reason: str = "") -> QuerySet[Comment]:
    """Comments of every consultation the user moderates that wait for a moderator.

    ``flagged``: comments with open flags, most flagged first; ``hidden``: hidden
    comments, latest first (to show them again). ``reason`` searches the open flags'
    reasons (for hidden comments also the reason shown in their place). Each comment
    carries ``n_flags`` and ``open_flags``; a page of them costs two queries.
    """
    open_flags = Flag.objects.filter(resolved_at=None)
    qs = (Comment.objects
          .filter(consultation__in=consultations_moderated_by(user).values("id"))
          .select_related("author", "hidden_by", "consultation__working_group")
          .annotate(n_flags=Count("flags", filter=Q(flags__resolved_at=None)))
          .prefetch_related(Prefetch("flags", to_attr="open_flags",
                                     queryset=open_flags.select_related("user")
                                     .order_by("created_at", "id"))))
    if consultation is not None:
        qs = qs.filter(consultation=consultation)
    if working_group is not None:
        qs = qs.filter(consultation__working_group=working_group)
    flag_reason = Exists(open_flags.filter(comment=OuterRef("pk"), reason__icontains=reason))
    if state == QueueState.HIDDEN:
        qs = qs.filter(hidden_at__isnull=False)
        if reason:
            qs = qs.filter(Q(hidden_reason__icontains=reason) | Q(flag_reason))
        return qs.order_by("-hidden_at", "-id")
    qs = qs.filter(n_flags__gt=0)
    if reason:
        qs = qs.filter(flag_reason)
    return qs.order_by("-n_flags", "created_at", "id")


def flagged_count_for(user) -> int:
    """How many comments wait in the user's moderation queue (the dashboard's count)."""
    if not user.is_authenticated:
        return 0
    return (Comment.objects
            .filter(consultation__in=consultations_moderated_by(user).values("id"))
            .filter(_has_open_flag()).count())


def _has_open_flag():
    # Exists, not ``flags__resolved_at=None``: across the reverse relation that filter is
    # a LEFT JOIN ... IS NULL, which also matched every comment that was never flagged
    return Exists(Flag.objects.filter(comment=OuterRef("pk"), resolved_at=None))


def flagged_comments(consultation) -> QuerySet[Comment]:
    """The moderation queue: comments with unresolved flags, most flagged first."""
    open_flags = Q(flags__resolved_at=None)
    return (Comment.objects.filter(consultation=consultation).filter(_has_open_flag())
            .select_related("author", "hidden_by")
            .annotate(n_flags=Count("flags", filter=open_flags, distinct=True))
            .prefetch_related(Prefetch("flags", to_attr="open_flags",
                                       queryset=Flag.objects.filter(resolved_at=None)
                                       .select_related("user")))
            .order_by("-n_flags", "created_at"))


def hidden_comments(consultation) -> QuerySet[Comment]:
    return (Comment.objects.filter(consultation=consultation, hidden_at__isnull=False)
            .select_related("author", "hidden_by").order_by("-hidden_at"))


def comments_of(consultation) -> QuerySet[Comment]:
    """The consultation's comments as model instances, for the pages that act on one."""
    return (Comment.objects.filter(consultation=consultation)
            .select_related("consultation__working_group", "consultation__owner"))


def comment_of(consultation, comment_id) -> Comment | None:
    """One comment of the consultation (the one replied to), or ``None``."""
    return Comment.objects.filter(consultation=consultation, pk=comment_id).first()


def comments_with_authors(consultation) -> QuerySet[Comment]:
    """Every comment ever posted, in order, with who wrote it (partner or organisation and
    country already joined): results and exports."""
    return (Comment.objects.filter(consultation=consultation)
            .select_related("author__membership__partner__country",
                            "author__stakeholder_profile__country")
            .order_by("created_at", "id"))


def attachments_of(consultation) -> QuerySet[ConsultationAttachment]:
    return ConsultationAttachment.objects.filter(consultation=consultation)


def rating_of(consultation, user) -> int | None:
    """The user's own rating of the consultation, if they gave one."""
    return (RatingAnswer.objects.filter(consultation=consultation, user=user.pk)
            .values_list("value", flat=True).first())


def ratings_of(consultation) -> list[tuple[int, datetime]]:
    """(value, answered at) of every rating, oldest first (exports)."""
    return list(RatingAnswer.objects.filter(consultation=consultation)
                .order_by("answered_at").values_list("value", "answered_at"))


def participants_of(consultation) -> QuerySet[User]:
    """Who commented, except the owner: the people a moderator may block."""
    return (User.objects.filter(consultation_comments__consultation=consultation)
            .exclude(pk=consultation.owner_id).distinct().order_by("full_name", "email"))


def blocks_of(consultation) -> QuerySet[ConsultationBlock]:
    return ConsultationBlock.objects.filter(consultation=consultation).select_related(
        "user", "blocked_by")


MODERATION_VERBS = ("consultation.comment_hidden", "consultation.comment_unhidden",
                    "consultation.user_blocked", "consultation.user_unblocked",
                    "consultation.flags_dismissed")


def moderation_log(consultation, *, limit: int = 50) -> QuerySet[Activity]:
    """The moderation actions on the consultation, as the one activity log recorded them."""
    return (Activity.objects.filter(target_type__app_label="consultations",
                                    target_type__model="consultation",
                                    target_id=str(consultation.pk),
                                    verb__in=MODERATION_VERBS)
            .select_related("actor")[:limit])


def stakeholder_profiles() -> QuerySet[StakeholderProfile]:
    """Every stakeholder's sign-up, for the people who approve the user group."""
    return StakeholderProfile.objects.select_related("user", "country", "approved_by")


def stakeholder_sign_ups() -> QuerySet[StakeholderProfile]:
    """The approval page's list: every sign-up with the WGs it is interested in."""
    return stakeholder_profiles().prefetch_related("interests")
