"""Personal API tokens on the account page: create (the secret is shown once), list with the
last use, revoke."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.forms import add_service_errors

from . import services
from .forms import TokenForm
from .selectors import tokens_of


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.token_create(
                    user=request.user, name=form.cleaned_data["name"],
                    session_passed_mfa=services.session_passed_mfa(request))
            except (ValidationError, PermissionDenied) as exc:
                add_service_errors(form, exc)
                status = 403 if isinstance(exc, PermissionDenied) else 400
            else:
                form = TokenForm()
        else:
            status = 400
    response = render(request, "api/tokens.html", {
        "form": form, "created": created, "tokens": list(tokens_of(request.user)),
        "may_create": services.may_create_token(request.user),
    }, status=status)
    # the page may show a secret: never keep it in a cache
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(tokens_of(request.user), pk=pk)
    services.token_revoke(token=token, user=request.user)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
