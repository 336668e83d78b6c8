"""Partner directory, partner pages and the partner admins' page."""
import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from clusterpolisee.core.services import activity_record

from .filters import PartnerDirectoryFilter
from .forms import PartnerProfileForm
from .models import Partner
from .permissions import can_manage_partner, can_see_partner_staff
from .selectors import partner_directory, partner_for_detail, staff_of


def directory(request):
    partner_filter = PartnerDirectoryFilter(request.GET or None, queryset=partner_directory())
    partners = list(partner_filter.qs)
    return render(request, "partners/directory.html", {
        "filter": partner_filter,
        "partners": partners,
    })


def detail(request, slug):
    partner = get_object_or_404(partner_for_detail(slug))
    staff = list(staff_of(partner)) if can_see_partner_staff(request.user, partner) else None
    return render(request, "partners/detail.html", {
        "partner": partner,
        "staff": staff,
        "can_manage": can_manage_partner(request.user, partner),
    })


def logo(request, slug):
    """A partner's logo, served by the app so no media directory has to be public."""
    partner = get_object_or_404(Partner.objects.active().exclude(logo=""), slug=slug)
    try:
        handle = partner.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=mimetypes.guess_type(partner.logo.name)[0]
                            or "application/octet-stream")
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def manage(request, slug):
    partner = get_object_or_404(Partner.objects.active().select_related("country"), slug=slug)
    if not can_manage_partner(request.user, partner):
        # Another partner's admin pages do not exist as far as this user can tell.
        raise Http404
    if request.method == "POST":
        form = PartnerProfileForm(request.POST, request.FILES, instance=partner)
        if form.is_valid():
            with transaction.atomic():
                form.save()
                activity_record(actor=request.user, verb="partner.profile_updated",
                                target=partner, partner=partner)
            messages.success(request, _("The partner profile was saved."))
            return redirect("partners:manage", slug=partner.slug)
        messages.error(request, _("Please correct the errors below."))
    else:
        form = PartnerProfileForm(instance=partner)
    return render(request, "partners/manage.html", {
        "partner": partner,
        "form": form,
        "staff": staff_of(partner),
    })
