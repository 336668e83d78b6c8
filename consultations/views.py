"""Consultation pages. Every page starts from ``consultations_visible_to``; pages for a
role the user lacks answer 404 (``check_perm(..., hide=True)``), as for an object they may
not see. Permissions are the registered ``consultations.*`` rules (``rules.py``), asked
with ``allowed`` so that a platform admin gets only what the rule gives; the services
enforce their own rules and the pages show their refusals."""
import html

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.csv_export import csv_response
from clusterpolisee.core.forms import add_service_errors
from clusterpolisee.core.html import text_with_line_breaks
from clusterpolisee.core.permissions import allowed, check_perm, get_visible_or_404
from clusterpolisee.users import services as user_services
from clusterpolisee.users.models import StakeholderProfile

from . import services
from .forms import (
    AttachmentForm,
    BlockForm,
    CommentEditForm,
    CommentForm,
    ConsultationForm,
    ListFilterForm,
    ModerationQueueFilterForm,
    RatingForm,
    ReactionForm,
    ReasonForm,
    SummaryForm,
)
from .rules import is_blocked_from_the_consultation
from .selectors import (
    attachments_of,
    blocks_of,
    comment_of,
    comments_of,
    comments_with_authors,
    consultation_list,
    consultations_moderated_by,
    consultations_visible_to,
    flagged_comments,
    hidden_comments,
    moderation_log,
    moderation_queue,
    participant_of,
    participants_of,
    rating_of,
    ratings_of,
    results_of,
    stakeholder_profiles,
    stakeholder_sign_ups,
    thread_page,
)


def _consultation(request, pk):
    return get_visible_or_404(consultations_visible_to(request.user), pk=pk)


def _comment(consultation, comment_id):
    return get_visible_or_404(comments_of(consultation), pk=comment_id)


def _show_refusal(request, error: ValidationError | PermissionDenied, form=None):
    """Show a service's refusal: errors naming fields on the form (``add_service_errors``),
    the rest as messages at the top of the page (the form may not be shown)."""
    if form is not None and hasattr(error, "error_dict"):
        add_service_errors(form, error)
        return
    texts = error.messages if isinstance(error, ValidationError) else [str(error)]
    for text in texts:
        messages.error(request, text)


@login_required
def consultation_list_view(request):
    form = ListFilterForm(request.GET or None)
    phase, wg = "", None
    if form.is_valid():
        phase, wg = form.cleaned_data["phase"], form.cleaned_data["wg"]
    return render(request, "consultations/list.html", {
        "filter_form": form,
        "consultations": list(consultation_list(request.user, phase=phase, working_group=wg)),
    })


@login_required
def consultation_create(request):
    check_perm(request.user, "consultations.create_consultation", hide=True)
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _show_refusal(request, error, form)
        else:
            messages.success(request, _("The draft was saved. Add documents, then open it."))
            return redirect("consultations:edit", pk=consultation.pk)
    return render(request, "consultations/form.html", {"form": form, "consultation": None})


@login_required
def consultation_edit(request, pk):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.manage_consultation", consultation, hide=True)
    form = ConsultationForm(instance=consultation)
    attachment_form = AttachmentForm()
    if request.method == "POST" and "file" in request.FILES:
        attachment_form = AttachmentForm(request.POST, request.FILES)
        if attachment_form.is_valid():
            try:
                services.attachment_add(consultation=consultation, user=request.user,
                                        upload=attachment_form.cleaned_data["file"])
            except ValidationError as error:
                _show_refusal(request, error, attachment_form)
            else:
                messages.success(request, _("The document was added."))
                return redirect("consultations:edit", pk=pk)
    elif request.method == "POST":
        form = ConsultationForm(request.POST, instance=consultation)
        if form.is_valid():
            try:
                services.consultation_update(consultation=consultation, user=request.user,
                                             **form.cleaned_data)
            except ValidationError as error:
                _show_refusal(request, error, form)
            else:
                messages.success(request, _("The consultation was saved."))
                return redirect("consultations:edit", pk=pk)
    return render(request, "consultations/form.html", {
        "form": form, "consultation": consultation, "attachment_form": attachment_form,
        "attachments": attachments_of(consultation),
    })


@login_required
@require_POST
def attachment_remove(request, pk, attachment_id):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.manage_consultation", consultation, hide=True)
    attachment = get_visible_or_404(attachments_of(consultation), pk=attachment_id)
    services.attachment_remove(attachment=attachment, user=request.user)
    messages.success(request, _("The document was removed."))
    return redirect("consultations:edit", pk=pk)


@login_required
def attachment_download(request, pk, attachment_id):
    consultation = _consultation(request, pk)
    attachment = get_visible_or_404(attachments_of(consultation), pk=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=attachment.name,
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def consultation_detail(request, pk):
    consultation = _consultation(request, pk)
    user = request.user
    can_take_part = allowed(user, "consultations.take_part", consultation)
    # why not, when it is open: the page says so
    is_blocked = not can_take_part and is_blocked_from_the_consultation(user, consultation)
    form = CommentForm(initial={"parent": request.GET.get("reply_to") or None})
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            parent = None
            if form.cleaned_data["parent"]:
                parent = comment_of(consultation, form.cleaned_data["parent"])
            try:
                comment = services.comment_post(consultation=consultation, user=user,
                                                body=form.cleaned_data["body"], parent=parent)
            except (ValidationError, PermissionDenied) as error:
                _show_refusal(request, error, form)
            else:
                messages.success(request, _("Your comment was posted."))
                return redirect(comment.get_absolute_url())
    # a link to a comment (?comment=, or the one being replied to) opens the page showing it
    page = thread_page(consultation, user, page=_int(request.GET.get("page"), 1),
                       comment_id=_int(request.GET.get("comment") or form["parent"].value()))
    comments = page.comments
    for comment in comments:
        comment.can_edit = allowed(user, "consultations.edit_comment", comment)
    thread = {"comments": comments, "page": page, "base": consultation.get_absolute_url(),
              "user_id": user.pk, "can_take_part": can_take_part,
              "is_moderator": allowed(user, "consultations.moderate_consultation",
                                            consultation)}
    if request.htmx:  # "Load more comments": the next page's comments and the next button
        response = render(request, "consultations/_thread_page.html", thread)
        patch_vary_headers(response, ["HX-Request"])
        return response
    reply_to = None
    if form["parent"].value():
        reply_to = next((c for c in comments if str(c.pk) == str(form["parent"].value())), None)
    my_rating = rating_of(consultation, user) if consultation.rating_question else None
    response = render(request, "consultations/detail.html", {
        **thread,
        "consultation": consultation,
        "n_shown": page.n_shown,
        "form": form,
        "reply_to": reply_to,
        "rating_form": RatingForm(initial={"value": my_rating}),
        "my_rating": my_rating,
        "attachments": list(attachments_of(consultation)),
        "is_blocked": is_blocked,
        "max_chars": settings.CONSULTATION_COMMENT_MAX_CHARS,
    })
    patch_vary_headers(response, ["HX-Request"])
    return response


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _back(consultation, comment=None):
    return redirect(comment.get_absolute_url() if comment else consultation.get_absolute_url())


@login_required
@require_POST
def consultation_open(request, pk):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.manage_consultation", consultation, hide=True)
    try:
        services.consultation_open(consultation=consultation, user=request.user)
        messages.success(request, _("The consultation is open."))
    except ValidationError as error:
        _show_refusal(request, error)
    return _back(consultation)


@login_required
@require_POST
def consultation_close(request, pk):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.manage_consultation", consultation, hide=True)
    try:
        services.consultation_close(consultation=consultation, user=request.user)
        messages.success(request, _("The consultation is closed. You can now write the summary."))
    except ValidationError as error:
        _show_refusal(request, error)
    return _back(consultation)


@login_required
def consultation_summary(request, pk):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.manage_consultation", consultation, hide=True)
    form = SummaryForm(request.POST or None, initial={"summary": consultation.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_publish_summary(consultation=consultation, user=request.user,
                                                  summary=form.cleaned_data["summary"])
        except ValidationError as error:
            _show_refusal(request, error, form)
        else:
            messages.success(request, _("The summary is published; participants are notified."))
            return _back(consultation)
    return render(request, "consultations/summary_form.html",
                  {"consultation": consultation, "form": form})


@login_required
def comment_edit(request, pk, comment_id):
    consultation = _consultation(request, pk)
    comment = _comment(consultation, comment_id)
    if not allowed(request.user, "consultations.edit_comment", comment):
        # someone else's comment is not there to edit; one's own may be past the window
        check_perm(request.user, "consultations.change_comment", comment, hide=True)
        messages.error(request, _("This comment can no longer be edited."))
        return _back(consultation, comment)
    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, user=request.user,
                                  body=form.cleaned_data["body"])
        except (ValidationError, PermissionDenied) as error:
            _show_refusal(request, error, form)
        else:
            messages.success(request, _("Your comment was updated."))
            return _back(consultation, comment)
    return render(request, "consultations/comment_edit.html",
                  {"consultation": consultation, "comment": comment, "form": form})


@login_required
def comment_delete(request, pk, comment_id):
    consultation = _consultation(request, pk)
    comment = _comment(consultation, comment_id)
    check_perm(request.user, "consultations.delete_comment", comment, hide=True)
    if request.method == "POST":
        services.comment_delete(comment=comment, user=request.user)
        messages.success(request, _("Your comment was deleted; replies to it stay."))
        return _back(consultation, comment)
    return render(request, "consultations/comment_delete.html",
                  {"consultation": consultation, "comment": comment})


@login_required
@require_POST
def comment_react(request, pk, comment_id):
    consultation = _consultation(request, pk)
    comment = _comment(consultation, comment_id)
    form = ReactionForm(request.POST)
    if form.is_valid():
        try:
            services.reaction_toggle(comment=comment, user=request.user,
                                     kind=form.cleaned_data["kind"])
        except (ValidationError, PermissionDenied) as error:
            _show_refusal(request, error)
    return _back(consultation, comment)


@login_required
def comment_flag(request, pk, comment_id):
    consultation = _consultation(request, pk)
    comment = _comment(consultation, comment_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_flag(comment=comment, user=request.user,
                                  reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _show_refusal(request, error, form)
        else:
            messages.success(request, _("Thank you; the moderators will look at this comment."))
            return _back(consultation, comment)
    return render(request, "consultations/comment_flag.html",
                  {"consultation": consultation, "comment": comment, "form": form})


@login_required
@require_POST
def rating(request, pk):
    consultation = _consultation(request, pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
        return _back(consultation)
    try:
        services.rating_answer(consultation=consultation, user=request.user,
                               value=form.cleaned_data["value"])
        messages.success(request, _("Your rating was saved."))
    except (ValidationError, PermissionDenied) as error:
        _show_refusal(request, error)
    return _back(consultation)


# --- moderation ---------------------------------------------------------------------------

@login_required
def moderation(request, pk):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.moderate_consultation", consultation, hide=True)
    return render(request, "consultations/moderation.html", {
        "consultation": consultation,
        "flagged": flagged_comments(consultation),
        "hidden": hidden_comments(consultation),
        "blocks": blocks_of(consultation),
        "block_form": BlockForm(participants=participants_of(consultation)),
        "hide_form": ReasonForm(),
        "log": moderation_log(consultation),
    })


QUEUE_PAGE_SIZE = 25


@login_required
def moderation_queue_view(request):
    """Flagged (or hidden) comments of every consultation the user moderates."""
    check_perm(request.user, "consultations.moderate_any_consultation", hide=True)
    moderated = consultations_moderated_by(request.user)
    form = ModerationQueueFilterForm(request.GET or None, consultations=moderated)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"state": data["state"] or "flagged", "consultation": data["consultation"],
                   "working_group": data["wg"], "reason": data["reason"].strip()}
    page = Paginator(moderation_queue(request.user, **filters), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "consultations/moderation_queue.html", {
        "filter_form": form,
        "page": page,
        "state": filters.get("state", "flagged"),
        "hide_form": ReasonForm(),
        "here": request.get_full_path(),
    })


def _after_moderation(request, pk):
    """Back to where the moderator acted: the queue across consultations (with its
    filters) when the form said so, else this consultation's queue."""
    target = request.POST.get("next", "")
    if target.startswith(reverse("consultations:moderation_queue")) and \
            url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("consultations:moderation", pk=pk)


@login_required
@require_POST
def comment_hide(request, pk, comment_id):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.moderate_consultation", consultation, hide=True)
    comment = _comment(consultation, comment_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason shown in place of the comment."))
        return _after_moderation(request, pk)
    services.comment_hide(comment=comment, user=request.user,
                          reason=form.cleaned_data["reason"])
    messages.success(request, _("The comment is hidden."))
    return _after_moderation(request, pk)


@login_required
@require_POST
def comment_unhide(request, pk, comment_id):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.moderate_consultation", consultation, hide=True)
    services.comment_unhide(comment=_comment(consultation, comment_id), user=request.user)
    messages.success(request, _("The comment is shown again."))
    return _after_moderation(request, pk)


@login_required
@require_POST
def flags_dismiss(request, pk, comment_id):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.moderate_consultation", consultation, hide=True)
    services.flags_dismiss(comment=_comment(consultation, comment_id), user=request.user)
    messages.success(request, _("The flags were dismissed."))
    return _after_moderation(request, pk)


@login_required
@require_POST
def user_block(request, pk):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.moderate_consultation", consultation, hide=True)
    form = BlockForm(request.POST, participants=participants_of(consultation))
    if form.is_valid():
        try:
            services.user_block(consultation=consultation, participant=form.cleaned_data["user"],
                                user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The participant is blocked from this consultation."))
        except ValidationError as error:
            _show_refusal(request, error)
    else:
        messages.error(request, _("Choose a participant and give a reason."))
    return redirect("consultations:moderation", pk=pk)


@login_required
@require_POST
def user_unblock(request, pk, block_id):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.moderate_consultation", consultation, hide=True)
    block = get_visible_or_404(blocks_of(consultation), pk=block_id)
    services.user_unblock(block=block, user=request.user)
    messages.success(request, _("The block was lifted."))
    return redirect("consultations:moderation", pk=pk)


# --- results and export -------------------------------------------------------------------

@login_required
def results(request, pk):
    consultation = _consultation(request, pk)
    return render(request, "consultations/results.html", {
        "consultation": consultation,
        "results": results_of(consultation),
    })


def _export_rows(consultation):
    for comment in comments_with_authors(consultation):
        who = participant_of(comment.author)
        status = "deleted" if comment.is_deleted else "hidden" if comment.is_hidden else "shown"
        yield {
            "id": comment.pk,
            "parent_id": comment.parent_id,
            "posted_at": comment.created_at.isoformat(),
            "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
            "status": status,
            "hidden_reason": comment.hidden_reason,
            "author": "" if comment.is_deleted else str(comment.author),
            "participant_type": who["type"],
            "organisation": who["partner"],
            "country": who["country"].iso_code if who["country"] else "",
            "text": html.unescape(text_with_line_breaks(comment.body_html)),
        }


@login_required
def export_csv(request, pk):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.export_consultation", consultation, hide=True)
    rows = list(_export_rows(consultation))
    counts = _counts(rows)
    response, writer = csv_response(f"consultation-{pk}-comments.csv")
    fields = ["id", "parent_id", "posted_at", "edited_at", "status", "hidden_reason", "author",
              "participant_type", "organisation", "country", "text"]
    writer.writerow(fields)
    for row in rows:
        writer.writerow([row[f] for f in fields])
    writer.writerow([])
    writer.writerow(["comments", counts["total"], "shown", counts["shown"], "hidden",
                     counts["hidden"], "deleted", counts["deleted"]])
    if consultation.rating_question:
        writer.writerow(["rating_question", consultation.rating_question])
        for value, count in results_of(consultation)["ratings"].items():
            writer.writerow(["rating", value, "answers", count])
    return response


def _counts(rows):
    return {"total": len(rows),
            "shown": sum(1 for r in rows if r["status"] == "shown"),
            "hidden": sum(1 for r in rows if r["status"] == "hidden"),
            "deleted": sum(1 for r in rows if r["status"] == "deleted")}


@login_required
def export_json(request, pk):
    consultation = _consultation(request, pk)
    check_perm(request.user, "consultations.export_consultation", consultation, hide=True)
    rows = list(_export_rows(consultation))
    ratings = [{"value": v, "answered_at": at.isoformat()} for v, at in ratings_of(consultation)]
    payload = {
        "consultation": {"id": consultation.pk, "title": consultation.title,
                         "state": consultation.phase, "audience": consultation.audience,
                         "opens_at": consultation.opens_at.isoformat(),
                         "closes_at": consultation.closes_at.isoformat(),
                         "exported_at": timezone.now().isoformat()},
        "counts": _counts(rows),
        "comments": rows,
        "rating_question": consultation.rating_question,
        "ratings": ratings,
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="consultation-{pk}.json"'
    return response


# --- the user group -----------------------------------------------------------------------

@login_required
def stakeholders(request):
    check_perm(request.user, "users.approve_stakeholders", hide=True)
    profiles = stakeholder_sign_ups()
    return render(request, "consultations/stakeholders.html", {
        "pending": [p for p in profiles if p.state == StakeholderProfile.State.PENDING],
        "decided": [p for p in profiles if p.state != StakeholderProfile.State.PENDING][:50],
    })


@login_required
@require_POST
def stakeholder_decide(request, profile_id):
    check_perm(request.user, "users.approve_stakeholders", hide=True)
    profile = get_visible_or_404(stakeholder_profiles(), pk=profile_id)
    approve = request.POST.get("decision") == "approve"
    user_services.stakeholder_decide(profile=profile, user=request.user, approve=approve)
    text = (_("%(name)s is approved into the user group.") if approve
            else _("%(name)s was declined.")) % {"name": profile.user}
    messages.success(request, text)
    return redirect("consultations:stakeholders")
