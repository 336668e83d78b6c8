"""Write side of assessments. Each service checks the same registered permission the
views ask (``check_perm``: the rule without Django's superuser shortcut), runs in one
transaction and records activity, so the notifications follow without this app knowing
about them."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from clusterpolisee.core.labels import texts_of
from clusterpolisee.core.models import Activity
from clusterpolisee.core.permissions import allowed, check_perm, membership_of
from clusterpolisee.core.services import activity_record

from .models import (
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Assessment,
    Criterion,
    Framework,
    LearningRequest,
    ReviewComment,
    Round,
)

MAX_REVIEWERS = 2
TEXT_FIELDS = ("evidence", "past_actions", "current_state", "vision")


def _partner_scope(assessment):
    return {"partner": assessment.partner, "visibility": Activity.Visibility.PARTNER}


# --- framework ---------------------------------------------------------------------------

@transaction.atomic
def framework_new_version(*, framework: Framework) -> Framework:
    """Copy a framework (dimensions, criteria, levels) as the next version, to edit freely."""
    # the copy keeps every language's texts; versions are told apart by the English name
    latest = Framework.objects.filter(name_en=framework.name_en).order_by("-version").first()
    copy = Framework.objects.create(version=latest.version + 1,
                                    **texts_of(framework, "name", "description"))
    for dimension in framework.dimensions.prefetch_related("criteria__levels"):
        new_dimension = copy.dimensions.create(
            code=dimension.code, position=dimension.position,
            working_group_id=dimension.working_group_id,
            **texts_of(dimension, "title", "description"))
        for criterion in dimension.criteria.all():
            new_criterion = new_dimension.criteria.create(
                code=criterion.code, position=criterion.position,
                **texts_of(criterion, "title", "guidance"))
            new_criterion.levels.bulk_create([
                type(level)(criterion=new_criterion, score=level.score,
                            **texts_of(level, "descriptor")) for level in criterion.levels.all()])
    return copy


FRAMEWORK_MODELS = ("framework", "dimension", "criterion", "level")


@transaction.atomic
def framework_editors_grant(*, group) -> None:
    """Let a group (Wagtail's Editors) manage the framework in /cms/. Migration 0003 does
    the same once; this restores it, e.g. for the demo after a flush."""
    from django.contrib.auth.models import Permission

    group.permissions.add(*Permission.objects.filter(
        content_type__app_label="assessments", content_type__model__in=FRAMEWORK_MODELS,
        codename__regex=r"^(add|change|delete|view)_"))


def _check_framework_complete(framework):
    criteria = Criterion.objects.filter(dimension__framework=framework).prefetch_related("levels")
    if not criteria:
        raise ValidationError(_("The framework has no criteria yet."))
    for criterion in criteria:
        scores = sorted(level.score for level in criterion.levels.all())
        if scores != list(range(SCALE_MIN, SCALE_MAX + 1)):
            raise ValidationError(_("Criterion “%(c)s” needs a descriptor for each level from "
                                    "1 to 5.") % {"c": criterion.title})


# --- rounds ------------------------------------------------------------------------------

@transaction.atomic
def round_open(*, user, title: str, framework: Framework, deadline) -> Round:
    check_perm(user, "assessments.open_round",
               message=_("Only platform admins and the admins of the WP4/WP5 lead partners "
                         "open rounds."))
    if deadline is None or deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    _check_framework_complete(framework)
    round_ = Round(title=title, framework=framework, deadline=deadline, opened_by=user,
                   state=Round.State.OPEN)
    round_.full_clean()
    round_.save()
    activity_record(actor=user, verb="assessment.round_opened", target=round_,
                    visibility=Activity.Visibility.PARTNERS)
    return round_


@transaction.atomic
def round_set_publication(*, user, round_: Round, publish: bool) -> Round:
    check_perm(user, "assessments.manage_round", round_,
               message=_("Only platform admins and the admins of the WP4/WP5 lead partners "
                         "publish."))
    round_.publish_aggregates = publish
    round_.save(update_fields=["publish_aggregates"])
    return round_


def rounds_close_past_deadline(*, now=None) -> list[int]:
    """Close every open round whose deadline passed; the ids it closed. Each row is locked
    and re-read, so a second run, or two at once, close each round once."""
    now = now or timezone.now()
    closed = []
    for round_id in list(Round.objects.filter(state=Round.State.OPEN, deadline__lte=now)
                         .order_by("deadline", "id").values_list("id", flat=True)):
        with transaction.atomic():
            round_ = (Round.objects.select_for_update()
                      .filter(pk=round_id, state=Round.State.OPEN, deadline__lte=now).first())
            if round_ is None:
                continue
            round_.state = Round.State.CLOSED
            round_.save(update_fields=["state"])
            activity_record(actor=None, verb="assessment.round_closed", target=round_,
                            visibility=Activity.Visibility.PARTNERS)
            closed.append(round_id)
    return closed


# --- self-assessment ---------------------------------------------------------------------

def assessment_for(*, round_: Round, partner) -> Assessment:
    assessment, _created = Assessment.objects.get_or_create(round=round_, partner=partner)
    return assessment


def _evidence_documents(user, assessment, document_ids):
    from partners.models import Document

    if not document_ids:
        return []
    documents = list(Document.objects.filter(pk__in=document_ids))
    if len(documents) != len(set(document_ids)):
        raise ValidationError({"documents": _("One of the chosen documents does not exist.")})
    foreign = [d for d in documents if d.partner_id != assessment.partner_id]
    if foreign:
        raise ValidationError({"documents": _(
            "“%(title)s” is not your partner's document; evidence links only to your own "
            "documents.") % {"title": foreign[0].title}})
    # a submitted assessment is read user every partner's staff, so its evidence must be too
    readable = (Document.Visibility.ALL_PARTNERS, Document.Visibility.PUBLIC)
    private = [d for d in documents if d.visibility not in readable]
    if private:
        raise ValidationError({"documents": _(
            "“%(title)s” is not shared with all partners, so reviewers and other partners "
            "could not open it. Share it with all partners first, or choose another "
            "document.") % {"title": private[0].title}})
    return documents


def _evidence_practices(user, practice_ids):
    from knowledge.selectors import practices_visible_to

    if not practice_ids:
        return []
    practices = list(practices_visible_to(user).filter(pk__in=practice_ids))
    if len(practices) != len(set(practice_ids)):
        raise ValidationError({"practices": _("One of the chosen good practices is not "
                                              "visible to you.")})
    return practices


@transaction.atomic
def answer_save(*, user, assessment: Assessment, criterion: Criterion, score=None,
                evidence="", past_actions="", current_state="", vision="",
                document_ids=(), practice_ids=()) -> Answer:
    """Save one criterion of a draft (autosave or the save button). A partial answer is
    fine in a draft; an invalid one (a score off the scale, a document the partner may not
    share) is refused whole."""
    assessment = Assessment.objects.select_for_update().select_related("round").get(
        pk=assessment.pk)
    if not assessment.round.is_accepting and assessment.is_draft and allowed(
            user, "assessments.view_assessment", assessment):
        raise ValidationError(_("The deadline of this round has passed; drafts are closed."))
    check_perm(user, "assessments.edit_draft", assessment,
               message=_("Only your partner's staff edit this draft, and only before it is "
                         "submitted."))
    if criterion.dimension.framework_id != assessment.round.framework_id:
        raise ValidationError(_("This criterion is not part of the round's framework."))
    if score in ("", None):
        score = None
    else:
        try:
            score = int(score)
        except (TypeError, ValueError):
            raise ValidationError({"score": _("Scores run from 1 to 5.")}) from None
    documents = _evidence_documents(user, assessment, list(document_ids))
    practices = _evidence_practices(user, list(practice_ids))
    answer = (Answer.objects.filter(assessment=assessment, criterion=criterion).first()
              or Answer(assessment=assessment, criterion=criterion))
    answer.score = score
    answer.evidence, answer.past_actions = evidence.strip(), past_actions.strip()
    answer.current_state, answer.vision = current_state.strip(), vision.strip()
    answer.updated_by = user
    answer.full_clean()
    answer.save()
    answer.documents.set(documents)
    answer.practices.set(practices)
    return answer


def missing_of(assessment: Assessment) -> list[tuple[Criterion, list[str]]]:
    """Each criterion of the framework with what its answer still lacks."""
    answers = {a.criterion_id: a for a in assessment.answers.all()}
    missing = []
    for criterion in (Criterion.objects.filter(dimension__framework_id=assessment.round
                                               .framework_id)
                      .select_related("dimension").order_by("dimension__position", "position")):
        answer = answers.get(criterion.pk) or Answer()
        lacking = answer.missing()
        if lacking:
            missing.append((criterion, lacking))
    return missing


@transaction.atomic
def assessment_submit(*, user, assessment: Assessment) -> Assessment:
    assessment = Assessment.objects.select_for_update().select_related("round", "partner").get(
        pk=assessment.pk)
    if assessment.is_draft and not assessment.round.is_accepting:
        raise ValidationError(_("The deadline of this round has passed; it no longer accepts "
                                "submissions."))
    check_perm(user, "assessments.submit_assessment", assessment,
               message=_("Only your partner's admins submit the self-assessment."))
    missing = missing_of(assessment)
    if missing:
        lines = [f"{criterion.dimension.title} – {criterion.title}: {', '.join(fields)}"
                 for criterion, fields in missing]
        raise ValidationError([_("The self-assessment is incomplete; still missing:")] + lines)
    assessment.state = Assessment.State.SUBMITTED
    assessment.submitted_at, assessment.submitted_by = timezone.now(), user
    assessment.save(update_fields=["state", "submitted_at", "submitted_by"])
    activity_record(actor=user, verb="assessment.submitted", target=assessment,
                    visibility=Activity.Visibility.PARTNERS)
    return assessment


# --- peer review -------------------------------------------------------------------------

@transaction.atomic
def reviewer_assign(*, user, assessment: Assessment, reviewer) -> Assessment:
    """Grant a person of another partner the review of a submitted assessment."""
    from .selectors import reviewers_of

    assessment = Assessment.objects.select_for_update().select_related("round", "partner").get(
        pk=assessment.pk)
    check_perm(user, "assessments.coordinate_review", assessment,
               message=_("Only a review coordinator from another partner assigns reviewers."))
    membership = membership_of(reviewer)
    if membership is None:
        raise ValidationError({"reviewer": _("Reviewers are staff of a partner.")})
    if membership.partner_id == assessment.partner_id:
        raise ValidationError({"reviewer": _("A partner cannot review its own self-assessment; "
                                             "choose someone from another partner.")})
    current = list(reviewers_of(assessment))
    if reviewer in current:
        raise ValidationError({"reviewer": _("This person already reviews it.")})
    if len(current) >= MAX_REVIEWERS:
        raise ValidationError({"reviewer": _("An assessment has at most two reviewers.")})
    assign_perm("assessments.review_assessment", reviewer, assessment)
    assessment.state = Assessment.State.IN_REVIEW
    assessment.coordinator = user
    assessment.save(update_fields=["state", "coordinator"])
    activity_record(actor=user, verb="assessment.reviewer_assigned", target=assessment,
                    detail=str(membership.partner), **_partner_scope(assessment))
    activity_record(actor=user, verb="assessment.reviewer_assigned", target=assessment,
                    detail=str(membership.partner), partner=membership.partner,
                    visibility=Activity.Visibility.PARTNER)
    return assessment


@transaction.atomic
def review_comment(*, user, answer: Answer, comment: str, proposed_score=None) -> ReviewComment:
    check_perm(user, "assessments.comment_as_reviewer", answer.assessment,
               message=_("Only an assigned reviewer comments, while the review is open."))
    if proposed_score in ("", None):
        proposed_score = None
    else:
        try:
            proposed_score = int(proposed_score)
        except (TypeError, ValueError):
            raise ValidationError({"proposed_score": _("Scores run from 1 to 5.")}) from None
    review = (ReviewComment.objects.filter(answer=answer, reviewer=user).first()
              or ReviewComment(answer=answer, reviewer=user))
    review.comment, review.proposed_score = comment.strip(), proposed_score
    review.full_clean()
    review.save()
    assessment = answer.assessment
    activity_record(actor=user, verb="assessment.reviewed", target=assessment,
                    detail=answer.criterion.title, **_partner_scope(assessment))
    # the coordinator validates once the reviews are in, so their partner hears of each one
    coordinator = membership_of(assessment.coordinator) if assessment.coordinator_id else None
    if coordinator is not None and coordinator.partner_id != assessment.partner_id:
        activity_record(actor=user, verb="assessment.reviewed", target=assessment,
                        detail=answer.criterion.title, partner=coordinator.partner)
    return review


@transaction.atomic
def review_answer(*, user, answer: Answer, response: str) -> Answer:
    check_perm(user, "assessments.answer_review", answer.assessment,
               message=_("Only the assessed partner's staff answer its reviewers."))
    if not answer.reviews.exists():
        raise ValidationError({"response": _("There is no review comment to answer yet.")})
    answer.response = response.strip()
    answer.full_clean()
    answer.save(update_fields=["response", "updated_at"])
    assessment = answer.assessment
    if assessment.coordinator_id:
        # the coordinator hears of it through an item of their own partner's feed
        coordinator_partner = membership_of(assessment.coordinator)
        if coordinator_partner:
            activity_record(actor=user, verb="assessment.answered", target=assessment,
                            detail=answer.criterion.title, partner=coordinator_partner.partner)
    reviewer_partners = {
        r.reviewer.membership.partner for r in answer.reviews.select_related(
            "reviewer__membership__partner") if membership_of(r.reviewer)}
    for reviewer_partner in reviewer_partners:
        activity_record(actor=user, verb="assessment.answered", target=assessment,
                        detail=answer.criterion.title, partner=reviewer_partner)
    return answer


@transaction.atomic
def assessment_validate(*, user, assessment: Assessment, final_scores: dict[int, object]
                        ) -> Assessment:
    """Fix the final score of every criterion (criterion id → score) and validate."""
    assessment = Assessment.objects.select_for_update().select_related("round", "partner").get(
        pk=assessment.pk)
    check_perm(user, "assessments.coordinate_review", assessment,
               message=_("Only a review coordinator from another partner validates the scores."))
    if assessment.state != Assessment.State.IN_REVIEW:
        raise ValidationError(_("Assign a reviewer before validating the scores."))
    answers = list(assessment.answers.select_related("criterion"))
    errors = []
    for answer in answers:
        value = final_scores.get(answer.criterion_id)
        try:
            value = int(value)
        except (TypeError, ValueError):
            errors.append(_("“%(c)s”: choose a final score from 1 to 5.")
                          % {"c": answer.criterion.title})
            continue
        if not SCALE_MIN <= value <= SCALE_MAX:
            errors.append(_("“%(c)s”: scores run from 1 to 5.") % {"c": answer.criterion.title})
            continue
        answer.final_score = value
    if errors:
        raise ValidationError(errors)
    Answer.objects.bulk_update(answers, ["final_score"])
    assessment.state = Assessment.State.VALIDATED
    assessment.validated_at, assessment.validated_by = timezone.now(), user
    assessment.save(update_fields=["state", "validated_at", "validated_by"])
    activity_record(actor=user, verb="assessment.validated", target=assessment,
                    visibility=Activity.Visibility.PARTNERS)
    return assessment


# --- learning pairs ----------------------------------------------------------------------

@transaction.atomic
def learning_request_create(*, user, round_: Round, dimension, mentor, practice=None,
                            message="") -> LearningRequest:
    from .selectors import HIGH_SCORE, LOW_SCORE, round_scores

    check_perm(user, "assessments.request_learning",
               message=_("Only your partner's admins ask to learn from another partner."))
    learner = membership_of(user).partner
    if mentor.pk == learner.pk:
        raise ValidationError(_("A partner cannot learn from itself."))
    scores = round_scores(round_)
    if scores.of(learner.pk).get(dimension.pk, SCALE_MAX) > LOW_SCORE:
        raise ValidationError(_("Learning pairs are for dimensions where your region scores "
                                "2 or less."))
    if scores.of(mentor.pk).get(dimension.pk, 0) < HIGH_SCORE:
        raise ValidationError(_("Ask a region that scores 4 or more on this dimension."))
    if practice is not None and practice.partner_id != mentor.pk:
        raise ValidationError(_("The practice must be one of the experienced partner's."))
    exists = LearningRequest.objects.filter(round=round_, dimension=dimension, learner=learner,
                                            mentor=mentor).exclude(
        state=LearningRequest.State.DECLINED).exists()
    if exists:
        raise ValidationError(_("You have already asked this partner about this dimension."))
    LearningRequest.objects.filter(round=round_, dimension=dimension, learner=learner,
                                   mentor=mentor, state=LearningRequest.State.DECLINED).delete()
    request = LearningRequest(round=round_, dimension=dimension, learner=learner, mentor=mentor,
                              practice=practice, message=message.strip(), requested_by=user)
    request.full_clean()
    request.save()
    activity_record(actor=user, verb="assessment.learning_requested", target=request,
                    detail=str(mentor), partner=mentor)
    activity_record(actor=user, verb="assessment.learning_requested", target=request,
                    detail=str(mentor), partner=learner)
    return request


@transaction.atomic
def learning_request_decide(*, user, request: LearningRequest, accept: bool) -> LearningRequest:
    request = LearningRequest.objects.select_for_update().get(pk=request.pk)
    check_perm(user, "assessments.decide_learning_request", request,
               message=_("Only the experienced partner's admins answer this request, once."))
    request.state = (LearningRequest.State.ACCEPTED if accept
                     else LearningRequest.State.DECLINED)
    request.decided_by, request.decided_at = user, timezone.now()
    request.save(update_fields=["state", "decided_by", "decided_at"])
    verb = "assessment.learning_accepted" if accept else "assessment.learning_declined"
    for partner in (request.learner, request.mentor):
        activity_record(actor=user, verb=verb, target=request, detail=str(request.learner),
                        partner=partner)
    return request


def suggested_reviewer_partners(*, assessment: Assessment, limit=5):
    """Partners that scored high in the latest validated round on the assessed partner's
    weakest dimensions there (or, with no validated history, on the dimensions of its lowest
    self-scores now, against the latest round with validated scores)."""
    from partners.models import Partner

    from .selectors import (
        HIGH_SCORE,
        latest_validated_round,
        latest_validated_round_of,
        round_scores,
        scores_by_code,
    )

    source = latest_validated_round_of(assessment.partner_id)
    if source is not None:
        scores = round_scores(source)
        weakest_codes = _lowest_codes(scores_by_code(scores, assessment.partner_id))
    else:
        # no validated history: its own self-scores now, against the last round anyone has
        source = latest_validated_round()
        if source is None:
            return []
        scores = round_scores(source)
        weakest_codes = _lowest_codes(_self_scores_by_code(assessment))
    # dimensions match user code, so a new framework version still finds its strong partners
    weakest = [d for d in scores.dimensions if d.code in weakest_codes]
    if not weakest:
        return []
    ranked = []
    for partner in scores.partners:
        if partner.id == assessment.partner_id:
            continue
        theirs = scores.of(partner.id)
        strong = [d for d in weakest if theirs.get(d.pk, 0) >= HIGH_SCORE]
        if strong:
            ranked.append((sum(theirs[d.pk] for d in strong), partner, strong))
    ranked.sort(key=lambda item: (-item[0], item[1].name))
    ids = [partner.id for _score, partner, _dims in ranked[:limit]]
    names = {p.pk: p for p in Partner.objects.filter(pk__in=ids)}
    return [(names[partner.id], dims) for _score, partner, dims in ranked[:limit]
            if partner.id in names]


def _lowest_codes(scores_by_code: dict[str, float]) -> set[str]:
    if not scores_by_code:
        return set()
    lowest = min(scores_by_code.values())
    return {code for code, score in scores_by_code.items() if score == lowest}


def _self_scores_by_code(assessment: Assessment) -> dict[str, float]:
    from django.db.models import Avg

    rows = (Answer.objects.filter(assessment=assessment, score__isnull=False)
            .values("criterion__dimension__code").annotate(avg=Avg("score")))
    return {row["criterion__dimension__code"]: float(row["avg"]) for row in rows}


def reviewer_candidates(assessment: Assessment):
    """Staff of other partners, user partner, for the coordinator's reviewer choice."""
    from partners.models import Membership

    return (Membership.objects.filter(~Q(partner_id=assessment.partner_id),
                                      user__is_active=True, partner__is_active=True)
            .select_related("user", "partner").order_by("partner__name", "user__full_name"))
