"""Caches of whole pages (docs/page-cache.md): one shared by anonymous visitors, and each
logged-in user's own (UserPageCacheMiddleware, at the end of this module).

What a visitor without an account sees is the same for every such visitor in one language,
so it is rendered once and then served from Redis by every instance, before the session,
authentication and CSRF middleware run.

* **Who gets a cached page:** a GET without a session cookie and without a pending message
  cookie. Anyone with a session (everyone logged in) goes past the cache, so a logged-in
  user never receives an anonymous page.
* **What is stored:** a 200 answer to such a request that the user was anonymous for, sets
  no cookie, wrote nothing into a session, and is not marked ``private``/``no-store``. A page
  with a CSRF form therefore is never shared: the token sets a cookie and would be someone
  else's.
* **When it changes:** the key holds a *generation* that every write to the portal's data
  moves on — ``post_save``, ``post_delete`` and ``m2m_changed`` of every model outside
  :data:`IGNORED` (sessions, notifications, logs, task results, logins), plus Wagtail's
  ``page_published``/``page_unpublished``. A publish, unpublish, privacy or menu change is
  in the very next answer. The generation moves at once and again when the transaction
  commits, so a page rendered from data that was not yet committed is not reachable after.
  Entries expire after ``ANONYMOUS_PAGE_CACHE_SECONDS`` at the latest, for what changes with
  time alone ("closes in 2 days").
* **Per language:** the key holds the language LocaleMiddleware chose, and the full path.

The same generation keys the per-user fragment caches of logged-in pages (the dashboard's
"needs you" and activity, a WG's activity): ``{% cache fragment_seconds "name" user.pk
data_generation LANGUAGE_CODE TIME_ZONE %}`` with the context processor's values. Who may
see what changes only through a write (a membership, a role, a grant, a practice's
privacy), and every such write moves the generation on.
"""
import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language

GENERATION_KEY = "anon-page:generation"
# Apps and models whose rows change neither what an anonymous visitor is shown nor a
# per-user fragment (sessions, logs, login bookkeeping, notifications' read state, tokens).
IGNORED = {
    "sessions", "admin", "contenttypes", "notifications", "django_celery_beat",
    "django_celery_results", "django_tasks_database", "account", "mfa", "socialaccount",
    "usersessions", "api", "wagtailsearch", "health_check",
    "wagtailcore.pagelogentry", "wagtailcore.modellogentry", "wagtailcore.referenceindex",
    "wagtailcore.pagesubscription", "wagtailcore.uploadedfile", "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailusers.userprofile", "wagtailadmin.editingsession",
}
# A user's own login bookkeeping does not change public pages.
USER_PRIVATE_FIELDS = frozenset({"last_login", "language", "password", "time_zone"})
SKIPPED_PREFIXES = ("/accounts/", "/cms/", "/django-admin/", "/api/", "/healthz", "/i18n/",
                    "/static/", "/media/", "/files/", "/__")


def _seconds() -> int:
    return getattr(settings, "ANONYMOUS_PAGE_CACHE_SECONDS", 0)


def _start() -> int:
    """Where a missing counter starts: the clock in milliseconds, so a counter that was
    evicted from the cache never comes back at a value an earlier entry was stored under
    (that would take more moves than milliseconds have passed)."""
    return time.time_ns() // 1_000_000


def counter(key: str) -> int:
    """A generation counter in the shared cache (kept without expiry)."""
    value = cache.get(key)
    if value is None:
        start = _start()
        cache.add(key, start, None)
        value = cache.get(key, start)
    return value


def _move_on(keys) -> None:
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # no counter yet (or evicted): start one afresh
            cache.add(key, _start(), None)


def advance(*keys: str) -> None:
    """Move generation counters on, now and once more when the transaction commits, so a
    value computed from data that was not yet committed cannot be reached afterwards.
    However often a transaction asks for the same counters, they move once at commit."""
    _move_on(keys)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    if any(getattr(func, "keys", None) == keys
           for _sids, func, _robust in connection.run_on_commit):
        return

    def at_commit():
        _move_on(keys)

    at_commit.keys = keys
    transaction.on_commit(at_commit)


def generation() -> int:
    return counter(GENERATION_KEY)


def bump() -> None:
    """Make every cached anonymous page unreachable (now, and once more at commit)."""
    _bump_now()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
            func is _bump_now for _sids, func, _robust in connection.run_on_commit):
        return  # one bump at commit is enough, however many rows the transaction wrote
    transaction.on_commit(_bump_now)


def _bump_now() -> None:
    _move_on((GENERATION_KEY,))


def _ignored(model) -> bool:
    meta = model._meta
    return meta.app_label in IGNORED or f"{meta.app_label}.{meta.model_name}" in IGNORED


def _changed(sender, **kwargs):
    if _ignored(sender):
        return
    if sender is apps.get_model(settings.AUTH_USER_MODEL):
        fields = kwargs.get("update_fields")
        if fields and set(fields) <= USER_PRIVATE_FIELDS:
            return
    bump()


def _page_changed(sender, **kwargs):
    bump()


def connect_signals() -> None:
    from wagtail.signals import page_published, page_unpublished

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed_or_owned, dispatch_uid=f"anon-page-cache-{id(signal)}")
    for signal in (page_published, page_unpublished):
        signal.connect(_page_changed, dispatch_uid=f"anon-page-cache-page-{id(signal)}")


def _key(request, gen: int) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"anon-page:{gen}:{get_language()}:{request.get_host()}:{digest}"


def _may_serve(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGES_COOKIE_NAME", "messages") not in request.COOKIES
        and not request.path_info.startswith(SKIPPED_PREFIXES)
        and "HTTP_HX_REQUEST" not in request.META
    )


def _cache_control(response) -> set[str]:
    """The response's Cache-Control directives, lower-cased."""
    return {v.strip().lower() for v in cc_delim_re.split(response.get("Cache-Control", ""))}


def _may_store(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:  # SessionMiddleware would set a cookie
        return False
    return not _cache_control(response) & {"private", "no-store", "no-cache"}


class AnonymousPageCacheMiddleware:
    """Placed right after LocaleMiddleware: the language is known, nothing else has run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = _seconds()
        if not seconds or not _may_serve(request):
            return self.get_response(request)
        gen = generation()
        key = _key(request, gen)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if _may_store(request, response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            cache.set(key, response, seconds)
        return response


# --- whole pages of logged-in users ------------------------------------------------------
#
# The same generation, plus one per user, keys whole HTML pages of a logged-in user's
# session (docs/page-cache.md). The user's own generation moves on with what the data
# generation does not see: their notifications (created in bulk, read), any write request
# they make, a session they changed, and rows of the ignored apps that belong to them
# (an authenticator, an e-mail address, an API token).

USER_GENERATION_KEY = "user-page:generation:{}"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _user_seconds() -> int:
    return getattr(settings, "USER_PAGE_CACHE_SECONDS", 0)


def bump_users(user_ids) -> None:
    """Make every cached page of these users unreachable (now, and once more at commit)."""
    keys = [USER_GENERATION_KEY.format(pk) for pk in set(user_ids) if pk is not None]
    if keys:
        advance(*keys)


def _owner_changed(sender, instance, **kwargs):
    """A row of an ignored app that belongs to one user changes only that user's pages."""
    owner = getattr(instance, "user_id", None) or getattr(instance, "recipient_id", None)
    if owner is not None:
        bump_users([owner])


def _changed_or_owned(sender, **kwargs):
    if _ignored(sender):
        if "instance" in kwargs:
            _owner_changed(sender, **kwargs)
        return
    _changed(sender, **kwargs)


def _messages_pending(request) -> bool:
    return (getattr(settings, "MESSAGES_COOKIE_NAME", "messages") in request.COOKIES
            or "_messages" in request.session)


def _user_may_serve(request) -> bool:
    return (
        request.method == "GET"
        and settings.CSRF_COOKIE_NAME in request.COOKIES
        and request.session.session_key is not None
        and not request.path_info.startswith(SKIPPED_PREFIXES)
        and "HTTP_HX_REQUEST" not in request.META
        and not _messages_pending(request)
    )


def _user_may_store(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and (storage._queued_messages or storage.used):
        return False
    return not _cache_control(response) & {"no-store", "no-cache"}


def _user_key(request, user, gen: int, user_gen: int) -> str:
    secret = "\n".join((request.session.session_key,
                        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
                        request.get_host(), request.get_full_path()))
    digest = hashlib.sha256(secret.encode()).hexdigest()
    return (f"user-page:{gen}:{user_gen}:{user.pk}:{get_language()}:"
            f"{timezone.get_current_timezone_name()}:{digest}")


class UserPageCacheMiddleware:
    """The last middleware: a logged-in user's GET of an HTML page, kept for their session.

    Everything before it runs on every request (the session and its idle timeout, the
    user and their password hash, CSRF, language, time zone, required MFA, the admin
    guards), so a cached page is only ever the view's answer for the same user, session,
    CSRF secret, language, time zone and full path, under the data and user generations
    it was computed under. A page is kept only when it is HTML with status 200, set no
    cookie, showed no message, and is not ``no-store``; a request with a pending message
    is rendered afresh. A write request, or any request that changed the session, moves the
    user's generation on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        seconds = _user_seconds()
        if not seconds or user is None or not user.is_authenticated:
            return self.get_response(request)
        if not _user_may_serve(request):
            return self._uncached(request, user)
        user_key = USER_GENERATION_KEY.format(user.pk)
        values = cache.get_many([GENERATION_KEY, user_key])
        if GENERATION_KEY not in values:
            values[GENERATION_KEY] = generation()
        if user_key not in values:
            values[user_key] = counter(user_key)
        key = _user_key(request, user, values[GENERATION_KEY], values[user_key])
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self._uncached(request, user)
        if _user_may_store(request, response) and not request.session.modified:
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            cache.set(key, response, seconds)
        return response

    def _uncached(self, request, user):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS or request.session.modified:
            bump_users([user.pk])
        return response
