"""The groups of partners a document can be shared with, as the app owning them defines them.

Documents are shared with named partners or with working groups, but the partners app
knows no feature app (docs/STYLE: dependencies point down): the ``DocumentShare`` row
points at its group by a string reference, and the app that owns working groups says what
they are here, from a ``partner_hooks.py`` module of its own that partners/apps.py loads at
start-up (as it loads ``partner_profile.py``). It registers

* ``groups()``: every group a document can be shared with or a list filtered by, in the
  order forms and filters show them; each has a ``code``, the short label shown on badges
  and recorded in the audit log;
* ``groups_of(user)``: the groups whose shared documents ``user`` sees, a queryset that
  ``selectors.documents_visible_to`` uses as a subquery.
"""
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet


@dataclass(frozen=True)
class GroupSharing:
    groups: Callable[[], QuerySet]
    groups_of: Callable[[object], QuerySet]


_REGISTERED: dict[str, GroupSharing] = {}


def register_group_sharing(sharing: GroupSharing) -> None:
    _REGISTERED["groups"] = sharing


def _sharing() -> GroupSharing:
    try:
        return _REGISTERED["groups"]
    except KeyError:
        raise ImproperlyConfigured(
            "No app registered the groups documents are shared with (partners.sharing)."
        ) from None


def share_groups() -> QuerySet:
    return _sharing().groups()


def groups_of(user) -> QuerySet:
    return _sharing().groups_of(user)
