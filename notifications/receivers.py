"""Signal receivers: an activity the core recorded becomes notifications after commit."""


def activity_recorded(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from .tasks import notify_activity

    # after commit, so the worker can read the row; the task takes the ID and re-reads it
    notify_activity.delay_on_commit(instance.pk)


def prime_unread_count(sender, request, user, **kwargs):
    """Count the bell at login, so pages afterwards read it from the cache."""
    from .services import cached_unread_count

    cached_unread_count(user)


def membership_changed(sender, instance, **kwargs):
    from .services import forget_unread_counts

    forget_unread_counts([instance.user_id])


def wg_members_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    from partners.selectors import staff_user_ids

    from .services import forget_unread_counts

    if reverse:  # partner.working_groups.add(...): the instance is the partner
        partner_ids = [instance.pk]
    elif pk_set:
        partner_ids = list(pk_set)
    else:  # wg.member_partners.clear(): every current member partner
        partner_ids = list(instance.member_partners.values_list("pk", flat=True))
    forget_unread_counts(staff_user_ids(partner_ids))
