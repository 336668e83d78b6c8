"""Each person's time zone: their own choice, else their organisation's country's.

Every time the portal shows — pages, e-mails, digests — is in this zone. It is worked out
once at login and kept in the session, so a page asks no query for it.
"""
import zoneinfo
from contextlib import contextmanager
from functools import cache

from django.conf import settings
from django.utils import timezone, translation

from clusterpolisee.core.permissions import membership_of

SESSION_KEY = "time_zone"

# The partnership's countries and their neighbours; any other country falls back to
# settings.TIME_ZONE until the person picks a zone.
COUNTRY_ZONES = {
    "AL": "Europe/Tirane", "AT": "Europe/Vienna", "BA": "Europe/Sarajevo",
    "BG": "Europe/Sofia", "CY": "Asia/Nicosia", "CZ": "Europe/Prague", "DE": "Europe/Berlin",
    "GR": "Europe/Athens", "HR": "Europe/Zagreb", "HU": "Europe/Budapest",
    "IT": "Europe/Rome", "MD": "Europe/Chisinau", "ME": "Europe/Podgorica",
    "MK": "Europe/Skopje", "PL": "Europe/Warsaw", "RO": "Europe/Bucharest",
    "RS": "Europe/Belgrade", "SI": "Europe/Ljubljana", "SK": "Europe/Bratislava",
    "TR": "Europe/Istanbul", "UA": "Europe/Kyiv", "XK": "Europe/Belgrade",
}


@cache
def zone_choices() -> list[tuple[str, str]]:
    """Europe's zones and UTC, as the preference form offers them."""
    names = sorted(n for n in zoneinfo.available_timezones() if n.startswith("Europe/"))
    return [("UTC", "UTC"), *((n, n.removeprefix("Europe/").replace("_", " ")) for n in names)]


def country_of(user):
    membership = membership_of(user)
    if membership is not None:
        return membership.partner.country
    profile = getattr(user, "stakeholder_profile", None)
    return profile.country if profile is not None else None


def zone_name_for(user) -> str:
    """The zone to show this person's times in (a name zoneinfo knows)."""
    if getattr(user, "time_zone", ""):
        return user.time_zone
    if not user.is_authenticated:
        return settings.TIME_ZONE
    country = country_of(user)
    if country is None:
        return settings.TIME_ZONE
    return COUNTRY_ZONES.get(country.iso_code, settings.TIME_ZONE)


def remember_zone(request, user) -> None:
    request.session[SESSION_KEY] = zone_name_for(user)


def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_zone(request, user)


class UserTimezoneMiddleware:
    """Activate the logged-in person's zone for the request (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        name = request.session.get(SESSION_KEY)
        if name is None:  # a session from before this setting existed
            remember_zone(request, user)
            name = request.session[SESSION_KEY]
        try:
            timezone.activate(zoneinfo.ZoneInfo(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


@contextmanager
def in_locale_of(user):
    """Language and time zone of ``user`` for what is written to them outside a request:
    e-mails, digests, exports sent by the beat."""
    try:
        zone = zoneinfo.ZoneInfo(zone_name_for(user))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    with translation.override(user.language or settings.LANGUAGE_CODE), timezone.override(zone):
        yield
