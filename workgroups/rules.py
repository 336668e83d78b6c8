"""Derived permissions of working groups and events (django-rules predicates, named as
sentences and asked as ``user.has_perm("workgroups.<action>", obj)``)."""
import rules

from clusterpolisee.core.permissions import is_partner_staff, is_platform_admin

from .permissions import can_manage_events


@rules.predicate
def is_staff_of_a_partner(user) -> bool:
    return is_partner_staff(user)


@rules.predicate
def is_a_platform_admin(user) -> bool:
    return is_platform_admin(user)


@rules.predicate
def manages_events(user) -> bool:
    return can_manage_events(user)


# Who else registered for an event (names and partners) is for the partnership: its staff,
# the people who run events and platform admins. Stakeholders, approved or still pending,
# see how many places are taken and their own registration, never the list of people.
rules.add_perm("workgroups.view_event_registrants",
               is_staff_of_a_partner | is_a_platform_admin | manages_events)
