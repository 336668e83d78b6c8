"""Working-group spaces, the WG x stage matrix, pilot actions, work packages, the Steering
Committee and events."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.forms import add_service_errors
from partners.models import Partner

from . import services
from .forms import (
    DecisionForm,
    EvaluationForm,
    FindingForm,
    IndicatorFormSet,
    JoinRequestForm,
    PilotFilter,
    PilotForm,
    ReplyForm,
    TopicEditForm,
    TopicForm,
    TransitionForm,
    VoteForm,
)
from .models import (
    Decision,
    JoinRequest,
    OperationalStage,
    PilotAction,
    Reply,
    Topic,
    WorkingGroup,
    WorkPackage,
)
from .permissions import (
    can_manage_pilot,
    can_manage_wg,
    can_propose_decision,
    can_request_to_join,
    can_view_governance,
    can_view_pilot_actions,
    can_view_wg_space,
    is_wg_member,
    sc_voter_partner,
)
from .selectors import (
    decisions_list,
    matrix_cells,
    pending_join_requests,
    pilot_actions_list,
    pilot_for_detail,
    stab_composition,
    topics_of,
    wg_activity,
    wg_for_space,
    wp_for_page,
)

PAGE_SIZE = 25


def _require(allowed: bool):
    """Pages of the partnership's internals do not exist for outsiders."""
    if not allowed:
        raise Http404


def _space(request, code) -> WorkingGroup:
    _require(can_view_wg_space(request.user, None))
    return get_object_or_404(wg_for_space(code))


# --- WG index and spaces ---------------------------------------------------------------------

@login_required
def wg_index(request):
    _require(can_view_wg_space(request.user, None))
    groups = (WorkingGroup.objects.select_related("lead_partner")
              .annotate(n_partners=Count("member_partners", distinct=True),
                        n_pilots=Count("pilot_actions", distinct=True)).order_by("code"))
    return render(request, "workgroups/index.html", {"groups": groups})


@login_required
def wg_space(request, code):
    wg = _space(request, code)
    member = is_wg_member(request.user, wg)
    context = {
        "wg": wg, "member": member, "manage": can_manage_wg(request.user, wg),
        "can_request": can_request_to_join(request.user, wg),
        "pending_request": JoinRequest.objects.filter(
            working_group=wg, status="pending",
            partner_id=getattr(getattr(request.user, "membership", None), "partner_id", None)
        ).exists(),
    }
    if member:
        from partners.selectors import documents_for_list, documents_visible_to

        context.update({
            "topics": topics_of(wg)[:30],
            "topic_form": TopicForm(),
            "documents": documents_for_list(
                documents_visible_to(request.user).filter(shares__working_group=wg))[:20],
            # computed only when the template's per-user fragment cache misses
            "activities": SimpleLazyObject(lambda: list(wg_activity(wg, request.user))),
            "join_requests": pending_join_requests(wg) if context["manage"] else [],
            "finding_form": FindingForm() if context["manage"] else None,
            "findings": wg.findings.select_related("stage", "author")[:10],
        })
    return render(request, "workgroups/space.html", context)


@login_required
@require_POST
def wg_join(request, code):
    wg = _space(request, code)
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_create(wg=wg, user=request.user,
                                         message=form.cleaned_data["message"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if wg.coordinators.exists():
                text = _("Your request to join %(wg)s was sent to its coordinators.")
            else:
                text = _("Your request to join %(wg)s was sent to the platform admins: the "
                         "group has no coordinators yet.")
            messages.success(request, text % {"wg": wg.code})
    return redirect("workgroups:detail", code=wg.code)


@login_required
@require_POST
def wg_decide(request, code, pk):
    wg = _space(request, code)
    join_request = get_object_or_404(JoinRequest, pk=pk, working_group=wg)
    if not can_manage_wg(request.user, wg):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    try:
        services.join_request_decide(join_request=join_request, user=request.user,
                                     accept=accept, comment=request.POST.get("comment", "")[:255])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, (_("%(partner)s joined %(wg)s.") if accept else
                                   _("The request of %(partner)s was declined."))
                         % {"partner": join_request.partner.label, "wg": wg.code})
    return redirect("workgroups:detail", code=wg.code)


@login_required
@require_POST
def wg_remove_partner(request, code, partner_id):
    wg = _space(request, code)
    if not can_manage_wg(request.user, wg):
        raise PermissionDenied
    partner = get_object_or_404(wg.member_partners, pk=partner_id)
    services.wg_remove_partner(wg=wg, partner=partner, user=request.user)
    messages.success(request, _("%(partner)s left %(wg)s.") % {"partner": partner.label,
                                                               "wg": wg.code})
    return redirect("workgroups:detail", code=wg.code)


@login_required
@require_POST
def topic_create(request, code):
    wg = _space(request, code)
    _require(is_wg_member(request.user, wg))
    form = TopicForm(request.POST)
    if form.is_valid():
        try:
            topic = services.topic_create(wg=wg, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(topic)
    messages.error(request, _("The topic was not posted: %(errors)s") % {
        "errors": " ".join(e for errs in form.errors.values() for e in errs)})
    return redirect("workgroups:detail", code=wg.code)


@login_required
def topic_detail(request, code, pk):
    wg = _space(request, code)
    _require(is_wg_member(request.user, wg))
    topic = get_object_or_404(Topic.objects.select_related("author"), pk=pk, working_group=wg)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_create(topic=topic, user=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your reply was posted."))
            return redirect(topic)
    return render(request, "workgroups/topic.html", {
        "wg": wg, "topic": topic, "form": form,
        "replies": topic.replies.select_related("author")})


def _editable(request, post):
    """A post the user may not edit does not exist for them; its author past the window
    is told why."""
    if request.user.has_perm("workgroups.edit_post", post):
        return True
    if post.author_id == request.user.pk:
        messages.error(request, _("Posts can be edited for %(minutes)s minutes after posting.")
                       % {"minutes": settings.CONSULTATION_EDIT_WINDOW_MINUTES})
        return False
    raise Http404


@login_required
def topic_edit(request, code, pk):
    wg = _space(request, code)
    _require(is_wg_member(request.user, wg))
    topic = get_object_or_404(Topic.objects.select_related("working_group"), pk=pk,
                              working_group=wg)
    if not _editable(request, topic):
        return redirect(topic)
    form = TopicEditForm(request.POST or None,
                         initial={"title": topic.title, "body": topic.source or topic.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.topic_edit(topic=topic, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your topic was saved."))
            return redirect(topic)
    return render(request, "workgroups/post_edit.html", {"wg": wg, "topic": topic,
                                                         "form": form, "post": topic})


@login_required
def reply_edit(request, code, topic_pk, pk):
    wg = _space(request, code)
    _require(is_wg_member(request.user, wg))
    reply = get_object_or_404(Reply.objects.select_related("topic__working_group"), pk=pk,
                              topic_id=topic_pk, topic__working_group=wg)
    if not _editable(request, reply):
        return redirect(reply.topic)
    form = ReplyForm(request.POST or None, initial={"body": reply.source or reply.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_edit(reply=reply, user=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your reply was saved."))
            return redirect(reply)
    return render(request, "workgroups/post_edit.html", {"wg": wg, "topic": reply.topic,
                                                         "form": form, "post": reply})


@login_required
@require_POST
def finding_create(request, code):
    wg = _space(request, code)
    if not can_manage_wg(request.user, wg):
        raise PermissionDenied
    form = FindingForm(request.POST)
    if form.is_valid():
        try:
            services.finding_create(wg=wg, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The finding was recorded."))
    else:
        messages.error(request, _("The finding was not recorded; fill in stage, title and "
                                  "text."))
    return redirect("workgroups:detail", code=wg.code)


# --- matrix ----------------------------------------------------------------------------------

@login_required
def matrix(request):
    _require(can_view_wg_space(request.user, None))
    cells = matrix_cells(request.user)
    stages = list(OperationalStage.objects.order_by("number"))
    rows = [{"wg": wg, "cells": [{"stage": stage, **cells.get((wg.pk, stage.pk), {})}
                                 for stage in stages]}
            for wg in WorkingGroup.objects.order_by("code")]
    return render(request, "workgroups/matrix.html", {"stages": stages, "rows": rows})


# --- pilot actions ---------------------------------------------------------------------------

@login_required
def pilot_list(request):
    _require(can_view_pilot_actions(request.user))
    pilot_filter = PilotFilter(request.GET or None, queryset=pilot_actions_list())
    page = Paginator(pilot_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workgroups/pilot_list.html", {
        "filter": pilot_filter, "page": page,
        "creatable": (WorkingGroup.objects.all() if request.user.is_superuser
                      else request.user.coordinated_working_groups.all()).order_by("code")})


@login_required
def pilot_create(request, code):
    _require(can_view_pilot_actions(request.user))
    wg = get_object_or_404(WorkingGroup, code=code)
    if not can_manage_wg(request.user, wg):
        raise PermissionDenied
    form = PilotForm(request.POST or None)
    formset = IndicatorFormSet(request.POST or None, prefix="indicators")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        indicators = [(f.cleaned_data["name"], f.cleaned_data.get("unit", ""),
                       f.cleaned_data["baseline"], f.cleaned_data["target"])
                      for f in formset if f.cleaned_data.get("name")]
        try:
            pilot = services.pilot_create(wg=wg, user=request.user, indicators=indicators,
                                          **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pilot action was proposed."))
            return redirect(pilot)
    return render(request, "workgroups/pilot_form.html", {"wg": wg, "form": form,
                                                           "formset": formset},
                  status=400 if request.method == "POST" else 200)


@login_required
def pilot_detail(request, pk):
    _require(can_view_pilot_actions(request.user))
    pilot = get_object_or_404(pilot_for_detail(pk))
    manage = can_manage_pilot(request.user, pilot)
    next_status = services.NEXT_STATUS.get(pilot.status)
    return render(request, "workgroups/pilot_detail.html", {
        "pilot": pilot, "manage": manage,
        "next_status": PilotAction.Status(next_status) if next_status else None,
        "transition_form": TransitionForm(),
        "evaluation": getattr(pilot, "evaluation", None),
    })


@login_required
@require_POST
def pilot_transition(request, pk):
    _require(can_view_pilot_actions(request.user))
    pilot = get_object_or_404(PilotAction.objects.select_related("working_group"), pk=pk)
    if not can_manage_pilot(request.user, pilot):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    form.is_valid()
    try:
        services.pilot_transition(pilot=pilot, user=request.user,
                                  to_status=request.POST.get("to_status", ""),
                                  comment=form.cleaned_data.get("comment", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        pilot.refresh_from_db()
        messages.success(request, _("The pilot action is now %(status)s.")
                         % {"status": pilot.get_status_display().lower()})
    return redirect(pilot)


@login_required
def pilot_evaluate(request, pk):
    _require(can_view_pilot_actions(request.user))
    pilot = get_object_or_404(pilot_for_detail(pk))
    if not can_manage_pilot(request.user, pilot):
        raise PermissionDenied
    evaluation = getattr(pilot, "evaluation", None)
    initial = ({"method": evaluation.method, "findings": evaluation.findings,
                "lessons": evaluation.lessons} if evaluation else None)
    form = EvaluationForm(request.POST or None, initial=initial,
                          indicators=pilot.indicators.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_evaluate(pilot=pilot, user=request.user,
                                    method=form.cleaned_data["method"],
                                    findings=form.cleaned_data["findings"],
                                    lessons=form.cleaned_data["lessons"],
                                    results=form.results())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evaluation was recorded."))
            return redirect(pilot)
    return render(request, "workgroups/pilot_evaluate.html", {"pilot": pilot, "form": form},
                  status=400 if form.errors else 200)


# --- work packages ---------------------------------------------------------------------------

@login_required
def wp_detail(request, code):
    _require(can_view_governance(request.user))
    from datetime import date

    from django.conf import settings
    from django.utils import timezone

    from partners.selectors import documents_visible_to

    wp = get_object_or_404(wp_for_page(code))
    visible_docs = set(documents_visible_to(request.user).filter(
        deliverables__work_package=wp).values_list("pk", flat=True))
    start, end = (date.fromisoformat(settings.PROJECT_START),
                  date.fromisoformat(settings.PROJECT_END))
    span = (end - start).days or 1

    def position(day):
        return max(0, min(100, round((day - start).days * 100 / span, 2)))

    packages = []
    for package in WorkPackage.objects.order_by("code"):
        left = position(package.start_date or start)
        right = position(package.end_date or end)
        packages.append({"wp": package, "left": left, "width": max(right - left, 1)})
    today = timezone.localdate()
    from strategies.selectors import adopted_versions_by_deliverable

    deliverables = list(wp.deliverables.all())
    adopted = adopted_versions_by_deliverable(request.user, [d.pk for d in deliverables])
    return render(request, "workgroups/wp.html", {
        "wp": wp, "packages": packages, "start": start, "end": end, "today": today,
        "deliverables": [{"d": d, "left": position(d.due_date),
                          "overdue": d.due_date < today and d.status not in d.DONE,
                          "document_visible": d.document_id in visible_docs,
                          "adopted": adopted.get(d.pk)}
                         for d in deliverables],
    })


# --- Steering Committee ----------------------------------------------------------------------

@login_required
def sc_index(request):
    _require(can_view_governance(request.user))
    page = Paginator(decisions_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workgroups/sc.html", {
        "page": page, "stab": stab_composition(),
        "can_propose": can_propose_decision(request.user),
        "voter_partner": sc_voter_partner(request.user),
        "seats": Partner.objects.active().select_related("sc_seat__representative", "country")
        .order_by("name"),
    })


@login_required
def decision_create(request):
    _require(can_view_governance(request.user))
    if not can_propose_decision(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_create(user=request.user, title=data["title"],
                                                text=data["text"], deadline=data["deadline"],
                                                meeting=data["meeting"], quorum=data["quorum"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is open for votes."))
            return redirect(decision)
    return render(request, "workgroups/decision_form.html", {"form": form},
                  status=400 if form.errors else 200)


@login_required
def decision_detail(request, pk):
    _require(can_view_governance(request.user))
    decision = get_object_or_404(Decision.objects.select_related("meeting"), pk=pk)
    services.decision_close_if_due(decision)
    voter_partner = sc_voter_partner(request.user)
    form = VoteForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.vote_cast(decision=decision, user=request.user,
                                   choice=form.cleaned_data["choice"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The vote of %(partner)s was recorded.")
                                 % {"partner": voter_partner.label})
            return redirect(decision)
        messages.error(request, _("Choose yes, no or abstain."))
    votes = {v.partner_id: v for v in decision.votes.select_related("cast_by")}
    partners = Partner.objects.active().select_related("country").order_by("name")
    return render(request, "workgroups/decision_detail.html", {
        "decision": decision, "form": form, "outcome": services.decision_outcome(decision),
        "is_open": services.decision_is_open(decision),
        "voter_partner": voter_partner,
        "already_voted": voter_partner is not None and voter_partner.pk in votes,
        "record": [{"partner": p, "vote": votes.get(p.pk)} for p in partners],
    })
