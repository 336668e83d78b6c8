"""Helpers for the notification tests: test verbs, and recording with the fan-out run."""
import datetime
from zoneinfo import ZoneInfo

import pytest

from clusterpolisee.core.models import Category, register_activity_verb
from clusterpolisee.core.services import activity_record

register_activity_verb("test.discussed", "started a discussion on", Category.WG_DISCUSSIONS)
register_activity_verb("test.shared", "shared the document", Category.DOCUMENTS)
register_activity_verb("test.published", "published the good practice", Category.GOOD_PRACTICES)
register_activity_verb("test.consulted", "opened the consultation", Category.CONSULTATIONS)

SOFIA = ZoneInfo("Europe/Sofia")
DAY = datetime.date(2026, 11, 20)
IN_DAY = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=SOFIA)


@pytest.fixture
def record(django_capture_on_commit_callbacks):
    """activity_record(...), then run what it queues after commit (the fan-out task)."""
    def _record(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return activity_record(**kwargs)
    return _record
