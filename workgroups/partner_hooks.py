"""How working groups plug into the partners app, which does not import them.

Loaded at start-up by partners/apps.py (like ``partner_profile.py``):

* documents are shared with working groups: every WG can be chosen, and a WG's shared
  documents reach the staff of its member partners and its coordinators
  (partners/sharing.py);
* a person who leaves a partner's staff leaves its Steering Committee seat empty, so the
  partner admin acts for the partner again (partners/signals.py).
"""
from django.db.models import Q

from clusterpolisee.core.permissions import partner_id_of
from partners.sharing import GroupSharing, register_group_sharing
from partners.signals import staff_removed

from .models import SteeringCommitteeSeat, WorkingGroup


def _groups():
    return WorkingGroup.objects.order_by("code")


def _groups_of(user):
    condition = Q(coordinators=user)
    partner_id = partner_id_of(user)
    if partner_id is not None:
        condition |= Q(member_partners=partner_id)
    return WorkingGroup.objects.filter(condition)


def _vacate_sc_seat(sender, *, partner, user, **kwargs):
    SteeringCommitteeSeat.objects.filter(partner=partner, representative=user).update(
        representative=None)


register_group_sharing(GroupSharing(groups=_groups, groups_of=_groups_of))
staff_removed.connect(_vacate_sc_seat, dispatch_uid="workgroups.vacate_sc_seat")
