"""A partner's private workspace (folders, notes, documents) and the documents the user may
see across partners: detail, download, versions, sharing, deletion."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.forms import add_service_errors
from clusterpolisee.core.permissions import allowed, check_perm, get_visible_or_404, membership_of

from . import services
from .forms import DocumentForm, FolderForm, NoteForm, ShareForm, VersionForm
from .previews import CSV_PREVIEW_ROWS, csv_rows, preview_kind
from .selectors import (
    active_partners,
    document_audit_log,
    document_versions,
    documents_for_list,
    documents_visible_to,
    folders_of,
    notes_of,
    shared_documents_list,
    workspace_documents,
)
from .sharing import share_groups


@login_required
def workspace(request, slug):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.use_workspace", partner, hide=True)
    folders = list(folders_of(partner))
    folder = None
    if request.GET.get("folder"):
        folder = next((f for f in folders if str(f.pk) == request.GET["folder"]), None)
        if folder is None:
            raise Http404
    documents = workspace_documents(partner, folder=folder)
    notes = notes_of(partner, folder=folder)
    page = Paginator(documents, settings.WORKSPACE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partners/workspace.html", {
        "partner": partner, "folders": folders, "folder": folder, "page": page,
        "notes": notes[:50], "folder_form": FolderForm(),
    })


@login_required
@require_POST
def folder_create(request, slug):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.use_workspace", partner, hide=True)
    form = FolderForm(request.POST)
    if form.is_valid():
        try:
            folder = services.folder_create(partner=partner, name=form.cleaned_data["name"],
                                            user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Folder “%(name)s” created.") % {"name": folder.name})
            return redirect(f"{reverse('partners:workspace', args=[partner.slug])}"
                            f"?folder={folder.pk}")
    # the form is not shown again: its errors go to the workspace page as one message
    messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("partners:workspace", slug=partner.slug)


@login_required
def upload(request, slug):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.use_workspace", partner, hide=True)
    form = DocumentForm(request.POST or None, request.FILES or None, partner=partner,
                        initial={"folder": request.GET.get("folder")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_create(
                partner=partner, user=request.user, title=data["title"],
                description=data["description"], folder=data["folder"],
                upload=data["file"], working_groups=data["working_groups"],
                work_packages=data["work_packages"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” was uploaded. It is private to your "
                                        "partner until you share it.") % {"title": document})
            return redirect(document)
    if request.method == "POST":
        messages.error(request, _("The document was not saved; see the messages below."))
    return render(request, "partners/document_form.html", {
        "partner": partner, "form": form, "uploading": True}, status=400 if form.errors else 200)


@login_required
def note_edit(request, slug, pk=None):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.use_workspace", partner, hide=True)
    note = get_visible_or_404(notes_of(partner), pk=pk) if pk else None
    form = NoteForm(request.POST or None, instance=note, partner=partner,
                    initial={"folder": request.GET.get("folder")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            note = services.note_save(partner=partner, user=request.user, title=data["title"],
                                      body=data["body"], folder=data["folder"], note=note)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note was saved."))
            return redirect("partners:note", slug=partner.slug, pk=note.pk)
    return render(request, "partners/note_form.html", {"partner": partner, "form": form,
                                                        "note": note})


@login_required
def note_detail(request, slug, pk):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.use_workspace", partner, hide=True)
    note = get_visible_or_404(notes_of(partner), pk=pk)
    return render(request, "partners/note_detail.html", {"partner": partner, "note": note})


@login_required
@require_POST
def note_delete(request, slug, pk):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.use_workspace", partner, hide=True)
    note = get_visible_or_404(notes_of(partner), pk=pk)
    services.note_delete(note=note, user=request.user)
    messages.success(request, _("The note was deleted."))
    return redirect("partners:workspace", slug=partner.slug)


# --- documents across partners -------------------------------------------------------------

def document_list(request):
    """Documents the user may see that other partners shared, filterable by WG."""
    scope = request.GET.get("scope", "shared")
    working_groups = list(share_groups())
    wg = next((w for w in working_groups if w.code == request.GET.get("wg")), None)
    documents = shared_documents_list(request.user, scope=scope, group=wg,
                                      stage=request.GET.get("stage", ""))
    page = Paginator(documents, settings.WORKSPACE_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "partners/document_list.html", {
        "page": page, "working_groups": working_groups, "wg": wg, "scope": scope,
        "membership": membership_of(request.user),
    })


def _visible_document(request, pk):
    return get_visible_or_404(documents_for_list(documents_visible_to(request.user)), pk=pk)


def document_detail(request, pk):
    document = _visible_document(request, pk)
    user = request.user
    return render(request, "partners/document_detail.html", {
        "document": document,
        "versions": document_versions(document),
        "preview": (preview_kind(document.current_version.content_type)
                    if document.current_version else None),
        "audit": (document_audit_log(user, document)
                  if allowed(user, "partners.view_audit_log", document.partner) else None),
    })


def document_download(request, pk, number=None):
    document = _visible_document(request, pk)
    if number is None:
        version = document.current_version
        if version is None:
            raise Http404
    else:
        version = get_visible_or_404(document_versions(document), number=number)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    services.document_downloaded(document=document, version=version, user=request.user)
    response = FileResponse(handle, as_attachment=True, filename=version.filename,
                            content_type=version.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def document_preview(request, pk, number=None):
    """The document shown in the browser, with the same visibility as its download: a PDF
    or an image inline, sandboxed (no script of ours or its own runs); a CSV file as a
    table of its first rows."""
    document = _visible_document(request, pk)
    version = (document.current_version if number is None
               else get_visible_or_404(document_versions(document), number=number))
    kind = preview_kind(version.content_type) if version else None
    if kind is None:
        raise Http404
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    services.document_downloaded(document=document, version=version, user=request.user)
    if kind == "table":
        with handle:
            rows, more = csv_rows(handle)
        response = render(request, "partners/document_preview_csv.html", {
            "document": document, "version": version, "header": rows[0] if rows else [],
            "rows": rows[1:], "more": more, "limit": CSV_PREVIEW_ROWS})
    else:
        response = FileResponse(handle, as_attachment=False, filename=version.filename,
                                content_type=version.content_type)
        response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document_edit(request, pk):
    document = _visible_document(request, pk)
    check_perm(request.user, "partners.edit_document", document)
    form = DocumentForm(request.POST or None, instance=document, partner=document.partner,
                        with_file=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_update(document=document, user=request.user, title=data["title"],
                                     description=data["description"], folder=data["folder"],
                                     working_groups=data["working_groups"],
                                     work_packages=data["work_packages"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document was saved."))
            return redirect(document)
    return render(request, "partners/document_form.html", {
        "partner": document.partner, "form": form, "document": document})


@login_required
def document_new_version(request, pk):
    document = _visible_document(request, pk)
    check_perm(request.user, "partners.edit_document", document)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_add_version(
                document=document, user=request.user, upload=form.cleaned_data["file"],
                comment=form.cleaned_data["comment"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Version %(number)s was uploaded; earlier versions "
                                        "are kept.") % {"number": version.number})
            return redirect(document)
    return render(request, "partners/document_version_form.html", {
        "document": document, "form": form}, status=400 if form.errors else 200)


@login_required
def document_share(request, pk):
    document = _visible_document(request, pk)
    check_perm(request.user, "partners.share_document", document)
    initial = {
        "visibility": document.visibility,
        "partners": [s.partner for s in document.shares.all() if s.partner_id],
        "working_groups": [s.working_group for s in document.shares.all() if s.working_group_id],
    }
    form = ShareForm(request.POST or None, document=document, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_share(document=document, user=request.user,
                                    visibility=data["visibility"], partners=data["partners"],
                                    working_groups=data["working_groups"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Sharing saved: %(how)s.")
                             % {"how": document.get_visibility_display()})
            return redirect(document)
    return render(request, "partners/document_share.html", {
        "document": document, "form": form}, status=400 if form.errors else 200)


@login_required
def document_delete(request, pk):
    document = _visible_document(request, pk)
    check_perm(request.user, "partners.delete_document", document)
    if request.method == "POST":
        partner = document.partner
        services.document_delete(document=document, user=request.user)
        messages.success(request, _("“%(title)s” and all its versions were deleted.")
                         % {"title": document.title})
        return redirect("partners:workspace", slug=partner.slug)
    return render(request, "partners/document_delete.html", {"document": document})


