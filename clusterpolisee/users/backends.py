"""allauth's authentication backend, loading the user's partner with the user.

Every portal page needs the membership (navigation, permission checks), and for people
without a partner the stakeholder profile (is the stakeholder approved? the matchmaking
link asks); fetching them with the user saves those queries on each request.

The user's model permissions (their own and their groups', asked on every request by the
required-MFA check and the CMS link) are kept in the shared cache under a *permissions
generation*, which any change that could alter them moves on: a user's flags
(``is_active``, ``is_staff``, ``is_superuser``), their groups or own permissions, a group's
permissions, a group or permission added or removed.
"""
from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from clusterpolisee.core.page_cache import advance, counter

GENERATION_KEY = "user-permissions:generation"
# the user's fields that the model permissions depend on
USER_FIELDS = frozenset({"is_active", "is_staff", "is_superuser"})


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        user = (get_user_model()._default_manager
                .select_related("membership__partner", "stakeholder_profile")
                .filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        seconds = settings.USER_PERMISSIONS_CACHE_SECONDS
        if seconds and not hasattr(user_obj, "_perm_cache"):
            key = f"user-permissions:{counter(GENERATION_KEY)}:{user_obj.pk}"
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, seconds)
            user_obj._perm_cache = permissions
        return super().get_all_permissions(user_obj)


def permissions_changed(**kwargs) -> None:
    """Every user's cached permissions are asked again (now, and once more at commit)."""
    advance(GENERATION_KEY)


def _user_saved(sender, update_fields=None, **kwargs):
    if update_fields is None or USER_FIELDS & set(update_fields):
        permissions_changed()


def connect_signals() -> None:
    User = get_user_model()
    post_save.connect(_user_saved, sender=User, dispatch_uid="permissions-user-saved")
    post_delete.connect(permissions_changed, sender=User, dispatch_uid="permissions-user-gone")
    for model in (Group, Permission):
        for signal in (post_save, post_delete):
            signal.connect(permissions_changed, sender=model,
                           dispatch_uid=f"permissions-{model.__name__}-{id(signal)}")
    for through in (User.groups.through, User.user_permissions.through,
                    Group.permissions.through):
        m2m_changed.connect(permissions_changed, sender=through,
                            dispatch_uid=f"permissions-m2m-{through.__name__}")
