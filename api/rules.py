"""Who may hold API tokens, as django-rules predicates (asked with ``user.has_perm``, and
refused through ``clusterpolisee.core.permissions.check_perm``).

A token carries its user's rights without a second factor, so people whose role requires
MFA to log in (platform admins, CMS editors) may create one only once they have an active
TOTP authenticator, and only from a session that itself passed MFA. ``check_perm`` asks the
rule without Django's superuser shortcut, which matters most for platform admins.
"""
import rules
from allauth.mfa.models import Authenticator

from clusterpolisee.core.permissions import is_partner_staff, is_platform_admin


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
def the_session_passed_mfa(user, session_passed_mfa) -> bool:
    """Asked with whether this login used the second factor (``services.session_passed_mfa``)."""
    return bool(session_passed_mfa)


@rules.predicate
def owns_the_token(user, token) -> bool:
    return token is not None and token.user_id == user.pk


may_create_token = is_logged_in & (~role_requires_mfa | has_an_active_totp_authenticator)
rules.add_perm("api.create_token", may_create_token)
rules.add_perm("api.create_token_in_this_session", ~role_requires_mfa | the_session_passed_mfa)
# platform admins as Django's has_perm always let them
rules.add_perm("api.revoke_token", is_platform_admin | (is_logged_in & owns_the_token))
# an upload lands in the user's partner's workspace
rules.add_perm("api.upload_document", is_partner_staff)
