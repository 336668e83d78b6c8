"""Demo assessments: the framework, a finished baseline round (2012) with validated scores
for twelve partners, an open mid-term round (2013), and the beat schedule that closes
rounds at their deadline. Idempotent: only what is missing is created."""
import importlib
from datetime import datetime, timedelta

from django.apps import apps
from django.utils import timezone

from partners.models import Partner

from .framework_data import framework_load_default
from .models import Answer, Assessment, Criterion, Round

BASELINE = "Baseline 2012"
MID_TERM = "Mid-term 2013"
# partner slug -> a score per dimension (in framework order); Marche is weak on financing
# and skills, strong on specialisation, so its learning pairs show something real
BASELINE_SCORES = {
    "marche-region": [4, 3, 3, 2, 5, 2, 4, 3],
    "emilia-romagna-region": [5, 4, 4, 4, 5, 4, 4, 4],
    "veneto-region": [4, 3, 4, 3, 4, 3, 3, 3],
    "aws": [4, 4, 3, 5, 3, 3, 4, 5],
    "ecoplus": [3, 4, 4, 4, 3, 4, 3, 4],
    "bsmepa": [2, 3, 5, 3, 3, 3, 3, 2],
    "central-macedonia": [2, 2, 3, 2, 3, 2, 2, 2],
    "corallia": [5, 3, 4, 3, 4, 5, 3, 3],
    "pannon-business-network": [3, 3, 5, 3, 3, 4, 3, 3],
    "north-east-rda": [3, 2, 3, 2, 4, 3, 3, 2],
    "ancs": [4, 2, 2, 3, 3, 2, 2, 3],
    "istrian-development-agency": [2, 4, 3, 2, 3, 3, 2, 2],
}


def ensure_deadline_schedule():
    """The beat schedule of migration 0002, again where a flush removed it."""
    migration = importlib.import_module("assessments.migrations.0002_deadline_schedule")
    migration.create_schedule(apps, None)


def _criterion_score(base: int, position: int) -> int:
    # criteria of a dimension vary around its score, staying on the scale
    return max(1, min(5, base + (0, 1, -1)[position % 3]))


def seed(ctx):
    from django.contrib.auth.models import Group

    from . import services

    ensure_deadline_schedule()
    services.framework_editors_grant(group=Group.objects.get_or_create(name="Editors")[0])
    framework = framework_load_default()
    baseline, _ = Round.objects.get_or_create(title=BASELINE, defaults={
        "framework": framework, "state": Round.State.CLOSED, "publish_aggregates": True,
        "deadline": timezone.make_aware(datetime(2012, 12, 14, 17, 0))})
    Round.objects.get_or_create(title=MID_TERM, defaults={
        "framework": framework, "state": Round.State.OPEN,
        "deadline": timezone.now() + timedelta(days=45)})
    criteria = list(Criterion.objects.filter(dimension__framework=baseline.framework)
                    .select_related("dimension").order_by("dimension__position", "position"))
    dimension_ids = sorted({c.dimension.position for c in criteria})
    partners = {p.slug: p for p in Partner.objects.filter(slug__in=BASELINE_SCORES)}
    done = set(Assessment.objects.filter(round=baseline).values_list("partner__slug", flat=True))
    for slug, per_dimension in BASELINE_SCORES.items():
        partner = partners.get(slug)
        if partner is None or slug in done:
            continue
        assessment = Assessment.objects.create(
            round=baseline, partner=partner, state=Assessment.State.VALIDATED,
            submitted_at=baseline.deadline - timedelta(days=3),
            validated_at=baseline.deadline + timedelta(days=40))
        answers = []
        for criterion in criteria:
            base = per_dimension[dimension_ids.index(criterion.dimension.position)]
            score = _criterion_score(base, criterion.position)
            answers.append(Answer(
                assessment=assessment, criterion=criterion, score=score, final_score=score,
                evidence=f"Programme documents and monitoring reports of {partner.label}.",
                past_actions="Measures run between 2007 and 2012 (demo text).",
                current_state="What is in place today and how clusters use it (demo text).",
                vision="What the region plans for 2014-2020 (demo text)."))
        Answer.objects.bulk_create(answers)
