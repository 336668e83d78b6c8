"""Derived permissions of working groups and events (django-rules predicates, named as
sentences and asked as ``user.has_perm("workgroups.<action>", obj)``)."""
import rules
from django.conf import settings
from django.utils import timezone

from clusterpolisee.core.permissions import is_partner_staff, is_platform_admin

from .permissions import can_manage_events, is_wg_member


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



def _group_of(post):
    return post.working_group if hasattr(post, "working_group") else post.topic.working_group


@rules.predicate
def is_the_posts_author(user, post) -> bool:
    return bool(user.is_authenticated and post is not None and post.author_id == user.pk)


@rules.predicate
def is_within_the_edit_window(user, post) -> bool:
    # the same window as consultation comments: one setting for "you may still correct it"
    window = settings.CONSULTATION_EDIT_WINDOW_MINUTES * 60
    return post is not None and (timezone.now() - post.created_at).total_seconds() < window


@rules.predicate
def is_member_of_the_posts_group(user, post) -> bool:
    return post is not None and is_wg_member(user, _group_of(post))


rules.add_perm("workgroups.edit_post",
               is_the_posts_author & is_within_the_edit_window & is_member_of_the_posts_group)
