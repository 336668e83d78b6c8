"""The account's own settings beside allauth's pages."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from clusterpolisee.core.forms import add_service_errors

from .forms import PreferencesForm
from .middleware import set_language_cookie
from .services import user_preferences_update
from .zones import remember_zone, zone_name_for


@login_required
def preferences(request):
    user = request.user
    saved_zone = user.time_zone
    user.time_zone = ""
    default_zone = zone_name_for(user)
    user.time_zone = saved_zone
    form = PreferencesForm(request.POST if request.method == "POST" else None,
                           default_zone=default_zone,
                           initial={"language": user.language, "time_zone": user.time_zone})
    if request.method == "POST" and form.is_valid():
        try:
            user_preferences_update(user=user, language=form.cleaned_data["language"],
                                    time_zone=form.cleaned_data["time_zone"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            remember_zone(request, user)
            translation.activate(user.language)
            messages.success(request, _("Your language and time zone are saved."))
            response = redirect("account_preferences")
            set_language_cookie(response, user.language)
            return response
    return render(request, "account/preferences.html", {"form": form})
