"""Consultations the user may join, closing soon, in the dashboard's "Needs you"."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import services

pytestmark = pytest.mark.django_db


def test_dashboard_lists_open_consultations_the_user_may_join(client, cast, make_consultation):
    make_consultation(title="Open to stakeholders", audience="stakeholders")
    make_consultation(title="WG3 partners only", audience="partners")
    make_consultation(title="Still a draft", audience="public", state="draft")
    make_consultation(title="Deadline passed", audience="public",
                      opens_at=timezone.now() - timedelta(days=5),
                      closes_at=timezone.now() - timedelta(hours=1))
    blocked = make_consultation(title="Blocked there", audience="public")
    services.user_block(consultation=blocked, participant=cast.approved_stakeholder,
                        user=cast.wg3_coordinator, reason="Spam")
    client.force_login(cast.approved_stakeholder)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Needs you" in page and "Consultation closing" in page
    assert "Open to stakeholders" in page
    for title in ["WG3 partners only", "Still a draft", "Deadline passed", "Blocked there"]:
        assert title not in page
    client.force_login(cast.marche_member)
    page = client.get(reverse("dashboard")).content.decode()
    assert "WG3 partners only" in page and "Blocked there" in page
    client.force_login(cast.pending_stakeholder)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Open to stakeholders" not in page and "Blocked there" in page
