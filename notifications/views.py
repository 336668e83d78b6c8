"""The notification list (htmx mark-read), preferences, and the signed unsubscribe link."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from clusterpolisee.core.forms import add_service_errors
from clusterpolisee.core.models import Category
from clusterpolisee.core.permissions import get_visible_or_404
from clusterpolisee.core.selectors import activity_visible_to
from workgroups.services import calendar_feed_token

from . import services
from .forms import PreferencesForm
from .models import Channel
from .preferences import channels_for, public_news_categories
from .selectors import notifications_for

PAGE_SIZE = 30


@login_required
def notification_list(request):
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "notifications/list.html", {
        "page": page, "notifications": page.object_list,
    })


@login_required
@require_POST
def notification_read(request, pk):
    notification = get_visible_or_404(notifications_for(request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    if request.htmx:
        return render(request, "notifications/_read_response.html",
                      {"notification": notification})
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_read_all(request):
    changed = services.notifications_mark_all_read(user=request.user)
    if request.htmx:
        page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(1)
        return render(request, "notifications/_list_response.html", {
            "page": page, "notifications": page.object_list, "changed": changed})
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def notification_open(request, pk):
    """Mark read and go to the object, if the user may still see it (the link of an
    immediate e-mail lands here, so an item hidden since says so rather than 404)."""
    notification = get_visible_or_404(notifications_for(request.user, include_hidden=True),
                                      pk=pk)
    services.notification_mark_read(notification=notification)
    activity = notification.activity
    url = activity.target_url
    if (url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
            and activity_visible_to(request.user, activity)):
        return redirect(url)
    messages.info(request, _("What this notification was about is no longer available."))
    return redirect("notifications:list")


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, initial_channels=channels_for(request.user),
                           initial_public=public_news_categories(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_update(user=request.user, channels=form.channels(),
                                        public_news=set(form.cleaned_data["public_news"]))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {
        "form": form,
        "feed_url": request.build_absolute_uri(
            reverse("workgroups:event_feed", args=[calendar_feed_token(request.user)])),
    })


@csrf_exempt  # mail clients post the one-click unsubscribe (RFC 8058) without a session
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """No login: the signature proves the link came from our e-mail. A GET only asks
    (mail scanners open links); the change happens on POST, from the confirmation page or
    from the mail client's RFC 8058 one-click POST."""
    try:
        if request.method == "GET":
            pending = services.unsubscribe_preview(token=token)
            return render(request, "notifications/unsubscribe_confirm.html", {
                "categories": [Category(category).label for category in pending.categories],
                "channel": Channel(pending.channel).label,
            })
        result = services.unsubscribe(token=token)
    except services.BadUnsubscribeLink as exc:
        return render(request, "notifications/unsubscribe_invalid.html",
                      {"expired": exc.expired}, status=400)
    changes = [
        {"category": Category(category).label, "old": Channel(old).label,
         "new": Channel(new).label}
        for category, (old, new) in result.changed.items()
    ]
    return render(request, "notifications/unsubscribed.html", {"changes": changes})
