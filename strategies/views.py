"""Pages of co-drafted strategies. Views stay thin: selectors read, services write, and
every permission is asked as ``allowed(user, "strategies.…", document)`` (core.permissions).

A view refuses (``check_perm``) only where no service runs: the form a page shows, and a
form sent back invalid. Where a service runs, its own check is the refusal (403)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.forms import add_service_errors, flash_refusal
from clusterpolisee.core.permissions import allowed, check_perm, get_visible_or_404
from consultations.rules import can_moderate_consultation
from consultations.selectors import thread_of

from . import selectors, services
from .diff import compare
from .exports import version_docx
from .forms import (
    AmendmentForm,
    ChapterCreateForm,
    ChapterEditForm,
    CoEditorForm,
    CommentForm,
    DecideForm,
    DocumentForm,
    PhaseForm,
    VoteForm,
)


def _document(request, pk, *, draft=False):
    """The document if the user may see it at all, and its draft if ``draft``: else 404."""
    document = get_visible_or_404(selectors.strategies_visible_to(request.user), pk=pk)
    check_perm(request.user, "strategies.view_strategy", document, hide=True)
    if draft:
        check_perm(request.user, "strategies.view_draft", document, hide=True)
    return document


def _errors(request, exc, form=None):
    if form is not None and not isinstance(exc, PermissionDenied):
        add_service_errors(form, exc)
    else:
        flash_refusal(request, exc)


def strategy_list(request):
    user = request.user
    return render(request, "strategies/list.html", {
        "documents": list(selectors.strategy_list(user)),
        "can_create": user.is_authenticated and allowed(user, "strategies.create_strategy"),
    })


@login_required
def strategy_create(request):
    check_perm(request.user, "strategies.create_strategy", hide=True)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create(user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc, form)
            if isinstance(exc, PermissionDenied):
                form.add_error("work_package", str(exc))
        else:
            messages.success(request, _("The document was created. Write its first chapter."))
            return redirect("strategies:chapter_create", pk=document.pk)
    return render(request, "strategies/create.html", {"form": form})


def strategy_detail(request, pk):
    document = _document(request, pk)
    user = request.user
    if not allowed(user, "strategies.view_draft", document):
        adopted = selectors.adopted_version(document)
        return redirect(adopted.get_absolute_url())
    services.settle_if_due(document)
    chapters = selectors.chapters_for_page(document)
    phase = selectors.current_phase(document)
    can_edit = allowed(user, "strategies.edit_strategy", document)
    context = {
        "document": document, "chapters": chapters, "phase": phase,
        "phase_open": phase is not None and phase.consultation.is_accepting_comments,
        "latest": selectors.latest_version(document),
        "adopted": selectors.adopted_version(document),
        "in_vote": selectors.version_in_vote(document),
        "can_edit": can_edit,
        "can_manage_co_editors": allowed(user, "strategies.manage_co_editors", document),
        "co_editors": selectors.co_editors_of(document) if can_edit else [],
        "co_editor_form": CoEditorForm(),
        "n_paragraphs": sum(len(c.paragraphs.all()) for c in chapters),
    }
    return render(request, "strategies/detail.html", context)


@login_required
def chapter_create(request, pk):
    document = _document(request, pk)
    form = ChapterCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            chapter, version = services.chapter_create(document=document, user=request.user,
                                                       **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Chapter %(n)s was saved as version %(v)s.")
                             % {"n": chapter.position, "v": version.number})
            return redirect(f"{document.get_absolute_url()}#chapter-{chapter.pk}")
    else:
        check_perm(request.user, "strategies.edit_strategy", document)
    return render(request, "strategies/chapter_form.html", {
        "document": document, "form": form, "frozen": selectors.version_in_vote(document)})


@login_required
def chapter_edit(request, pk, chapter_id):
    document = _document(request, pk)
    chapter = get_visible_or_404(selectors.chapters_of(document), pk=chapter_id)
    latest = selectors.latest_version(document)
    initial = {"title": chapter.title, "base_version": latest.number if latest else None}
    form = ChapterEditForm(request.POST or None, chapter=chapter, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.chapter_save(
                chapter=chapter, user=request.user, title=form.cleaned_data["title"],
                texts=form.texts(), new_text=form.cleaned_data["new_text"],
                base_version=form.cleaned_data["base_version"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if version is None:
                messages.info(request, _("Nothing changed; no version was made."))
            else:
                messages.success(request, _("The chapter was saved as version %(v)s.")
                                 % {"v": version.number})
            return redirect(f"{document.get_absolute_url()}#chapter-{chapter.pk}")
    else:
        check_perm(request.user, "strategies.edit_strategy", document)
    return render(request, "strategies/chapter_form.html", {
        "document": document, "chapter": chapter, "form": form,
        "frozen": selectors.version_in_vote(document)})


def _paragraph(document, paragraph_id):
    return get_visible_or_404(selectors.paragraphs_of(document), pk=paragraph_id)


def paragraph_detail(request, pk, paragraph_id):
    document = _document(request, pk, draft=True)
    paragraph = _paragraph(document, paragraph_id)
    user = request.user
    phase = selectors.current_phase(document)
    can_take_part = allowed(user, "strategies.take_part", document)
    form = CommentForm(initial={"parent": request.GET.get("reply_to") or None})
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            parent = None
            if form.cleaned_data["parent"]:
                parent = selectors.comment_with_pk(form.cleaned_data["parent"])
            try:
                comment = services.paragraph_comment_post(
                    paragraph=paragraph, user=user, body=form.cleaned_data["body"],
                    parent=parent)
            except (ValidationError, PermissionDenied) as exc:
                _errors(request, exc, form)
            else:
                messages.success(request, _("Your comment was posted."))
                return redirect(f"{paragraph.get_absolute_url()}#comment-{comment.pk}")
    comments, thread, n_comments, reply_to = [], {}, 0, None
    if phase is not None:
        consultation = phase.consultation
        comments = thread_of(consultation, user, only=selectors.paragraph_comment_ids(paragraph))
        n_comments = sum(1 for c in comments if not c.is_deleted and not c.is_hidden)
        if form["parent"].value():
            reply_to = next((c for c in comments if str(c.pk) == str(form["parent"].value())),
                            None)
        # the context of consultations/_thread.html
        thread = {"base": consultation.get_absolute_url(), "user_id": user.pk,
                  "can_react": can_take_part and consultation.is_accepting_comments,
                  "is_moderator": can_moderate_consultation(user, consultation)}
    return render(request, "strategies/paragraph.html", {
        **thread,
        "document": document, "paragraph": paragraph, "phase": phase,
        "comments": comments, "n_comments": n_comments, "form": form,
        "reply_to": reply_to, "can_take_part": can_take_part,
        "can_decide": allowed(user, "strategies.decide_amendment", document),
        "amendments": selectors.amendments_of(paragraph, user),
        "decide_form": DecideForm(),
    })


@login_required
def amendment_create(request, pk, paragraph_id):
    document = _document(request, pk, draft=True)
    paragraph = _paragraph(document, paragraph_id)
    conflict = None
    form = AmendmentForm(request.POST or None, initial={
        "base_revision": paragraph.revision, "text": paragraph.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.amendment_propose(paragraph=paragraph, user=request.user,
                                       **form.cleaned_data)
        except services.AmendmentConflict as exc:
            conflict = {"current_text": exc.current_text}
            # the proposer's text stays; the form now answers to the current revision
            data = request.POST.copy()
            data["base_revision"] = str(exc.current_revision)
            form = AmendmentForm(data)
            form.is_valid()
            form.add_error(None, exc.messages[0])
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Your amendment to paragraph %(n)s was proposed.")
                             % {"n": paragraph.number})
            return redirect(paragraph.get_absolute_url() + "#amendments")
    paragraph.refresh_from_db()
    return render(request, "strategies/amendment_form.html", {
        "document": document, "paragraph": paragraph, "form": form, "conflict": conflict,
        "can_take_part": allowed(request.user, "strategies.take_part", document),
        "max_chars": services.AMENDMENT_MAX_CHARS})


def _amendment(document, amendment_id):
    return get_visible_or_404(selectors.document_amendments(document), pk=amendment_id)


@login_required
@require_POST
def amendment_support(request, pk, amendment_id):
    document = _document(request, pk, draft=True)
    amendment = _amendment(document, amendment_id)
    try:
        services.amendment_support(amendment=amendment, user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("You support the amendment."))
    return redirect(amendment.get_absolute_url())


@login_required
@require_POST
def amendment_decide(request, pk, amendment_id):
    document = _document(request, pk)
    amendment = _amendment(document, amendment_id)
    form = DecideForm(request.POST)
    form.is_valid()
    reply = form.cleaned_data.get("reply", "")
    try:
        if request.POST.get("decision") == "accept":
            version = services.amendment_accept(amendment=amendment, user=request.user,
                                                reply=reply)
            messages.success(request, _("The amendment was accepted; the paragraph now reads "
                                        "as proposed (version %(v)s).") % {"v": version.number})
        else:
            services.amendment_reject(amendment=amendment, user=request.user, reply=reply)
            messages.success(request, _("The amendment was rejected; the author sees your "
                                        "reply."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(amendment.get_absolute_url())


@login_required
def phase_open(request, pk):
    document = _document(request, pk)
    form = PhaseForm(request.POST or None, initial={
        "closes_at": (timezone.localtime() + timezone.timedelta(days=14)).replace(
            second=0, microsecond=0)})
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_open(document=document, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The comment phase is open."))
            return redirect(document.get_absolute_url())
    else:
        check_perm(request.user, "strategies.open_phase", document)
    return render(request, "strategies/phase_form.html", {"document": document, "form": form})


def _readable_versions(request, document):
    return selectors.versions_readable_by(request.user, document)


def version_list(request, pk):
    document = _document(request, pk)
    versions = list(_readable_versions(request, document).order_by("-number"))
    return render(request, "strategies/versions.html", {
        "document": document, "versions": versions,
        "can_vote": allowed(request.user, "strategies.put_to_vote", document),
        "vote_form": VoteForm(initial={"deadline": (timezone.localtime()
                                                    + timezone.timedelta(days=14)).replace(
            second=0, microsecond=0)}),
    })


def _version(request, document, number):
    return get_visible_or_404(_readable_versions(request, document), number=number)


def version_diff(request, pk):
    document = _document(request, pk)
    versions = _readable_versions(request, document)
    try:
        old_n, new_n = int(request.GET.get("from", "")), int(request.GET.get("to", ""))
    except ValueError:
        latest = versions.order_by("-number").values_list("number", flat=True)[:2]
        if len(latest) < 2:
            messages.info(request, _("There is only one version so far."))
            return redirect("strategies:versions", pk=document.pk)
        return redirect(f"{reverse('strategies:diff', kwargs={'pk': document.pk})}"
                        f"?from={latest[1]}&to={latest[0]}")
    old = get_visible_or_404(versions, number=old_n)
    new = get_visible_or_404(versions, number=new_n)
    chapters, n_changed = compare(old.snapshot, new.snapshot)
    return render(request, "strategies/diff.html", {
        "document": document, "old": old, "new": new, "chapters": chapters,
        "n_changed": n_changed,
        "numbers": list(versions.order_by("-number").values_list("number", flat=True))})


def version_detail(request, pk, number):
    document = _document(request, pk)
    version = _version(request, document, number)
    return render(request, "strategies/version.html", {
        "document": document, "version": version,
        "can_view_draft": allowed(request.user, "strategies.view_draft", document)})


@login_required
@require_POST
def version_vote(request, pk, number):
    document = _document(request, pk)
    version = _version(request, document, number)
    form = VoteForm(request.POST)
    if not form.is_valid():
        check_perm(request.user, "strategies.put_to_vote", document)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("strategies:versions", pk=document.pk)
    try:
        version = services.version_put_to_vote(version=version, user=request.user,
                                               **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("strategies:versions", pk=document.pk)
    messages.success(request, _("Version %(n)s is before the Steering Committee; the text is "
                                "frozen until the vote closes.") % {"n": version.number})
    return redirect(version.decision.get_absolute_url())


def _export_version(request, document):
    number = request.GET.get("version")
    versions = _readable_versions(request, document)
    if number:
        return get_visible_or_404(versions, number=number if number.isdigit() else -1)
    version = selectors.version_to_export(versions)
    if version is None:
        raise Http404
    return version


def version_print(request, pk):
    document = _document(request, pk)
    check_perm(request.user, "strategies.export", document)
    version = _export_version(request, document)
    return render(request, "strategies/print.html", {
        "document": document, "version": version,
        "amendments": list(selectors.amendment_log(document, until=version.created_at))})


def version_export_docx(request, pk):
    document = _document(request, pk)
    check_perm(request.user, "strategies.export", document)
    version = _export_version(request, document)
    data = version_docx(document=document, version=version,
                        amendments=list(selectors.amendment_log(document,
                                                                until=version.created_at)))
    name = f"{slugify(document.title) or 'strategy'}-v{version.number}.docx"
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument."
                                               "wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def co_editors(request, pk):
    document = _document(request, pk)
    removing = request.POST.get("remove", "")
    if removing:
        person = selectors.account_with_pk(removing)
    else:
        form = CoEditorForm(request.POST)
        person = selectors.account_with_email(form.data.get("email", "")) \
            if form.is_valid() else None
    if person is None:
        # no service runs, so the refusal is asked here, before saying what is missing
        check_perm(request.user, "strategies.manage_co_editors", document)
        if removing:
            raise Http404
        messages.error(request, _("No account has that e-mail address."))
        return redirect(f"{document.get_absolute_url()}#co-editors")
    try:
        if removing:
            services.co_editor_remove(document=document, co_editor=person, user=request.user)
            messages.success(request, _("%(name)s is no longer a co-editor.") % {"name": person})
        else:
            services.co_editor_add(document=document, co_editor=person, user=request.user)
            messages.success(request, _("%(name)s is now a co-editor.") % {"name": person})
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(f"{document.get_absolute_url()}#co-editors")
