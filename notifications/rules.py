"""Who may do what with notifications: ``rules`` predicates named as sentences.

Asked as ``user.has_perm("notifications.<action>", obj)``. Which notifications a person
reads at all is ``selectors.notifications_for(user)``: their own, and only while they may
still see what each is about; someone else's notification answers 404.
"""
import rules


@rules.predicate
def is_an_active_account(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_the_recipient(user, notification) -> bool:
    """A notification belongs to its recipient alone."""
    return bool(user.is_authenticated and notification is not None
                and notification.recipient_id == user.pk)


rules.add_perm("notifications.read_notification", is_the_recipient)
rules.add_perm("notifications.manage_preferences", is_an_active_account)
