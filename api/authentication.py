"""``Authorization: Bearer cps_…`` (or ``Token cps_…``): a personal API token, looked up by
the SHA-256 of the secret. Chosen over django-rest-knox because the tokens are managed on
a page of our own (named, last use, revoke), knox's per-login tokens and expiry model do
not match that, and the whole mechanism is this one small class."""
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import TOKEN_PREFIX, ApiToken, digest_of
from .services import token_used

KEYWORDS = (b"bearer", b"token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            secret = parts[1].decode()
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from exc
        if not secret.startswith(TOKEN_PREFIX):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        token = (ApiToken.objects.active().select_related("user__membership__partner")
                 .filter(digest=digest_of(secret)).first())
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        token_used(token=token)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
