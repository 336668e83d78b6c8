"""Read side of assessments: every page starts from one of these, already scoped.

Scores shown in comparisons are the *validated* final scores, averaged per dimension; a
round's aggregates (medians across partners) are computed from the same one query.
"""
from dataclasses import dataclass, field
from statistics import median

from django.apps import apps
from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from clusterpolisee.core.permissions import partner_id_of

from .models import (
    Answer,
    Assessment,
    Criterion,
    Dimension,
    Framework,
    LearningRequest,
    ReviewComment,
    Round,
)

LOW_SCORE, HIGH_SCORE = 2, 4


def rounds_visible_to(user) -> QuerySet[Round]:
    """Rounds are listed to everybody; what a round page shows depends on the reader."""
    return Round.objects.select_related("framework").order_by("-deadline", "-id")


def _reviewed_ids(user):
    if not user.is_authenticated or user.is_superuser:
        return Assessment.objects.none().values("id")
    return get_objects_for_user(user, "assessments.review_assessment", klass=Assessment,
                                with_superuser=False, accept_global_perms=False).values("id")


def assessments_visible_to(user) -> QuerySet[Assessment]:
    """Drafts for their partner's staff; the rest for all partner staff and platform admins;
    reviewers what they review; nothing for stakeholders and visitors."""
    base = Assessment.objects.select_related("round__framework", "partner__country")
    if not user.is_authenticated:
        return base.none()
    partner_id = partner_id_of(user)
    visible = Q(pk__in=_reviewed_ids(user))
    if partner_id or user.is_superuser:
        visible |= ~Q(state=Assessment.State.DRAFT)
    if partner_id:
        visible |= Q(partner_id=partner_id)
    return base.filter(visible)


def own_assessments_by_round(user) -> dict[int, Assessment]:
    """The user's partner's assessments, by round id."""
    partner_id = partner_id_of(user)
    if not partner_id:
        return {}
    return {a.round_id: a for a in Assessment.objects.filter(partner_id=partner_id)}


def own_assessment_in(round_: Round, user) -> Assessment | None:
    return Assessment.objects.filter(round=round_, partner_id=partner_id_of(user)).first()


def assessments_to_coordinate(user) -> QuerySet[Assessment]:
    """Submitted assessments and those in review, of other partners, for a coordinator."""
    return (assessments_visible_to(user)
            .filter(state__in=[Assessment.State.SUBMITTED, Assessment.State.IN_REVIEW])
            .exclude(partner_id=partner_id_of(user)).order_by("round", "partner__name"))


def submitted_assessments_in(round_: Round, user) -> QuerySet[Assessment]:
    return (assessments_visible_to(user).filter(round=round_)
            .exclude(state=Assessment.State.DRAFT).order_by("partner__name"))


def frameworks() -> QuerySet[Framework]:
    return Framework.objects.all()


def criteria_of(framework_id) -> QuerySet[Criterion]:
    return Criterion.objects.select_related("dimension").filter(
        dimension__framework_id=framework_id)


def dimensions_of(framework_id) -> QuerySet[Dimension]:
    return Dimension.objects.filter(framework_id=framework_id)


def answers_with_round(assessment: Assessment) -> QuerySet[Answer]:
    return Answer.objects.select_related("criterion", "assessment__round").filter(
        assessment=assessment)


def account_with_pk(pk):
    """The account a form names by id, or None."""
    return apps.get_model("users", "User").objects.filter(pk=pk).first()


def evidence_documents_of(assessment: Assessment) -> list:
    """The assessed partner's documents every partner may read: what evidence may link."""
    Document = apps.get_model("partners", "Document")
    return list(Document.objects.filter(
        partner_id=assessment.partner_id,
        visibility__in=[Document.Visibility.ALL_PARTNERS, Document.Visibility.PUBLIC])
        .order_by("title")[:100])


def evidence_practices_by_wg(user, wg_ids) -> dict[int, list]:
    """Good practices ``user`` may see in each of these WGs, by WG id: one query."""
    from knowledge.selectors import practices_visible_to

    GoodPracticePage = apps.get_model("knowledge", "GoodPracticePage")
    through = GoodPracticePage.working_groups.through
    rows = (through.objects.filter(workinggroup_id__in=wg_ids,
                                   goodpracticepage_id__in=practices_visible_to(user)
                                   .values("id"))
            .select_related("goodpracticepage").order_by("goodpracticepage__title"))
    practices: dict[int, list] = {}
    for row in rows:
        practices.setdefault(row.workinggroup_id, []).append(row.goodpracticepage)
    return practices


def practice_visible_to(user, pk):
    """One good practice ``user`` may see, or None."""
    from knowledge.selectors import practices_visible_to

    return practices_visible_to(user).filter(pk=pk).first()


def learning_requests_visible_to(user) -> QuerySet[LearningRequest]:
    base = LearningRequest.objects.select_related("learner", "mentor", "dimension", "round",
                                                  "practice")
    if not user.is_authenticated:
        return base.none()
    if user.is_superuser:
        return base
    partner_id = partner_id_of(user)
    if not partner_id:
        return base.none()
    return base.filter(Q(learner_id=partner_id) | Q(mentor_id=partner_id))


def learning_requests_asked_in(round_: Round, user) -> QuerySet[LearningRequest]:
    """The requests the user's partner sent in this round."""
    return learning_requests_visible_to(user).filter(round=round_,
                                                     learner_id=partner_id_of(user))


def learning_requests_in(round_: Round, user) -> QuerySet[LearningRequest]:
    """The requests of this round the user's partner sent or received."""
    partner_id = partner_id_of(user)
    return (learning_requests_visible_to(user).filter(round=round_)
            .filter(Q(mentor_id=partner_id) | Q(learner_id=partner_id)))


def framework_tree(framework: Framework) -> list[Dimension]:
    """Dimensions with their criteria and levels, in three queries."""
    return list(Dimension.objects.filter(framework=framework).prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("position", "id")
                 .prefetch_related("levels"))).order_by("position", "id"))


def answers_of(assessment: Assessment) -> dict[int, Answer]:
    """The assessment's answers by criterion id, with evidence links and reviews."""
    answers = (Answer.objects.filter(assessment=assessment)
               .prefetch_related("documents", "practices",
                                 Prefetch("reviews", queryset=ReviewComment.objects
                                          .select_related("reviewer__membership__partner"))))
    return {answer.criterion_id: answer for answer in answers}


def reviewers_of(assessment: Assessment):
    User = apps.get_model("users", "User")
    return (User.objects.filter(assessmentuserobjectpermission__content_object=assessment,
                                assessmentuserobjectpermission__permission__codename=
                                "review_assessment")
            .select_related("membership__partner").distinct().order_by("full_name"))


def assessments_awaiting_review_by(user) -> QuerySet[Assessment]:
    return (Assessment.objects.filter(pk__in=_reviewed_ids(user),
                                      state=Assessment.State.IN_REVIEW)
            .select_related("round", "partner"))


# --- scores ------------------------------------------------------------------------------

@dataclass
class RoundScores:
    """Validated scores of one round: per partner, per dimension (averaged over criteria)."""

    round: Round
    dimensions: list[Dimension]
    partners: list  # partners with a validated assessment, by name
    scores: dict[int, dict[int, float]] = field(default_factory=dict)  # partner -> dim -> avg

    def medians(self) -> dict[int, float | None]:
        result = {}
        for dimension in self.dimensions:
            values = [row[dimension.pk] for row in self.scores.values() if dimension.pk in row]
            result[dimension.pk] = round(median(values), 2) if values else None
        return result

    def of(self, partner_id) -> dict[int, float]:
        return self.scores.get(partner_id, {})


def round_scores(round_: Round) -> RoundScores:
    """Two queries (dimensions, then scores with partner names) whatever the partner count."""
    dimensions = list(Dimension.objects.filter(framework_id=round_.framework_id)
                      .order_by("position", "id"))
    rows = (Answer.objects.filter(assessment__round=round_,
                                  assessment__state=Assessment.State.VALIDATED,
                                  final_score__isnull=False)
            .values("assessment__partner_id", "assessment__partner__name",
                    "assessment__partner__short_name", "assessment__partner__slug",
                    "criterion__dimension_id")
            .annotate(avg=Avg("final_score"))
            .order_by("assessment__partner__name"))
    scores: dict[int, dict[int, float]] = {}
    partners = {}
    for row in rows:
        pid = row["assessment__partner_id"]
        partners.setdefault(pid, PartnerRef(pid, row["assessment__partner__name"],
                                            row["assessment__partner__short_name"],
                                            row["assessment__partner__slug"]))
        scores.setdefault(pid, {})[row["criterion__dimension_id"]] = round(float(row["avg"]), 2)
    return RoundScores(round=round_, dimensions=dimensions, partners=list(partners.values()),
                       scores=scores)


@dataclass(frozen=True)
class PartnerRef:
    id: int
    name: str
    short_name: str
    slug: str

    @property
    def label(self):
        return self.short_name or self.name


def previous_round(round_: Round) -> Round | None:
    """The round before this one on the same framework name (so dimensions match by code)."""
    return (Round.objects.filter(deadline__lt=round_.deadline,
                                 framework__name_en=round_.framework.name_en)
            .select_related("framework")
            .order_by("-deadline").first())


def scores_by_code(scores: RoundScores, partner_id) -> dict[str, float]:
    own = scores.of(partner_id)
    return {d.code: own[d.pk] for d in scores.dimensions if d.pk in own}


def strong_partners_on(scores: RoundScores, dimension_ids, *, exclude_partner_id=None):
    """Partners scoring HIGH_SCORE or more on each of the given dimensions."""
    found = {}
    for dimension_id in dimension_ids:
        found[dimension_id] = [
            partner for partner in scores.partners
            if partner.id != exclude_partner_id
            and scores.of(partner.id).get(dimension_id, 0) >= HIGH_SCORE]
    return found


def latest_validated_round() -> Round | None:
    return (Round.objects.filter(assessments__state=Assessment.State.VALIDATED)
            .order_by("-deadline").first())


def latest_validated_round_of(partner_id) -> Round | None:
    return (Round.objects.filter(assessments__partner_id=partner_id,
                                 assessments__state=Assessment.State.VALIDATED)
            .order_by("-deadline").first())


def pairs_for_dashboard(user) -> list[LearningRequest]:
    """Accepted pairs of the user's partner and requests waiting for its answer."""
    partner_id = partner_id_of(user)
    if not partner_id:
        return []
    return list(learning_requests_visible_to(user)
                .filter(Q(state=LearningRequest.State.ACCEPTED)
                        | Q(state=LearningRequest.State.PENDING, mentor_id=partner_id))
                .order_by("state", "-created_at")[:10])


def practices_by_partner_and_wg(user, partner_ids, wg_ids):
    """Visible good practices of these partners in these WGs: one query, grouped."""
    from knowledge.selectors import practices_visible_to

    GoodPracticePage = apps.get_model("knowledge", "GoodPracticePage")
    through = GoodPracticePage.working_groups.through
    visible = practices_visible_to(user).filter(partner_id__in=partner_ids).values("id")
    rows = (through.objects.filter(goodpracticepage_id__in=visible,
                                   workinggroup_id__in=wg_ids)
            .select_related("goodpracticepage").order_by("goodpracticepage__title"))
    grouped: dict[tuple[int, int], list] = {}
    for row in rows:
        page = row.goodpracticepage
        grouped.setdefault((page.partner_id, row.workinggroup_id), []).append(page)
    return grouped


def profiles_by_partner(user, partner_ids) -> dict:
    from matchmaking.selectors import profiles_visible_to

    return {p.partner_id: p for p in profiles_visible_to(user).filter(partner_id__in=partner_ids)}


def submission_counts(round_: Round) -> dict[str, int]:
    return dict(Assessment.objects.filter(round=round_).values_list("state")
                .annotate(n=Count("id")).values_list("state", "n"))


def partner_leads_one_of(partner_id, work_package_codes) -> bool:
    """Whether the partner leads one of these work packages (WP4, WP5: the assessment's)."""
    return apps.get_model("workgroups", "WorkPackage").objects.filter(
        code__in=work_package_codes, lead_partner_id=partner_id).exists()
