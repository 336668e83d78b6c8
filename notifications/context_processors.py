"""The unread count for the bell in the header; cached per user, so no query per page."""
from django.utils.functional import SimpleLazyObject


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .services import cached_unread_count

    return {"unread_notifications": SimpleLazyObject(lambda: cached_unread_count(user))}
