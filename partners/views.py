"""Partner directory, partner pages, the partner admins' page (staff, invitations) and the
audit log. Another partner's admin pages answer 404: they do not exist as far as the user
can tell."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.forms import add_service_errors
from clusterpolisee.core.maps import country_map, country_outline
from clusterpolisee.core.permissions import allowed, check_perm, get_visible_or_404
from clusterpolisee.users.selectors import account_exists_for

from . import services
from .filters import PartnerDirectoryFilter
from .forms import InvitationForm, InvitationSignupForm, PartnerProfileForm, RoleForm
from .logos import content_type_of
from .models import Membership
from .profile import sections_for
from .selectors import (
    active_partners,
    audit_log_visible_to,
    invitations_of,
    memberships_of,
    open_invitations,
    partner_directory,
    partner_for_detail,
    partners_with_logo,
    staff_of,
)

AUDIT_PAGE_SIZE = 50


def directory(request):
    partner_filter = PartnerDirectoryFilter(request.GET or None, queryset=partner_directory())
    partners = list(partner_filter.qs)
    # The map counts the partners the other filters leave, so a click on a country narrows
    # what the reader already chose instead of starting over.
    others = request.GET.copy()
    current = others.pop("country", [""])[0]
    everywhere = partners if not current else list(
        PartnerDirectoryFilter(others or None, queryset=partner_directory()).qs)
    counts, names = {}, {}
    for partner in everywhere:
        iso = partner.country.iso_code
        counts[iso] = counts.get(iso, 0) + 1
        names[iso] = partner.country.display_name

    def url_for(iso):
        query = others.copy()
        query["country"] = iso
        return "?" + query.urlencode()

    return render(request, "partners/directory.html", {
        "filter": partner_filter,
        "partners": partners,
        "map": country_map(counts, names=names, url_for=url_for, current=current),
        "clear_url": "?" + others.urlencode(),
    })


def detail(request, slug):
    partner = get_visible_or_404(partner_for_detail(slug))
    # Contact people are for partner staff (and platform admins) only.
    staff = (list(staff_of(partner))
             if allowed(request.user, "partners.see_partner_staff", partner) else None)
    return render(request, "partners/detail.html", {
        "partner": partner,
        "staff": staff,
        "location": country_outline(partner.country.iso_code),
        "sections": sections_for(request, partner),
    })


def logo(request, slug):
    """A partner's logo, served by the app so no media directory has to be public."""
    partner = get_visible_or_404(partners_with_logo(), slug=slug)
    try:
        handle = partner.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = content_type_of(partner.logo.name)
    if content_type is None:  # stored before logos were re-encoded, and not a raster image
        handle.close()
        raise Http404
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _manage_page(request, partner, *, form=None, invite_form=None, status=200):
    return render(request, "partners/manage.html", {
        "partner": partner,
        "form": form or PartnerProfileForm(instance=partner),
        "invite_form": invite_form or InvitationForm(),
        "staff": staff_of(partner),
        "roles": Membership.Role.choices,
        "invitations": open_invitations(partner),
    }, status=status)


@login_required
def manage(request, slug):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.manage_partner", partner, hide=True)
    if request.method == "POST":
        form = PartnerProfileForm(request.POST, request.FILES, instance=partner)
        if form.is_valid():
            data = form.cleaned_data
            services.partner_profile_update(
                partner=partner, user=request.user, short_name=data["short_name"],
                city=data["city"], website=data["website"], description=data["description"],
                logo=data["logo"])
            messages.success(request, _("The partner profile was saved."))
            return redirect("partners:manage", slug=partner.slug)
        messages.error(request, _("Please correct the errors below."))
        return _manage_page(request, partner, form=form)
    return _manage_page(request, partner)


@login_required
@require_POST
def invite(request, slug):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.manage_partner", partner, hide=True)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                partner=partner, email=form.cleaned_data["email"],
                role=form.cleaned_data["role"], user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("An invitation was sent to %(email)s.")
                             % {"email": invitation.email})
            return redirect("partners:manage", slug=partner.slug)
    messages.error(request, _("The invitation was not sent; see the message below."))
    return _manage_page(request, partner, invite_form=form)


@login_required
@require_POST
def revoke_invitation(request, slug, pk):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.manage_partner", partner, hide=True)
    invitation = get_visible_or_404(invitations_of(partner), pk=pk)
    services.invitation_revoke(invitation=invitation, user=request.user)
    messages.success(request, _("The invitation to %(email)s was withdrawn.")
                     % {"email": invitation.email})
    return redirect("partners:manage", slug=partner.slug)


@login_required
@require_POST
def change_role(request, slug, pk):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.manage_partner", partner, hide=True)
    membership = get_visible_or_404(memberships_of(partner), pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
    else:
        try:
            services.membership_change_role(membership=membership,
                                            role=form.cleaned_data["role"], user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(name)s is now %(role)s.") % {
                "name": membership.user, "role": membership.get_role_display()})
    return redirect("partners:manage", slug=partner.slug)


@login_required
@require_POST
def remove_staff(request, slug, pk):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.manage_partner", partner, hide=True)
    membership = get_visible_or_404(memberships_of(partner), pk=pk)
    try:
        services.membership_remove(membership=membership, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s no longer works for %(partner)s.")
                         % {"name": membership.user, "partner": partner.label})
    return redirect("partners:manage", slug=partner.slug)


@login_required
def audit_log(request, slug):
    partner = get_visible_or_404(active_partners(), slug=slug)
    check_perm(request.user, "partners.view_audit_log", partner, hide=True)
    page = Paginator(audit_log_visible_to(request.user, partner), AUDIT_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "partners/audit.html", {"partner": partner, "page": page})


def invitation(request, token):
    """The link from the invitation e-mail: explain, then sign up or log in, then join."""
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationError as error:
        return render(request, "partners/invitation_invalid.html", {"reason": str(error)},
                      status=400)
    user = request.user
    form = None
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=user)
            except services.InvitationError as error:
                return render(request, "partners/invitation_invalid.html",
                              {"reason": str(error)}, status=400)
            messages.success(request, _("Welcome to %(partner)s.")
                             % {"partner": invitation.partner.name})
            return redirect("dashboard")
    elif account_exists_for(invitation.email):
        pass  # the page offers the login link, which brings them back here
    else:
        form = InvitationSignupForm(request.POST or None, email=invitation.email)
        if request.method == "POST" and form.is_valid():
            try:
                new_user = services.invitation_accept_with_new_account(
                    invitation=invitation, password=form.cleaned_data["password1"],
                    full_name=form.cleaned_data["full_name"], language=request.LANGUAGE_CODE)
            except services.InvitationError as error:
                return render(request, "partners/invitation_invalid.html",
                              {"reason": str(error)}, status=400)
            login(request, new_user, backend="clusterpolisee.users.backends.AuthenticationBackend")
            messages.success(request, _("Welcome to %(partner)s.")
                             % {"partner": invitation.partner.name})
            return redirect("dashboard")
    return render(request, "partners/invitation.html", {
        "invitation": invitation, "form": form,
        "has_account": not user.is_authenticated and form is None,
    })
