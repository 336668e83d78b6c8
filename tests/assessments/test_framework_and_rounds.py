from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django_celery_beat.models import PeriodicTask

from assessments import services, tasks
from assessments.framework_data import framework_load_default
from assessments.models import Criterion, Dimension, Framework, Level, Round
from clusterpolisee.core.models import Activity
from tests.factories import WorkPackageFactory


def test_default_framework_has_eight_dimensions_of_three_criteria_with_five_levels(db):
    framework = framework_load_default()
    assert framework.dimensions.count() == 8
    for dimension in framework.dimensions.all():
        assert dimension.criteria.count() == 3
        for criterion in dimension.criteria.all():
            assert list(criterion.levels.values_list("score", flat=True)) == [1, 2, 3, 4, 5]
    assert framework_load_default() == framework  # idempotent


def test_a_framework_in_use_refuses_a_changed_criterion(open_round):
    criterion = Criterion.objects.filter(dimension__framework=open_round.framework).first()
    criterion.title = "Something else"
    with pytest.raises(ValidationError, match="cannot change while in use"):
        criterion.full_clean()


def test_a_framework_in_use_refuses_deleting_a_level_or_dimension(open_round):
    with pytest.raises(ValidationError, match="Make a new version"):
        Level.objects.filter(criterion__dimension__framework=open_round.framework).first().delete()
    with pytest.raises(ValidationError):
        Dimension.objects.filter(framework=open_round.framework).first().delete()


def test_a_new_version_copies_the_framework_and_can_be_edited(open_round):
    copy = services.framework_new_version(framework=open_round.framework)
    assert copy.version == 2
    assert Level.objects.filter(criterion__dimension__framework=copy).count() == 8 * 3 * 5
    criterion = Criterion.objects.filter(dimension__framework=copy).first()
    criterion.title = "Reworded"
    criterion.full_clean()
    criterion.save()


def test_a_new_version_keeps_every_language_of_the_framework_whatever_language_is_active(
        open_round):
    framework = open_round.framework
    level = Level.objects.filter(criterion__dimension__framework=framework).first()
    Level.objects.filter(pk=level.pk).update(descriptor_el="Καμία πολιτική")
    Framework.objects.filter(pk=framework.pk).update(name_el="Πλαίσιο")
    framework.refresh_from_db()
    with translation.override("el"):
        copy = services.framework_new_version(framework=framework)
        again = services.framework_new_version(framework=framework)
    assert (copy.version, again.version) == (2, 3)
    assert (copy.name_en, copy.name_el) == (framework.name_en, "Πλαίσιο")
    copied = Level.objects.get(criterion__dimension__framework=copy,
                               criterion__code=level.criterion.code, score=level.score)
    assert (copied.descriptor_en, copied.descriptor_el) == (level.descriptor_en,
                                                            "Καμία πολιτική")


def test_platform_admin_opens_a_round_and_every_partner_hears_of_it(people, framework):
    round_ = services.round_open(user=people.platform_admin, title="Final 2014",
                                 framework=framework,
                                 deadline=timezone.now() + timedelta(days=30))
    assert round_.state == Round.State.OPEN
    assert Activity.objects.filter(verb="assessment.round_opened",
                                   visibility=Activity.Visibility.PARTNERS).exists()


def test_the_wp4_lead_partners_admin_opens_a_round(people, framework):
    WorkPackageFactory(code="WP4", lead_partner=people.veneto)
    from partners.models import Membership
    from tests.factories import staff

    veneto_admin = staff(people.veneto, role=Membership.Role.ADMIN)
    services.round_open(user=veneto_admin, title="Final 2014", framework=framework,
                        deadline=timezone.now() + timedelta(days=30))


def test_a_partner_admin_who_does_not_lead_wp4_or_wp5_cannot_open_a_round(people, framework):
    with pytest.raises(PermissionDenied):
        services.round_open(user=people.marche_admin, title="Final 2014", framework=framework,
                            deadline=timezone.now() + timedelta(days=30))


def test_a_round_with_its_deadline_in_the_past_is_refused(people, framework):
    with pytest.raises(ValidationError, match="future"):
        services.round_open(user=people.platform_admin, title="Late", framework=framework,
                            deadline=timezone.now() - timedelta(hours=1))
    assert not Round.objects.exists()


def test_an_incomplete_framework_cannot_open_a_round(people, db):
    empty = Framework.objects.create(name="Empty")
    with pytest.raises(ValidationError, match="no criteria"):
        services.round_open(user=people.platform_admin, title="R", framework=empty,
                            deadline=timezone.now() + timedelta(days=3))


def test_the_beat_task_closes_rounds_past_their_deadline_once(open_round):
    Round.objects.filter(pk=open_round.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert tasks.close_rounds_past_deadline() == [open_round.pk]
    assert tasks.close_rounds_past_deadline() == []
    open_round.refresh_from_db()
    assert open_round.state == Round.State.CLOSED
    assert Activity.objects.filter(verb="assessment.round_closed").count() == 1


def test_the_deadline_schedule_comes_from_the_migration_and_seed_demo_restores_it(db):
    from assessments.demo import ensure_deadline_schedule

    name = "Close assessment rounds past their deadline"
    PeriodicTask.objects.filter(name=name).delete()
    ensure_deadline_schedule()
    ensure_deadline_schedule()
    assert PeriodicTask.objects.get(name=name).task == (
        "assessments.tasks.close_rounds_past_deadline")


def test_a_framework_in_use_refuses_a_new_name_and_deletion(open_round):
    framework = open_round.framework
    framework.description = "Reworded under people's feet"
    with pytest.raises(ValidationError, match="cannot change while in use"):
        framework.full_clean()
    with pytest.raises(ValidationError, match="Make a new version"):
        framework.delete()
    assert Framework.objects.filter(pk=framework.pk).exists()
