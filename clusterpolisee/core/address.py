"""The platform's public address: the one place that builds absolute links.

E-mails, exports, feeds and the sitemap link to the configured address (``SITE_URL``, or
``WAGTAILADMIN_BASE_URL``), never to whatever host a request or a worker happened to use.
"""
from urllib.parse import urljoin, urlsplit

from django.conf import settings


def site_url(path: str = "") -> str:
    """``path`` made absolute on the configured public address (the address alone without)."""
    base = getattr(settings, "SITE_URL", None) or settings.WAGTAILADMIN_BASE_URL
    return urljoin(base.rstrip("/") + "/", path.lstrip("/")) if path else base


def site_host_and_port() -> tuple[str, int]:
    """The host name and port of the public address, as Wagtail's ``Site`` records them."""
    parts = urlsplit(site_url())
    return (parts.hostname or "localhost",
            parts.port or (443 if parts.scheme == "https" else 80))


def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME
