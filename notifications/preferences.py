"""How a user wants to hear about each category: their choice or the default."""
from collections.abc import Iterable

from clusterpolisee.core.models import Category

from .models import DEFAULT_CHANNELS, Channel, NotificationPreference


def default_channel(category: str) -> str:
    return DEFAULT_CHANNELS.get(category, Channel.IN_APP)


def channels_for_users(user_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """{user_id: {category: channel}} for every category, in one query."""
    user_ids = list(user_ids)
    chosen: dict[int, dict[str, str]] = {pk: {} for pk in user_ids}
    rows = NotificationPreference.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "category", "channel")
    for user_id, category, channel in rows:
        chosen[user_id][category] = channel
    return {
        pk: {category: choices.get(category, default_channel(category))
             for category in Category.values}
        for pk, choices in chosen.items()
    }


def channels_for(user) -> dict[str, str]:
    return channels_for_users([user.pk])[user.pk]


def public_news_categories(user) -> set[str]:
    return set(NotificationPreference.objects.filter(user=user, public_news=True)
               .values_list("category", flat=True))
