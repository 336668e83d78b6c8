"""Who may hold API tokens, as django-rules predicates (asked with ``user.has_perm``).

A token carries its user's rights without a second factor, so people whose role requires
MFA to log in (platform admins, CMS editors) may create one only once they have an active
TOTP authenticator; the service also asks that the session itself passed MFA.
"""
import rules
from allauth.mfa.models import Authenticator


@rules.predicate
def is_logged_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def role_requires_mfa(user) -> bool:
    return bool(user.must_use_mfa)


@rules.predicate
def has_an_active_totp_authenticator(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


@rules.predicate
def owns_the_token(user, token) -> bool:
    return token is not None and token.user_id == user.pk


may_create_token = is_logged_in & (~role_requires_mfa | has_an_active_totp_authenticator)
rules.add_perm("api.create_token", may_create_token)
# Django answers every has_perm of an active superuser with True before asking any backend,
# so the MFA condition, which matters most for platform admins, is also kept as a plain rule
# that the service and the page test directly.
rules.add_rule("api.create_token", may_create_token)
rules.add_perm("api.revoke_token", is_logged_in & owns_the_token)
