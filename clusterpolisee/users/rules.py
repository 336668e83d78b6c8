"""Who may enter the two admin sites: ``rules`` predicates named as sentences.

``users.access_django_admin`` and ``users.access_cms`` are what
``middleware.AdminAccessMiddleware`` asks for ``/django-admin/`` and ``/cms/``; approving
stakeholders (``users.approve_stakeholders``) is registered with the shared roles in
``clusterpolisee/core/permissions.py``.
"""
import rules


@rules.predicate
def is_django_admin_staff(user) -> bool:
    """Platform admins with the Django admin flag (``is_staff``)."""
    return bool(user.is_authenticated and user.is_staff)


@rules.predicate
def is_a_cms_editor(user) -> bool:
    """Members of Wagtail's Editors group and platform admins (``wagtailadmin.access_admin``)."""
    return bool(user.is_authenticated and user.is_cms_editor)


rules.add_perm("users.access_django_admin", is_django_admin_staff)
rules.add_perm("users.access_cms", is_a_cms_editor)
