"""Assessment fixtures: the default framework, an open round and Marche's draft."""
from datetime import timedelta

import pytest
from django.utils import timezone

from assessments import services
from assessments.framework_data import framework_load_default
from assessments.models import Assessment, Criterion, Round


@pytest.fixture
def framework(db):
    return framework_load_default()


@pytest.fixture
def open_round(framework):
    return Round.objects.create(title="Mid-term 2013", framework=framework,
                                deadline=timezone.now() + timedelta(days=10))


@pytest.fixture
def draft(people, open_round):
    return services.assessment_for(round_=open_round, partner=people.marche)


def fill(assessment, user, score=3):
    """Answer every criterion completely (as the partner's staff would)."""
    for criterion in Criterion.objects.filter(dimension__framework=assessment.round.framework):
        services.answer_save(user=user, assessment=assessment, criterion=criterion, score=score,
                             evidence="Regional programme reports", past_actions="Calls 2008",
                             current_state="One cluster call a year", vision="Multi-year plan")


@pytest.fixture
def submitted(people, draft):
    fill(draft, people.marche_member)
    return services.assessment_submit(user=people.marche_admin, assessment=draft)


@pytest.fixture
def in_review(people, submitted):
    return services.reviewer_assign(user=people.wg3_coordinator, assessment=submitted,
                                    reviewer=people.bsmepa_member)


def validated_assessment(round_, partner, scores_by_dimension):
    """A validated assessment built directly (for comparisons): {dimension code: score}."""
    from assessments.models import Answer

    assessment = Assessment.objects.create(round=round_, partner=partner,
                                           state=Assessment.State.VALIDATED)
    criteria = Criterion.objects.filter(dimension__framework=round_.framework).select_related(
        "dimension")
    Answer.objects.bulk_create([
        Answer(assessment=assessment, criterion=c, score=scores_by_dimension.get(
            c.dimension.code, 3), final_score=scores_by_dimension.get(c.dimension.code, 3))
        for c in criteria])
    return assessment
