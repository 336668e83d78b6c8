"""Request-level rules for accounts: the user's language, admin access and required MFA,
and the sessions' idle timeout."""
import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from clusterpolisee.core.permissions import allowed

# the admin sites and the permission each needs (clusterpolisee/users/rules.py)
ADMIN_PREFIXES = {"/cms/": "users.access_cms", "/django-admin/": "users.access_django_admin"}
TOUCHED_KEY = "_touched"


class SessionIdleTimeoutMiddleware:
    """End sessions after SESSION_COOKIE_AGE idle seconds without a write on every request.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row (and the cache) on each page
    view; here an existing session is written only when its last write is more than
    SESSION_TOUCH_SECONDS old, which moves its expiry and the cookie's on. A session then
    ends between ``SESSION_COOKIE_AGE - SESSION_TOUCH_SECONDS`` and ``SESSION_COOKIE_AGE``
    after the last request. Runs right after SessionMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        if session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(TOUCHED_KEY, 0) >= settings.SESSION_TOUCH_SECONDS:
                session[TOUCHED_KEY] = now  # modified: SessionMiddleware saves it
        return response


def set_language_cookie(response, language: str) -> None:
    """Remember the person's language in the browser, as Django's set_language does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language,
        max_age=settings.LANGUAGE_COOKIE_AGE, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE or settings.SESSION_COOKIE_SECURE,
    )


class UserLanguageMiddleware:
    """Use the logged-in user's saved language when the browser has not picked one.

    Runs after AuthenticationMiddleware; LocaleMiddleware has already chosen from the
    cookie or Accept-Language, so only a browser without the cookie is switched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.language != request.LANGUAGE_CODE
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
            response = self.get_response(request)
            set_language_cookie(response, user.language)
            return response
        return self.get_response(request)


class AdminAccessMiddleware:
    """Guard the two admin sites and make MFA mandatory for the people who may use them.

    * anonymous visitors to /cms/ or /django-admin/ go to the allauth login (rate limits
      and MFA apply there, not a second login form);
    * logged-in users without an admin role get a plain 403 page there;
    * platform admins and CMS editors without an authenticator are sent to set up TOTP
      before they can use anything but the MFA and logout pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and user.must_use_mfa
                and not self._mfa_exempt(path) and not self._has_mfa(user)):
            messages.warning(
                request,
                _("Your role requires two-factor authentication. "
                  "Set up an authenticator app to continue."),
            )
            return redirect("mfa_activate_totp")
        perm = next((perm for prefix, perm in ADMIN_PREFIXES.items()
                     if path.startswith(prefix)), None)
        if perm is not None:
            if user is None or not user.is_authenticated:
                login = reverse(settings.LOGIN_URL)
                return redirect(f"{login}?next={request.get_full_path()}")
            # the rule alone: a superuser without is_staff is refused the Django admin here,
            # as the Django admin itself would refuse them
            if not allowed(user, perm):
                return HttpResponseForbidden(
                    render_to_string("403.html", {"request": request}, request=request)
                )
        return self.get_response(request)

    @staticmethod
    def _has_mfa(user) -> bool:
        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    @staticmethod
    def _mfa_exempt(path: str) -> bool:
        exempt = (
            reverse("mfa_index"),
            reverse("account_logout"),
            reverse("account_login"),
            "/accounts/reauthenticate/",
            "/i18n/",
            settings.STATIC_URL,
        )
        return path.startswith(exempt)
