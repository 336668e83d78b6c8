"""`seed_demo` adds three consultations and approves the demo stakeholder, idempotently."""
import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from clusterpolisee.core.demo import DEMO_EMAIL_DOMAIN
from clusterpolisee.core.permissions import is_approved_stakeholder
from clusterpolisee.users.models import User
from consultations.models import Comment, Consultation
from consultations.rules import can_view_consultation

pytestmark = pytest.mark.django_db


def test_demo_consultations_and_the_approved_stakeholder():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())
    # strategies' comment phases are consultations too; these are the consultations' own
    own = Consultation.objects.filter(strategy_phase=None)
    assert own.count() == 3
    assert Comment.objects.filter(consultation__in=own).count() == 5
    stakeholder = User.objects.get(email=f"stakeholder@{DEMO_EMAIL_DOMAIN}")
    assert is_approved_stakeholder(stakeholder)
    states = dict(own.values_list("working_group__code", "state"))
    assert states == {"WG5": "open", "WG4": "open", "WG3": "summarised"}
    wg4 = Consultation.objects.get(working_group__code="WG4")
    wg5 = Consultation.objects.get(working_group__code="WG5")
    assert not can_view_consultation(stakeholder, wg4)
    assert can_view_consultation(stakeholder, wg5)
