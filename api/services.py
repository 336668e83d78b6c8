"""Writing API tokens: create (the secret is returned once, only its digest is kept), revoke,
and note the last use."""
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.authentication import get_authentication_records
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterpolisee.core.permissions import allowed, check_perm

from .models import ApiToken, digest_of, new_secret

MAX_ACTIVE_TOKENS = 10
# last use is written at most once per this interval, so a busy client does not turn every
# read into a write
LAST_USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    secret: str


def session_passed_mfa(request) -> bool:
    """Whether this browser session logged in with a second factor (allauth records it)."""
    return any(record.get("method") == "mfa"
               for record in get_authentication_records(request, request.user))


def may_create_token(user) -> bool:
    """``api.create_token``, without Django's superuser shortcut (see api/rules.py)."""
    return allowed(user, "api.create_token")


@transaction.atomic
def token_create(*, user, name: str, session_passed_mfa: bool) -> CreatedToken:
    check_perm(user, "api.create_token",
               message=_("Your role requires two-factor authentication: set up an "
                         "authenticator app before creating an API token."))
    check_perm(user, "api.create_token_in_this_session", session_passed_mfa,
               message=_("Log out and log in again with your authenticator app "
                         "before creating an API token."))
    if ApiToken.objects.filter(user=user, revoked_at=None).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("You already have %(n)d active tokens: revoke one first.")
                              % {"n": MAX_ACTIVE_TOKENS})
    secret = new_secret()
    token = ApiToken(user=user, name=(name or "").strip(), digest=digest_of(secret),
                     hint=secret[:10])
    token.full_clean()
    token.save()
    return CreatedToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, token: ApiToken, user) -> ApiToken:
    check_perm(user, "api.revoke_token", token, message=_("This is not your token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_used(*, token: ApiToken, now=None) -> None:
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
