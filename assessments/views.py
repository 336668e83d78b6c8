"""Assessment pages. Objects come from the selectors (404 for what one may not see);
actions call the services, which ask the same permissions."""
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.forms import flash_refusal
from clusterpolisee.core.permissions import (
    allowed,
    check_perm,
    get_visible_or_404,
    membership_of,
    partner_id_of,
)
from partners.selectors import active_partners

from . import charts, exports, pdf, selectors, services
from .forms import (
    AnswerForm,
    LearningRequestForm,
    ResponseForm,
    ReviewerForm,
    ReviewForm,
    RoundOpenForm,
)
from .models import Assessment
from .selectors import (
    HIGH_SCORE,
    LOW_SCORE,
    answers_of,
    assessments_awaiting_review_by,
    assessments_visible_to,
    framework_tree,
    learning_requests_asked_in,
    learning_requests_in,
    learning_requests_visible_to,
    practices_by_partner_and_wg,
    previous_round,
    profiles_by_partner,
    reviewers_of,
    round_scores,
    rounds_visible_to,
    scores_by_code,
    submission_counts,
)

logger = logging.getLogger(__name__)


def _show_errors(request, exc):
    flash_refusal(request, exc)


def _round(request, pk):
    round_ = get_visible_or_404(rounds_visible_to(request.user), pk=pk)
    check_perm(request.user, "assessments.view_scores", round_, hide=True)
    return round_


def _assessment(request, pk):
    return get_visible_or_404(assessments_visible_to(request.user), pk=pk)


def index(request):
    user = request.user
    rounds = list(rounds_visible_to(user))
    if not allowed(user, "assessments.view_scores"):
        rounds = [r for r in rounds if r.publish_aggregates]
    own = selectors.own_assessments_by_round(user)
    coordinating = []
    if user.is_authenticated and allowed(user, "assessments.coordinate_reviews"):
        coordinating = list(selectors.assessments_to_coordinate(user))
    can_open = user.is_authenticated and allowed(user, "assessments.open_round")
    form = RoundOpenForm(frameworks=selectors.frameworks()) if can_open else None
    return render(request, "assessments/index.html", {
        "rounds": [(r, own.get(r.pk)) for r in rounds],
        "is_staff_reader": allowed(user, "assessments.view_scores"),
        "coordinating": coordinating,
        "to_review": list(assessments_awaiting_review_by(user)) if user.is_authenticated else [],
        "open_form": form,
    })


@login_required
@require_POST
def round_open(request):
    check_perm(request.user, "assessments.open_round", hide=True)
    form = RoundOpenForm(request.POST, frameworks=selectors.frameworks())
    if form.is_valid():
        try:
            round_ = services.round_open(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(request, exc)
        else:
            messages.success(request, _("The round is open."))
            return redirect(round_)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}")
    return redirect("assessments:index")


def round_detail(request, pk):
    round_ = get_visible_or_404(rounds_visible_to(request.user), pk=pk)
    user = request.user
    if not allowed(user, "assessments.view_scores"):
        check_perm(user, "assessments.view_aggregates", round_, hide=True)
        return _public_round(request, round_)
    assessments = list(selectors.submitted_assessments_in(round_, user))
    partner_id = partner_id_of(user)
    mine = selectors.own_assessment_in(round_, user)
    return render(request, "assessments/round.html", {
        "round": round_, "assessments": assessments, "mine": mine,
        "counts": submission_counts(round_),
        "can_manage": allowed(user, "assessments.manage_round", round_),
        "can_start": bool(partner_id and round_.is_accepting),
    })


def _public_round(request, round_):
    scores = round_scores(round_)
    medians = scores.medians()
    chart = charts.radar(scores.dimensions, [("median", _("Median of all partners"), medians)])
    return render(request, "assessments/round_public.html", {
        "round": round_, "rows": [(d, medians[d.pk]) for d in scores.dimensions],
        "chart": chart, "n_partners": len(scores.partners)})


@login_required
@require_POST
def round_publish(request, pk):
    round_ = _round(request, pk)
    check_perm(request.user, "assessments.manage_round", round_, hide=True)
    services.round_set_publication(user=request.user, round_=round_,
                                   publish=request.POST.get("publish") == "1")
    messages.success(request, _("Saved."))
    return redirect(round_)


@login_required
@require_POST
def round_start(request, pk):
    """The partner's own assessment of the round, created on first use."""
    round_ = _round(request, pk)
    membership = membership_of(request.user)
    if membership is None or not round_.is_accepting:
        raise Http404
    assessment = services.assessment_for(round_=round_, partner=membership.partner)
    return redirect(assessment)


# --- the assessment page ----------------------------------------------------------------

def _evidence_choices(request, assessment, dimensions):
    documents = selectors.evidence_documents_of(assessment)
    wg_ids = [d.working_group_id for d in dimensions if d.working_group_id]
    return documents, selectors.evidence_practices_by_wg(request.user, wg_ids)


def _answer_form(criterion, answer, documents, practices, data=None):
    initial = {}
    if answer is not None:
        initial = {"score": answer.score, "evidence": answer.evidence,
                   "past_actions": answer.past_actions, "current_state": answer.current_state,
                   "vision": answer.vision,
                   "documents": [d.pk for d in answer.documents.all()],
                   "practices": [p.pk for p in answer.practices.all()]}
    return AnswerForm(data, initial=initial, prefix=f"c{criterion.pk}", criterion=criterion,
                      documents=documents, practices=practices)


def assessment_detail(request, pk):
    if not request.user.is_authenticated:
        raise Http404
    assessment = _assessment(request, pk)
    user = request.user
    dimensions = framework_tree(assessment.round.framework)
    answers = answers_of(assessment)
    can_edit = allowed(user, "assessments.edit_draft", assessment)
    can_review = allowed(user, "assessments.comment_as_reviewer", assessment)
    can_answer = allowed(user, "assessments.answer_review", assessment)
    can_coordinate = allowed(user, "assessments.coordinate_review", assessment)
    documents, practices = ([], {})
    if can_edit:
        documents, practices = _evidence_choices(request, assessment, dimensions)
    sections = []
    for dimension in dimensions:
        items = []
        for criterion in dimension.criteria.all():
            answer = answers.get(criterion.pk)
            item = {"criterion": criterion, "answer": answer}
            if can_edit:
                item["form"] = _answer_form(criterion, answer, documents,
                                            practices.get(dimension.working_group_id, []))
            if can_review and answer is not None:
                own = next((r for r in answer.reviews.all() if r.reviewer_id == user.pk), None)
                item["review_form"] = ReviewForm(
                    prefix=f"r{criterion.pk}",
                    initial={"comment": own.comment, "proposed_score": own.proposed_score}
                    if own else None)
            if can_answer and answer is not None and answer.reviews.all():
                item["response_form"] = ResponseForm(prefix=f"a{criterion.pk}",
                                                     initial={"response": answer.response})
            items.append(item)
        sections.append({"dimension": dimension, "items": items})
    context = {
        "assessment": assessment, "sections": sections, "can_edit": can_edit,
        "can_submit": allowed(user, "assessments.submit_assessment", assessment),
        "can_review": can_review, "can_answer": can_answer, "can_coordinate": can_coordinate,
        "missing": services.missing_of(assessment) if can_edit else [],
        "reviewers": list(reviewers_of(assessment)),
    }
    if can_coordinate:
        context["reviewer_form"] = ReviewerForm(
            candidates=services.reviewer_candidates(assessment))
        context["suggestions"] = services.suggested_reviewer_partners(assessment=assessment)
    return render(request, "assessments/assessment.html", context)


def _criterion(assessment, criterion_pk):
    return get_visible_or_404(selectors.criteria_of(assessment.round.framework_id),
                              pk=criterion_pk)


@login_required
@require_POST
def answer_save(request, pk, criterion_pk):
    assessment = _assessment(request, pk)
    criterion = _criterion(assessment, criterion_pk)
    form = AnswerForm(request.POST, prefix=f"c{criterion.pk}", criterion=criterion,
                      documents=[], practices=[])
    data = {name: request.POST.get(f"c{criterion.pk}-{name}", "")
            for name in ("score", "evidence", "past_actions", "current_state", "vision")}
    try:
        document_ids = [int(v) for v in request.POST.getlist(f"c{criterion.pk}-documents")]
        practice_ids = [int(v) for v in request.POST.getlist(f"c{criterion.pk}-practices")]
        services.answer_save(user=request.user, assessment=assessment, criterion=criterion,
                             document_ids=document_ids, practice_ids=practice_ids, **data)
    except ValueError:
        error = [_("Choose documents and practices from the lists.")]
    except PermissionDenied as exc:
        # the service decides (a closed draft is told apart from someone else's); for a
        # draft one may not edit the page answers "not found"
        raise Http404 from exc
    except ValidationError as exc:
        error = exc.messages
    else:
        error = None
    del form
    if request.htmx:
        return render(request, "assessments/_save_status.html", {"errors": error,
                                                                  "criterion": criterion},
                      status=200)  # htmx swaps 2xx only; the text says what failed
    if error:
        for text in error:
            messages.error(request, f"{criterion.title}: {text}")
    else:
        messages.success(request, _("Saved “%(c)s”.") % {"c": criterion.title})
    return redirect(f"{assessment.get_absolute_url()}#criterion-{criterion.pk}")


@login_required
@require_POST
def assessment_submit(request, pk):
    assessment = _assessment(request, pk)
    try:
        services.assessment_submit(user=request.user, assessment=assessment)
    except (ValidationError, PermissionDenied) as exc:
        _show_errors(request, exc)
    else:
        messages.success(request, _("The self-assessment is submitted for peer review."))
    return redirect(assessment)


@login_required
@require_POST
def reviewer_assign(request, pk):
    assessment = _assessment(request, pk)
    check_perm(request.user, "assessments.coordinate_review", assessment, hide=True)
    form = ReviewerForm(request.POST, candidates=services.reviewer_candidates(assessment))
    reviewer = None
    if form.is_valid():
        reviewer = selectors.account_with_pk(form.cleaned_data["reviewer"])
    elif request.POST.get("reviewer", "").isdigit():
        # someone outside the candidate list (e.g. the partner's own staff): the service says why
        reviewer = selectors.account_with_pk(int(request.POST["reviewer"]))
    if reviewer is None:
        messages.error(request, _("Choose a reviewer from the list."))
        return redirect(assessment)
    try:
        services.reviewer_assign(user=request.user, assessment=assessment, reviewer=reviewer)
    except ValidationError as exc:
        _show_errors(request, exc)
    else:
        messages.success(request, _("%(name)s reviews this self-assessment.")
                         % {"name": reviewer.full_name or reviewer.email})
    return redirect(assessment)


def _answer(assessment, criterion_pk):
    return get_visible_or_404(selectors.answers_with_round(assessment),
                              criterion_id=criterion_pk)


@login_required
@require_POST
def review_save(request, pk, criterion_pk):
    assessment = _assessment(request, pk)
    answer = _answer(assessment, criterion_pk)
    form = ReviewForm(request.POST, prefix=f"r{criterion_pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        check_perm(request.user, "assessments.comment_as_reviewer", assessment, hide=True)
        try:
            services.review_comment(user=request.user, answer=answer,
                                    comment=form.cleaned_data["comment"],
                                    proposed_score=form.cleaned_data["proposed_score"])
        except ValidationError as exc:
            _show_errors(request, exc)
        else:
            messages.success(request, _("Review comment saved."))
    return redirect(f"{assessment.get_absolute_url()}#criterion-{criterion_pk}")


@login_required
@require_POST
def review_answer(request, pk, criterion_pk):
    assessment = _assessment(request, pk)
    answer = _answer(assessment, criterion_pk)
    form = ResponseForm(request.POST, prefix=f"a{criterion_pk}")
    if not form.is_valid():
        messages.error(request, _("Write an answer first."))
    else:
        check_perm(request.user, "assessments.answer_review", assessment, hide=True)
        try:
            services.review_answer(user=request.user, answer=answer,
                                   response=form.cleaned_data["response"])
        except ValidationError as exc:
            _show_errors(request, exc)
        else:
            messages.success(request, _("Your answer is saved."))
    return redirect(f"{assessment.get_absolute_url()}#criterion-{criterion_pk}")


@login_required
@require_POST
def assessment_validate(request, pk):
    assessment = _assessment(request, pk)
    check_perm(request.user, "assessments.coordinate_review", assessment, hide=True)
    final = {}
    for key, value in request.POST.items():
        if key.startswith("final-") and key[6:].isdigit():
            final[int(key[6:])] = value
    try:
        services.assessment_validate(user=request.user, assessment=assessment,
                                     final_scores=final)
    except ValidationError as exc:
        _show_errors(request, exc)
    else:
        messages.success(request, _("The final scores are validated."))
    return redirect(assessment)


def _report_context(request, pk):
    """The report of a validated assessment: 404 for anyone who may not read it."""
    if not request.user.is_authenticated:
        raise Http404
    assessment = _assessment(request, pk)
    if assessment.state != Assessment.State.VALIDATED:
        raise Http404
    dimensions = framework_tree(assessment.round.framework)
    answers = answers_of(assessment)
    scores = round_scores(assessment.round)
    medians = scores.medians()
    own = scores.of(assessment.partner_id)
    sections = [{"dimension": d, "score": own.get(d.pk), "median": medians.get(d.pk),
                 "items": [(c, answers.get(c.pk)) for c in d.criteria.all()]}
                for d in dimensions]
    chart = charts.radar(dimensions, [("region", assessment.partner.label, own),
                                      ("median", _("Median of all partners"), medians)])
    return {"assessment": assessment, "sections": sections, "chart": chart,
            "reviewers": list(reviewers_of(assessment))}


def assessment_report(request, pk):
    return render(request, "assessments/report.html", _report_context(request, pk))


def report_file_name(assessment) -> str:
    """ASCII only, so no header or file system mangles it."""
    stem = "-".join(filter(None, [slugify(assessment.partner.slug or assessment.partner.name),
                                  slugify(assessment.round.title)]))
    return f"assessment-{stem or assessment.pk}.pdf"


def assessment_report_pdf(request, pk):
    context = _report_context(request, pk)
    html = render_to_string("assessments/report_pdf.html", context, request=request)
    try:
        body = pdf.html_to_pdf(html)
    except pdf.PdfUnavailable:
        logger.exception("the report PDF could not be drawn")
        return render(request, "assessments/pdf_unavailable.html", context, status=503)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{report_file_name(context["assessment"])}"')
    return response


# --- comparison --------------------------------------------------------------------------

def _partner_choice(scores, slug):
    return next((p for p in scores.partners if p.slug == slug), None) if slug else None


@login_required
def comparison(request, pk):
    round_ = _round(request, pk)
    scores = round_scores(round_)
    partner_id = partner_id_of(request.user)
    region = (_partner_choice(scores, request.GET.get("partner"))
              or next((p for p in scores.partners if p.id == partner_id), None)
              or (scores.partners[0] if scores.partners else None))
    peer = _partner_choice(scores, request.GET.get("peer"))
    if peer is not None and region is not None and peer.id == region.id:
        peer = None
    medians = scores.medians()
    series, rows, changes = [], [], []
    if region is not None:
        series = [("region", region.label, scores.of(region.id)),
                  ("median", _("Median of all partners"), medians)]
        if peer is not None:
            series.append(("peer", peer.label, scores.of(peer.id)))
        for dimension in scores.dimensions:
            rows.append({"dimension": dimension, "region": scores.of(region.id).get(dimension.pk),
                         "median": medians.get(dimension.pk),
                         "peer": scores.of(peer.id).get(dimension.pk) if peer else None})
        before = previous_round(round_)
        if before is not None:
            earlier = scores_by_code(round_scores(before), region.id)
            now = scores_by_code(scores, region.id)
            for dimension in scores.dimensions:
                old, new = earlier.get(dimension.code), now.get(dimension.code)
                changes.append({"dimension": dimension, "before": old, "now": new,
                                "change": round(new - old, 2) if old is not None
                                and new is not None else None})
        else:
            before = None
    else:
        before = None
    return render(request, "assessments/comparison.html", {
        "round": round_, "scores": scores, "region": region, "peer": peer,
        "chart": charts.radar(scores.dimensions, series) if series else {},
        "rows": rows, "changes": changes, "before": before})


@login_required
def heatmap(request, pk):
    round_ = _round(request, pk)
    scores = round_scores(round_)
    medians = scores.medians()
    grid = []
    for partner in scores.partners:
        own = scores.of(partner.id)
        grid.append({"partner": partner, "cells": [
            {"score": own.get(d.pk), "level": charts.heat_level(own.get(d.pk))}
            for d in scores.dimensions]})
    return render(request, "assessments/heatmap.html", {
        "round": round_, "dimensions": scores.dimensions, "grid": grid,
        "medians": [{"score": medians[d.pk], "level": charts.heat_level(medians[d.pk])}
                    for d in scores.dimensions]})


@login_required
def scores_csv(request, pk):
    round_ = _round(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="assessment-round-{round_.pk}.csv"'
    exports.write_scores_csv(response, exports.validated_rows(round_))
    return response


@login_required
def scores_json(request, pk):
    round_ = _round(request, pk)
    return JsonResponse({"round": round_.title, "scores": exports.validated_rows(round_)},
                        json_dumps_params={"ensure_ascii": False})


# --- learning pairs ----------------------------------------------------------------------

@login_required
def learning(request, pk):
    round_ = _round(request, pk)
    membership = membership_of(request.user)
    scores = round_scores(round_)
    weak = []
    if membership is not None:
        own = scores.of(membership.partner_id)
        weak_dims = [d for d in scores.dimensions if own.get(d.pk) is not None
                     and own[d.pk] <= LOW_SCORE]
        strong_ids = {p.id for d in weak_dims for p in scores.partners
                      if p.id != membership.partner_id and scores.of(p.id).get(d.pk, 0)
                      >= HIGH_SCORE}
        practices = practices_by_partner_and_wg(
            request.user, strong_ids, [d.working_group_id for d in weak_dims
                                       if d.working_group_id])
        profiles = profiles_by_partner(request.user, strong_ids)
        asked = {(r.dimension_id, r.mentor_id): r
                 for r in learning_requests_asked_in(round_, request.user)}
        for dimension in weak_dims:
            mentors = []
            for partner in scores.partners:
                score = scores.of(partner.id).get(dimension.pk, 0)
                if partner.id == membership.partner_id or score < HIGH_SCORE:
                    continue
                mentors.append({
                    "partner": partner, "score": score,
                    "practices": practices.get((partner.id, dimension.working_group_id), []),
                    "profile": profiles.get(partner.id),
                    "request": asked.get((dimension.pk, partner.id)),
                    "form": LearningRequestForm(prefix=f"l{dimension.pk}-{partner.id}")})
            weak.append({"dimension": dimension, "score": own[dimension.pk],
                         "mentors": mentors})
    requests_ = list(learning_requests_in(round_, request.user))
    return render(request, "assessments/learning.html", {
        "round": round_, "weak": weak, "requests": requests_,
        "can_request": allowed(request.user, "assessments.request_learning"),
        "validated": membership is not None and bool(scores.of(membership.partner_id)),
    })


@login_required
@require_POST
def learning_request(request, pk, dimension_pk, partner_pk):
    round_ = _round(request, pk)
    dimension = get_visible_or_404(selectors.dimensions_of(round_.framework_id), pk=dimension_pk)
    mentor = get_visible_or_404(active_partners(), pk=partner_pk)
    practice = None
    practice_id = request.POST.get("practice", "")
    if practice_id.isdigit():
        practice = selectors.practice_visible_to(request.user, int(practice_id))
    form = LearningRequestForm(request.POST, prefix=f"l{dimension.pk}-{mentor.pk}")
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.learning_request_create(user=request.user, round_=round_, dimension=dimension,
                                         mentor=mentor, practice=practice, message=message)
    except (ValidationError, PermissionDenied) as exc:
        _show_errors(request, exc)
    else:
        messages.success(request, _("Your request was sent to %(p)s.") % {"p": mentor.label})
    return redirect(reverse("assessments:learning", args=[round_.pk]))


@login_required
@require_POST
def learning_decide(request, pk):
    learning_request_ = get_visible_or_404(learning_requests_visible_to(request.user), pk=pk)
    check_perm(request.user, "assessments.decide_learning_request", learning_request_,
               hide=True)
    services.learning_request_decide(user=request.user, request=learning_request_,
                                     accept=request.POST.get("decision") == "accept")
    messages.success(request, _("Your answer is recorded."))
    return redirect(reverse("assessments:learning", args=[learning_request_.round_id]))
