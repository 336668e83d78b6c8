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
