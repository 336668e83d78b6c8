"""The celery beat schedule that closes Steering Committee decisions at their deadline,
editable afterwards in the Django admin (Periodic tasks). Created only where missing, so
an administrator's changes survive (the same pattern as consultations 0002)."""
from django.db import migrations

NAME = "Close Steering Committee decisions past their deadline"
TASK = "workgroups.tasks.close_decisions_past_deadline"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=NAME).exists():
        return
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="*/5", hour="*", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="Europe/Sofia")
    PeriodicTask.objects.create(
        name=NAME, task=TASK, crontab=crontab, args="[]", enabled=True,
        description="Closes open decisions whose voting deadline passed and records it as "
                    "opening the decision afterwards would; safe to run twice.")


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workgroups", "0002_spaces_pilots_governance_events"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
