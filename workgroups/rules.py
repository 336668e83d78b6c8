"""Derived permissions of working groups (django-rules), asked as ``user.has_perm(...)``."""
import rules
from django.conf import settings
from django.utils import timezone

from .permissions import is_wg_member


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
