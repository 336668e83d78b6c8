"""Personal API tokens: a name, a SHA-256 digest of the secret (never the secret), last use."""
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "cps_"  # noqa: S105 (a prefix that marks our tokens, not a secret)


def digest_of(secret: str) -> str:
    """The stored form of a token: SHA-256 is enough for a 256-bit random secret (a slow
    password hash protects guessable secrets; these are not guessable)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at=None, user__is_active=True)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="personal_api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=80,
                            help_text=_("What the token is for, e.g. the system that uses it."))
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False,
                              help_text=_("SHA-256 of the secret; the secret is never stored."))
    hint = models.CharField(_("hint"), max_length=12, editable=False,
                            help_text=_("The first characters of the secret, to recognise it."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
