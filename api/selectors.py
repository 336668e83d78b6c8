"""Read-side queries of the API app: a user's own tokens, and the shapes of the
endpoints that read the owning apps' selectors."""
from django.db.models import Prefetch, QuerySet

from consultations.models import Comment
from knowledge.models import Transfer
from knowledge.selectors import practices_visible_to
from workgroups.models import Registration

from .models import ApiToken


def tokens_of(user) -> QuerySet[ApiToken]:
    """The user's tokens, active first, newest first."""
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")


def registered_event_ids(user) -> set[int]:
    """The events the user registered for (the event list marks them)."""
    if not user.is_authenticated:
        return set()
    return set(Registration.objects.filter(user=user).values_list("event_id", flat=True))


def practices_for_api(user) -> QuerySet:
    """The practices ``user`` may read, with what the serializer shows in a few queries."""
    return (practices_visible_to(user)
            .select_related("country", "partner", "stage", "instrument_type", "locale")
            .prefetch_related(
                "working_groups", "themes",
                Prefetch("transfers", queryset=Transfer.objects.order_by("partner_id"))))


def comment_in(consultation, pk):
    """The comment of this consultation that a reply names, or None."""
    return Comment.objects.filter(consultation=consultation, pk=pk).first()
