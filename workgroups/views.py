"""Working-group spaces, the WG x stage matrix, pilot actions, work packages, the Steering
Committee and events."""
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.forms import add_service_errors
from clusterpolisee.core.permissions import allowed, check_perm, get_visible_or_404

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
from .models import PilotAction
from .selectors import (
    decision_for_page,
    decisions_list,
    document_ids_of_wp_visible_to,
    documents_shared_with_wg,
    findings_of,
    join_requests_of,
    matrix_rows,
    member_partners_of,
    partner_has_asked_to_join,
    pending_join_requests,
    pilot_actions_list,
    pilot_for_detail,
    public_work_packages,
    replies_for_page,
    replies_of,
    sc_partners,
    sc_voter_partner,
    stab_composition,
    topics_for_page,
    topics_of,
    votes_of,
    wg_activity,
    wg_for_space,
    wg_has_coordinators,
    wgs_visible_to,
    working_groups_for_index,
    working_groups_managed_by,
    wp_for_page,
)

PAGE_SIZE = 25


def _space(request, code):
    """The WG's space; the partnership's internals do not exist for outsiders."""
    check_perm(request.user, "workgroups.view_working_groups", hide=True)
    return get_visible_or_404(wg_for_space(code))


def _discussion_space(request, code):
    """The WG's space, for a page of its discussion board: only for its members."""
    wg = _space(request, code)
    check_perm(request.user, "workgroups.take_part_in_wg", wg, hide=True)
    return wg


# --- WG index and spaces ---------------------------------------------------------------------

@login_required
def wg_index(request):
    check_perm(request.user, "workgroups.view_working_groups", hide=True)
    return render(request, "workgroups/index.html", {"groups": working_groups_for_index()})


@login_required
def wg_space(request, code):
    wg = _space(request, code)
    user = request.user
    member = allowed(user, "workgroups.take_part_in_wg", wg)
    # managing implies membership, and only outsiders are offered to ask to join
    manage = member and allowed(user, "workgroups.manage_wg", wg)
    can_request = not member and allowed(user, "workgroups.ask_to_join_wg", wg)
    context = {
        "wg": wg, "member": member, "manage": manage, "can_request": can_request,
        "pending_request": can_request and partner_has_asked_to_join(user, wg),
    }
    if member:
        context.update({
            "topics": topics_of(wg)[:30],
            "topic_form": TopicForm(),
            "documents": documents_shared_with_wg(user, wg)[:20],
            # computed only when the template's per-user fragment cache misses
            "activities": SimpleLazyObject(lambda: list(wg_activity(wg, user))),
            "join_requests": pending_join_requests(wg) if manage else [],
            "finding_form": FindingForm() if manage else None,
            "findings": findings_of(wg)[:10],
        })
    return render(request, "workgroups/space.html", context)


def _show_refusal(request, error: ValidationError) -> None:
    """A service's ValidationError after a POST that redirects rather than showing its form
    again: each message at the top of the next page."""
    for message in error.messages:
        messages.error(request, message)


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
            _show_refusal(request, error)
        else:
            if wg_has_coordinators(wg):
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
    join_request = get_visible_or_404(join_requests_of(wg), pk=pk)
    accept = request.POST.get("decision") == "accept"
    try:
        services.join_request_decide(join_request=join_request, user=request.user,
                                     accept=accept, comment=request.POST.get("comment", "")[:255])
    except ValidationError as error:
        _show_refusal(request, error)
    else:
        messages.success(request, (_("%(partner)s joined %(wg)s.") if accept else
                                   _("The request of %(partner)s was declined."))
                         % {"partner": join_request.partner.label, "wg": wg.code})
    return redirect("workgroups:detail", code=wg.code)


@login_required
@require_POST
def wg_remove_partner(request, code, partner_id):
    wg = _space(request, code)
    partner = get_visible_or_404(member_partners_of(wg), pk=partner_id)
    services.wg_remove_partner(wg=wg, partner=partner, user=request.user)
    messages.success(request, _("%(partner)s left %(wg)s.") % {"partner": partner.label,
                                                               "wg": wg.code})
    return redirect("workgroups:detail", code=wg.code)


@login_required
@require_POST
def topic_create(request, code):
    wg = _discussion_space(request, code)
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
    wg = _discussion_space(request, code)
    topic = get_visible_or_404(topics_for_page(wg), pk=pk)
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
        "replies": replies_of(topic)})


def _editable(request, post) -> bool:
    """Somebody else's post the user may not edit does not exist for them; its author past
    the window is told why."""
    if post.author_id != request.user.pk:
        check_perm(request.user, "workgroups.edit_post", post, hide=True)
        return True
    if allowed(request.user, "workgroups.edit_post", post):
        return True
    messages.error(request, _("Posts can be edited for %(minutes)s minutes after posting.")
                   % {"minutes": settings.CONSULTATION_EDIT_WINDOW_MINUTES})
    return False


@login_required
def topic_edit(request, code, pk):
    wg = _discussion_space(request, code)
    topic = get_visible_or_404(topics_for_page(wg), pk=pk)
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
    wg = _discussion_space(request, code)
    reply = get_visible_or_404(replies_for_page(wg), pk=pk, topic_id=topic_pk)
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
    form = FindingForm(request.POST)
    if form.is_valid():
        try:
            services.finding_create(wg=wg, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _show_refusal(request, error)
        else:
            messages.success(request, _("The finding was recorded."))
    else:
        messages.error(request, _("The finding was not recorded; fill in stage, title and "
                                  "text."))
    return redirect("workgroups:detail", code=wg.code)


# --- matrix ----------------------------------------------------------------------------------

@login_required
def matrix(request):
    check_perm(request.user, "workgroups.view_working_groups", hide=True)
    return render(request, "workgroups/matrix.html", matrix_rows(request.user))


# --- pilot actions ---------------------------------------------------------------------------

@login_required
def pilot_list(request):
    check_perm(request.user, "workgroups.view_pilot_actions", hide=True)
    pilot_filter = PilotFilter(request.GET or None, queryset=pilot_actions_list())
    page = Paginator(pilot_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workgroups/pilot_list.html", {
        "filter": pilot_filter, "page": page,
        "creatable": working_groups_managed_by(request.user)})


@login_required
def pilot_create(request, code):
    check_perm(request.user, "workgroups.view_pilot_actions", hide=True)
    wg = get_visible_or_404(wgs_visible_to(request.user), code=code)
    check_perm(request.user, "workgroups.manage_wg", wg)
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
    check_perm(request.user, "workgroups.view_pilot_actions", hide=True)
    pilot = get_visible_or_404(pilot_for_detail(pk))
    manage = allowed(request.user, "workgroups.manage_pilot", pilot)
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
    check_perm(request.user, "workgroups.view_pilot_actions", hide=True)
    pilot = get_visible_or_404(pilot_actions_list(), pk=pk)
    form = TransitionForm(request.POST)
    form.is_valid()
    try:
        services.pilot_transition(pilot=pilot, user=request.user,
                                  to_status=request.POST.get("to_status", ""),
                                  comment=form.cleaned_data.get("comment", ""))
    except ValidationError as error:
        _show_refusal(request, error)
    else:
        pilot.refresh_from_db()
        messages.success(request, _("The pilot action is now %(status)s.")
                         % {"status": pilot.get_status_display().lower()})
    return redirect(pilot)


@login_required
def pilot_evaluate(request, pk):
    check_perm(request.user, "workgroups.view_pilot_actions", hide=True)
    pilot = get_visible_or_404(pilot_for_detail(pk))
    check_perm(request.user, "workgroups.manage_pilot", pilot)
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
    check_perm(request.user, "workgroups.view_governance", hide=True)
    wp = get_visible_or_404(wp_for_page(code))
    visible_docs = document_ids_of_wp_visible_to(request.user, wp)
    start, end = (date.fromisoformat(settings.PROJECT_START),
                  date.fromisoformat(settings.PROJECT_END))
    span = (end - start).days or 1

    def position(day):
        return max(0, min(100, round((day - start).days * 100 / span, 2)))

    packages = []
    for package in public_work_packages():
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
    check_perm(request.user, "workgroups.view_governance", hide=True)
    page = Paginator(decisions_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workgroups/sc.html", {
        "page": page, "stab": stab_composition(),
        "can_propose": allowed(request.user, "workgroups.propose_decision"),
        "voter_partner": sc_voter_partner(request.user),
        "seats": sc_partners(),
    })


@login_required
def decision_create(request):
    check_perm(request.user, "workgroups.view_governance", hide=True)
    check_perm(request.user, "workgroups.propose_decision")
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
    check_perm(request.user, "workgroups.view_governance", hide=True)
    decision = get_visible_or_404(decision_for_page(pk))
    services.decision_close_if_due(decision)
    voter_partner = sc_voter_partner(request.user)
    form = VoteForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.vote_cast(decision=decision, user=request.user,
                                   choice=form.cleaned_data["choice"])
            except ValidationError as error:
                _show_refusal(request, error)
            else:
                messages.success(request, _("The vote of %(partner)s was recorded.")
                                 % {"partner": voter_partner.label})
            return redirect(decision)
        messages.error(request, _("Choose yes, no or abstain."))
    votes = {v.partner_id: v for v in votes_of(decision)}
    partners = sc_partners()
    return render(request, "workgroups/decision_detail.html", {
        "decision": decision, "form": form, "outcome": services.decision_outcome(decision),
        "is_open": services.decision_is_open(decision),
        "voter_partner": voter_partner,
        "already_voted": voter_partner is not None and voter_partner.pk in votes,
        "record": [{"partner": p, "vote": votes.get(p.pk)} for p in partners],
    })
