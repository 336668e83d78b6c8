"""Settings for the test suite.

PostgreSQL and Redis are used when reachable (DATABASE_URL, REDIS_URL, defaulting to the
local servers). Outside CI a missing server falls back to SQLite / local memory so a
laptop can still run the suite; with CI=true a missing server is an error.
"""
import os
import socket
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/clusterpolisee"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _reachable(url: str, default_port: int) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port),
                                      timeout=1):
            return True
    except OSError:
        return False


def _choose(var: str, default: str, port: int, fallback: str) -> str:
    url = os.environ.get(var, default)
    if _reachable(url, port):
        return url
    if CI:
        raise ImproperlyConfigured(f"CI=true but {var} ({url}) is not reachable.")
    return fallback


os.environ["DATABASE_URL"] = _choose("DATABASE_URL", DEFAULT_DATABASE_URL, 5432,
                                     "sqlite://:memory:")
os.environ["REDIS_URL"] = _choose("REDIS_URL", DEFAULT_REDIS_URL, 6379, "")
# Two test runs on one machine (two checkouts, or two terminals) must not share a test
# database or cache keys: each run gets an id from its process, which subprocesses (the
# real Celery worker tests) inherit through the environment.
# Under pytest-xdist each worker (gw0, gw1, ...) also gets its own cache prefix: the
# controller imports these settings before it starts the workers, so the prefix is set
# here, not inherited (a shared prefix let one worker's cache clearing empty another's).
os.environ.setdefault("CPS_TEST_RUN", str(os.getpid()))
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
_run = os.environ["CPS_TEST_RUN"] + "-" + _worker
os.environ["CACHE_KEY_PREFIX"] = f"cps-test-{_run}"

from .base import *  # noqa: E402, F403

DEBUG = False
DATABASES["default"].setdefault("TEST", {})["NAME"] = (  # noqa: F405
    f"test_clusterpolisee_{os.environ['CPS_TEST_RUN']}"
    if DATABASES["default"]["ENGINE"].endswith("postgresql") else None  # noqa: F405
)
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789abcdef"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("TEST_EMAIL_FILE_PATH", default=str(BASE_DIR / "test-artifacts" / "mail"))
# Eager and in memory, except for the real-worker tests (tests/notifications/test_worker.py),
# which start `celery worker` with these variables pointing at their own Redis DB and queue.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_BROKER_URL = env("CELERY_TEST_BROKER_URL", default="memory://")
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_BROKER_TRANSPORT_OPTIONS = env.json("CELERY_BROKER_TRANSPORT_OPTIONS", default={})
NOTIFICATIONS_DIGEST_PAUSE = env.float("NOTIFICATIONS_DIGEST_PAUSE", default=0)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# one file store per xdist worker, so one worker's clean-up never removes another's files
MEDIA_ROOT = BASE_DIR / "test-artifacts" / _worker / "media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-artifacts" / _worker / "private-media"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# serve static files from the app directories, as runserver does, for the browser tests
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
