"""Who may do what with notifications."""


def can_read_notification(user, notification) -> bool:
    """A notification belongs to its recipient alone."""
    return bool(user.is_authenticated and notification.recipient_id == user.pk)


def can_manage_notification_preferences(user) -> bool:
    return bool(user.is_authenticated and user.is_active)
