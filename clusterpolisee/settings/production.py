"""Production: refuses to start without a real secret key and allowed hosts; passes
check --deploy; JSON logs with the request id; Sentry when SENTRY_DSN is set."""
from django.core.exceptions import ImproperlyConfigured

from clusterpolisee.core.deploy import secret_key_problem

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if problem := secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(problem)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Behind a proxy that sets X-Forwarded-Proto (and strips it from clients): docs/deploy.md.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# ALLAUTH_TRUSTED_PROXY_COUNT (base settings): how many proxies append X-Forwarded-For.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# the probes of the container runtime and the proxy speak plain HTTP to the instance
SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
SESSION_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Persistent connections: Django reads these from the database's own settings (a
# top-level CONN_MAX_AGE is ignored, and each request then opened and closed a
# PostgreSQL connection: a fork on the server and 8 % of the worker's time, issue 18).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- a shared cache, or no start (issue 13). Cached library answers and the bell's counts
# are forgotten by changing keys in the cache; a per-process cache would let another
# process keep serving an answer computed before a visibility change.
if not REDIS_URL or not CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    raise ImproperlyConfigured("Set REDIS_URL: production needs a cache shared by every "
                               "process (Redis).")

# --- logs: one JSON object a line on stderr, each with the request id (core.request_id).
LOGGING["formatters"] = {  # noqa: F405
    "json": {"()": "pythonjsonlogger.json.JsonFormatter",
             "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
             "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"}},
}
LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405

# --- errors to Sentry, only when a DSN is given; no personal data is sent.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=None),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )
