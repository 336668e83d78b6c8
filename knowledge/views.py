"""The library's portal pages: search with facets, open-data export, partner submissions
and their state, expert opinions and transfer declarations. The practices themselves are
Wagtail pages served by Wagtail."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.csv_export import csv_response
from clusterpolisee.core.forms import add_service_errors
from clusterpolisee.core.maps import country_map
from clusterpolisee.core.permissions import allowed, check_perm, get_visible_or_404

from . import services
from .exports import EXPORT_FIELDS, export_rows
from .forms import ExpertOpinionForm, LibrarySearchForm, PracticeSubmissionForm, TransferForm
from .selectors import (
    apply_facets,
    in_reader_language,
    library_summary,
    practice_cards,
    practices_awaiting_opinion_of,
    practices_matching,
    practices_visible_to,
    submissions_of,
    task_states_of,
    transfers_of,
)
from .services import workflow_state_of
from .submissions import submission_form_initial
from .workflow import is_expert_opinion_task

PAGE_SIZE = 20


def _page_number(request) -> int:
    """The page asked for; nonsense means the first, and a page past the end (the
    summary clamps it) the last."""
    try:
        return min(max(int(request.GET.get("page", 1)), 1), 10**6)
    except ValueError:
        return 1


def library(request):
    form = LibrarySearchForm(request.GET)
    facets = form.facet_values()
    query = form.cleaned_data.get("q", "").strip()
    sort = form.cleaned_data.get("sort") or ("relevance" if query else "date")
    practices = apply_facets(in_reader_language(practices_visible_to(request.user)), **facets)
    if query:
        practices = practices_matching(practices, query, by_relevance=(sort == "relevance"))
    else:
        practices = practices.order_by("-first_published_at", "-id")
    number = _page_number(request)
    total, ids, facet_values = library_summary(practices, page_number=number,
                                               per_page=PAGE_SIZE)
    # The summary chose the page's practices; the paginator only numbers the pages.
    page = Paginator(range(total), PAGE_SIZE).get_page(number)
    page.object_list = practice_cards(ids, request)
    return render(request, "knowledge/library.html", {
        "map": _results_map(request, facet_values["country"], facets.get("country") or ""),
        "form": form,
        "page": page,
        "query": query,
        "sort": sort,
        "chosen": facets,
        "facets": facet_values,
        "can_submit": allowed(request.user, "knowledge.submit_practice"),
    })


def _results_map(request, country_facet, current):
    """The library's results per country, each country a link that filters by it."""
    def url_for(iso):
        params = request.GET.copy()
        params.pop("page", None)
        params["country"] = iso
        return f"?{params.urlencode()}"

    names = {iso: name for iso, name, _count in country_facet}
    counts = {iso: count for iso, _name, count in country_facet}
    return country_map(counts, names=names, url_for=url_for, current=current)


def export_json(request):
    return JsonResponse({"fields": EXPORT_FIELDS, "practices": export_rows()},
                        json_dumps_params={"ensure_ascii": False, "indent": 1})


def export_csv(request):
    response, writer = csv_response("good-practices.csv")
    writer.writerow(EXPORT_FIELDS)
    for row in export_rows():
        writer.writerow(["; ".join(row[key]) if isinstance(row[key], list) else row[key]
                         for key in EXPORT_FIELDS])
    return response


@login_required
def submit(request):
    check_perm(request.user, "knowledge.submit_practice", hide=True)
    form = PracticeSubmissionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        practice = services.practice_submit(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Thank you: your practice was sent to the editors."))
        return redirect("knowledge:submission", pk=practice.pk)
    return render(request, "knowledge/submit.html", {"form": form, "practice": None})


@login_required
def submissions(request):
    check_perm(request.user, "knowledge.submit_practice", hide=True)
    practices = list(submissions_of(request.user))
    states = services.workflow_states_of(practices)
    items = [(practice, states.get(practice.pk)) for practice in practices]
    return render(request, "knowledge/submissions.html", {"items": items})


def _own_submission(request, pk):
    # the selector holds the partner's own submissions only: others' answer 404
    return get_visible_or_404(submissions_of(request.user), pk=pk)


@login_required
def submission(request, pk):
    practice = _own_submission(request, pk)
    state = workflow_state_of(practice)
    task_states = task_states_of(state)
    draft = practice.get_latest_revision_as_object()
    expert_states = [ts for ts in task_states if is_expert_opinion_task(ts.task)]
    return render(request, "knowledge/submission.html", {
        "practice": practice,
        "draft": draft,
        "state": state,
        "task_states": task_states,
        "expert_state": expert_states[-1] if expert_states else None,
        "can_resubmit": state is not None and state.status == state.STATUS_NEEDS_CHANGES,
    })


@login_required
def submission_edit(request, pk):
    practice = _own_submission(request, pk)
    state = workflow_state_of(practice)
    if state is None or state.status != state.STATUS_NEEDS_CHANGES:
        messages.info(request, _("This practice is with the editors; you can edit it when "
                                 "they ask for changes."))
        return redirect("knowledge:submission", pk=practice.pk)
    draft = practice.get_latest_revision_as_object()
    form = PracticeSubmissionForm(request.POST or None, request.FILES or None,
                                  initial=submission_form_initial(draft))
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_resubmit(user=request.user, practice=practice,
                                       data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes were sent back to the editors."))
            return redirect("knowledge:submission", pk=practice.pk)
    return render(request, "knowledge/submit.html", {"form": form, "practice": practice})


def _visible_practice(request, pk):
    # the selector, so a Wagtail view restriction keeps the practice's actions out too
    return get_visible_or_404(practices_visible_to(request.user), pk=pk)


@login_required
@require_POST
def expert_opinion(request, pk):
    """Add or replace the opinion on a published practice (outside the workflow)."""
    practice = _visible_practice(request, pk)
    check_perm(request.user, "knowledge.write_expert_opinion", practice, hide=True)
    form = ExpertOpinionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write an opinion of at most 5,000 characters."))
        return redirect(practice.url)
    try:
        services.expert_opinion_write(user=request.user, practice=practice,
                                      opinion=form.cleaned_data["opinion"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your opinion is shown on the practice page."))
    return redirect(practice.url)


@login_required
def opinion_requests(request):
    """The advisory board's queue: practices waiting for an expert opinion."""
    check_perm(request.user, "knowledge.see_opinion_requests", hide=True)
    return render(request, "knowledge/opinion_requests.html", {
        "practices": practices_awaiting_opinion_of(request.user),
    })


@login_required
def opinion_write(request, pk):
    """A STAB member reads the practice as submitted and writes the opinion; sending it
    completes the workflow's expert-opinion step, which publishes the practice."""
    practice = get_visible_or_404(practices_awaiting_opinion_of(request.user), pk=pk)
    form = ExpertOpinionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_opinion_write(user=request.user, practice=practice,
                                          opinion=form.cleaned_data["opinion"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your opinion was added and the practice "
                                        "is published."))
            return redirect(practice.url if practice.live else "knowledge:opinion_requests")
    draft = practice.get_latest_revision_as_object()
    return render(request, "knowledge/opinion_write.html", {
        "practice": practice, "draft": draft, "form": form,
        "indicator_lines": [line for line in draft.indicators.splitlines() if line.strip()],
    })


@login_required
@require_POST
def transfer(request, pk):
    practice = _visible_practice(request, pk)
    form = TransferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect(practice.url)
    check_perm(request.user, "knowledge.declare_transfer", practice, hide=True)
    services.transfer_declare(user=request.user, practice=practice,
                              status=form.cleaned_data["status"])
    messages.success(request, _("Your partner's status was saved."))
    return redirect(practice.url)


@login_required
@require_POST
def mentoring(request, pk, transfer_pk):
    practice = _visible_practice(request, pk)
    check_perm(request.user, "knowledge.offer_mentoring", practice, hide=True)
    item = get_visible_or_404(transfers_of(practice), pk=transfer_pk)
    services.mentoring_offer(user=request.user, transfer=item,
                             offered=request.POST.get("offered") != "0")
    messages.success(request, _("Your mentoring offer was saved."))
    return redirect(practice.url)
