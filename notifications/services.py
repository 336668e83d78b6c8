"""Write-side of notifications: fan-out, reading, preferences and unsubscribing."""
import logging
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clusterpolisee.core.models import Activity, Category
from clusterpolisee.core.page_cache import bump_users
from clusterpolisee.core.selectors import activity_visible_to

from .models import Channel, Notification, NotificationPreference
from .preferences import channels_for, channels_for_users
from .selectors import audience_of, unread_count

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 90 * 24 * 60 * 60  # links in old e-mails keep working for 90 days
EMAIL_CHANNELS = {Channel.IMMEDIATE, Channel.DAILY, Channel.WEEKLY}
UNREAD_CACHE_SECONDS = 300


# --- unread count, cached per user so the bell on every page costs no query ------------

def _unread_key(user_id) -> str:
    return f"notifications:unread:{user_id}"


def cached_unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    count = cache.get(_unread_key(user.pk))
    if count is None:
        count = unread_count(user)
        cache.set(_unread_key(user.pk), count, UNREAD_CACHE_SECONDS)
    return count


def forget_unread_counts(user_ids) -> None:
    """The bell's count and every cached page of these users (core.page_cache)."""
    user_ids = list(user_ids)
    cache.delete_many([_unread_key(pk) for pk in user_ids])
    bump_users(user_ids)


# --- fan-out ------------------------------------------------------------------------------

def notifications_create_for_activity(*, activity: Activity) -> list[Notification]:
    """Notify everybody who may see ``activity`` (except its actor) and wants to hear of it.

    Idempotent: a (user, activity) pair is unique, so running it twice adds nothing.
    Returns the notifications that are due as an immediate e-mail.
    """
    category = activity.category
    users = list(audience_of(activity).exclude(pk=activity.actor_id)
                 .select_related("membership"))
    channels = channels_for_users(u.pk for u in users)
    recipients = [
        user for user in users
        if channels[user.pk][category] != Channel.OFF and activity_visible_to(user, activity)
    ]
    Notification.objects.bulk_create(
        [Notification(recipient=user, activity=activity, category=category,
                      created_at=activity.created_at) for user in recipients],
        ignore_conflicts=True, batch_size=1000,
    )
    forget_unread_counts(user.pk for user in recipients)
    immediate = [u.pk for u in recipients if channels[u.pk][category] == Channel.IMMEDIATE]
    return list(Notification.objects.filter(activity=activity, recipient_id__in=immediate,
                                            emailed_at__isnull=True))


# --- reading --------------------------------------------------------------------------------

def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        forget_unread_counts([notification.recipient_id])
    return notification


def notifications_mark_all_read(*, user) -> int:
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now())
    forget_unread_counts([user.pk])
    return changed


# --- preferences ----------------------------------------------------------------------------

@transaction.atomic
def preferences_update(*, user, channels: dict[str, str],
                       public_news: set[str] | None = None) -> dict[str, tuple[str, str]]:
    """Save the user's choice per category; returns {category: (old, new)} of what changed.

    ``public_news`` (when given) is the set of categories in which the user also wants to
    hear about items public to everybody.
    """
    unknown = (set(channels) | set(public_news or ())) - set(Category.values)
    if unknown:
        raise ValidationError(f"Unknown categories: {', '.join(sorted(unknown))}.")
    bad = {c for c in channels.values() if c not in Channel.values}
    if bad:
        raise ValidationError(f"Unknown ways of notifying: {', '.join(sorted(bad))}.")
    current = channels_for(user)
    changed = {}
    for category, channel in channels.items():
        preference, _ = NotificationPreference.objects.get_or_create(
            user=user, category=category, defaults={"channel": channel})
        public = preference.public_news if public_news is None else category in public_news
        if preference.channel != channel or preference.public_news != public:
            preference.channel = channel
            preference.public_news = public
            preference.full_clean()
            preference.save()
        if current[category] != channel:
            changed[category] = (current[category], channel)
    return changed


# --- unsubscribe links ----------------------------------------------------------------------

def unsubscribe_token(*, user, categories, channel: str) -> str:
    """A signed link saying: ``user`` no longer wants ``channel`` e-mails for ``categories``."""
    return signing.dumps({"u": user.pk, "c": sorted(categories), "ch": channel},
                         salt=UNSUBSCRIBE_SALT)


@dataclass
class UnsubscribeResult:
    user: object
    changed: dict[str, tuple[str, str]]


class BadUnsubscribeLink(Exception):
    def __init__(self, expired: bool):
        self.expired = expired
        super().__init__("expired" if expired else "invalid")


@dataclass
class PendingUnsubscribe:
    user: object
    categories: list[str]
    channel: str


def _read_unsubscribe_token(token: str) -> PendingUnsubscribe:
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise BadUnsubscribeLink(expired=True) from exc
    except signing.BadSignature as exc:
        raise BadUnsubscribeLink(expired=False) from exc
    try:
        user = get_user_model().objects.get(pk=data["u"], is_active=True)
        categories = [c for c in data["c"] if c in Category.values]
        channel = data["ch"]
        Channel(channel)
    except (KeyError, TypeError, ValueError, get_user_model().DoesNotExist) as exc:
        raise BadUnsubscribeLink(expired=False) from exc
    return PendingUnsubscribe(user=user, categories=categories, channel=channel)


def unsubscribe_preview(*, token: str) -> PendingUnsubscribe:
    """What the link would switch off, changing nothing (for the confirmation page)."""
    return _read_unsubscribe_token(token)


def unsubscribe(*, token: str) -> UnsubscribeResult:
    """Turn the e-mails the link names into in-portal notifications; say what changed.

    Categories the user has since moved to another channel are left alone, so clicking an
    old link twice changes nothing the second time.
    """
    pending = _read_unsubscribe_token(token)
    user, categories, channel = pending.user, pending.categories, pending.channel
    current = channels_for(user)
    wanted = {c: Channel.IN_APP for c in categories if current[c] == channel}
    changed = preferences_update(user=user, channels=wanted) if wanted else {}
    logger.info("user %s unsubscribed from %s e-mails for %s", user.pk, channel, list(changed))
    return UnsubscribeResult(user=user, changed=changed)
