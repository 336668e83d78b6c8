"""Sessions end after two idle hours, but are not written on every request."""
import datetime
import time

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusterpolisee.users.middleware import TOUCHED_KEY


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _age_the_touch(client, seconds):
    session = client.session
    session[TOUCHED_KEY] = int(time.time()) - seconds
    session.save()


def test_a_request_soon_after_the_last_write_writes_nothing(client, people):
    client.force_login(people.veneto_member)
    client.get(reverse("notifications:list"))  # the first request stamps the session
    before = _expiry(client)
    client.get(reverse("notifications:list"))
    assert _expiry(client) == before
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("notifications:list"))
    assert not [q for q in captured.captured_queries
                if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]


def test_a_request_after_the_touch_interval_moves_the_expiry_on(client, people, settings):
    client.force_login(people.veneto_member)
    client.get(reverse("notifications:list"))
    _age_the_touch(client, settings.SESSION_TOUCH_SECONDS + 1)
    key = client.session.session_key
    before = _expiry(client) - datetime.timedelta(minutes=30)
    Session.objects.filter(session_key=key).update(expire_date=before)
    response = client.get(reverse("notifications:list"))
    assert _expiry(client) > before
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == \
        settings.SESSION_COOKIE_AGE
