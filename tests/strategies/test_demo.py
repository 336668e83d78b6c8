"""`seed_demo` adds a draft Joint Strategic Plan and a Sustainability Plan, idempotently."""
import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from strategies.demo import JSP_TITLE, SP_TITLE
from strategies.models import Amendment, ParagraphComment, StrategyDocument
from strategies.rules import open_phase_of

pytestmark = pytest.mark.django_db


def test_demo_strategies_are_seeded_once_with_comments_amendments_and_a_phase():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())
    jsp = StrategyDocument.objects.get(title=JSP_TITLE)
    assert jsp.work_package.code == "WP6" and jsp.deliverable.code == "D6.1"
    assert jsp.chapters.count() == 3
    assert ParagraphComment.objects.filter(paragraph__chapter__document=jsp).count() == 3
    states = sorted(Amendment.objects.filter(paragraph__chapter__document=jsp)
                    .values_list("state", flat=True))
    assert states == ["accepted", "open"]
    plan = StrategyDocument.objects.get(title=SP_TITLE)
    assert open_phase_of(plan).consultation.audience == "stakeholders"
    assert StrategyDocument.objects.count() == 2
