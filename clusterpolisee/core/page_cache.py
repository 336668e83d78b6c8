"""One shared cache of whole pages for anonymous visitors (docs/page-cache.md).

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

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
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


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def bump() -> None:
    """Make every cached anonymous page unreachable (now, and once more at commit)."""
    _bump_now()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
            func is _bump_now for _sids, func, _robust in connection.run_on_commit):
        return  # one bump at commit is enough, however many rows the transaction wrote
    transaction.on_commit(_bump_now)


def _bump_now() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): any new value differs from none
        cache.add(GENERATION_KEY, 1, None)


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
        signal.connect(_changed, dispatch_uid=f"anon-page-cache-{id(signal)}")
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


def _may_store(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:  # SessionMiddleware would set a cookie
        return False
    cache_control = {v.strip().lower() for v in cc_delim_re.split(
        response.get("Cache-Control", ""))}
    return not cache_control & {"private", "no-store", "no-cache"}


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
