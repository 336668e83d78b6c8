"""Portal pages that compose several apps: the dashboard after login and the language
switch. They live in the project package, above the apps, because they read from all of
them. (The visitors' landing page is the Wagtail HomePage, see knowledge.models.)"""
from django.contrib.auth.decorators import login_required
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from clusterpolisee.core.permissions import membership_of
from clusterpolisee.core.selectors import activities_visible_to
from clusterpolisee.portal.activity import GROUP_WINDOW, grouped_activity
from clusterpolisee.portal.needs import needs_of
from clusterpolisee.portal.selectors import partner_for_dashboard
from clusterpolisee.users.services import user_language_remember
from partners.selectors import documents_for_list, documents_visible_to
from workgroups.selectors import (
    partner_sits_on_stab,
    work_packages_led_by,
    working_groups_of,
)

DASHBOARD_DOCUMENT_LIMIT = 8


@login_required
def dashboard(request):
    user = request.user
    membership = membership_of(user)
    partner = partner_for_dashboard(membership)
    return render(request, "portal/dashboard.html", {
        "membership": membership,
        "partner": partner,
        "working_groups": working_groups_of(user),
        "work_packages": work_packages_led_by(partner),
        "sc_seat": getattr(partner, "sc_seat", None),
        "on_stab": partner_sits_on_stab(partner),
        # "needs you" replaces the separate consultation, deliverable, opinion and
        # moderation boxes: one list, soonest due first (clusterpolisee.portal.needs)
        # computed only when the template's per-user fragment cache misses
        "needs": SimpleLazyObject(lambda: list(
            needs_of(user, partner=partner, membership=membership))),
        "activity_groups": SimpleLazyObject(lambda: list(
            grouped_activity(activities_visible_to(user)[:GROUP_WINDOW]))),
        "shared_documents": _shared_documents(user, partner),
    })


def _shared_documents(user, partner):
    """Recent documents other partners shared with the user, their partner or their WGs."""
    documents = documents_visible_to(user)
    if partner is not None:
        documents = documents.exclude(partner=partner)
    return documents_for_list(documents)[:DASHBOARD_DOCUMENT_LIMIT]


@csrf_exempt
@require_POST
def switch_language(request):
    """Django's set_language, and remember the choice on the user for e-mails and logins.

    Anonymous visitors' language form carries no CSRF token, so that the pages it sits on
    can be shared from the anonymous page cache (core/page_cache.py); all a forged request
    can do to them is change a language cookie. A logged-in user's choice is also saved on
    the account, so for them the token is checked as everywhere else.
    """
    if request.user.is_authenticated:
        refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if refused is not None:
            return refused
    response = set_language(request)
    if request.user.is_authenticated:
        user_language_remember(user=request.user, language=request.POST.get("language"))
    return response
