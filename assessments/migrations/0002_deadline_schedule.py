"""The celery beat schedule that closes assessment rounds at their deadline, editable
afterwards in the Django admin (Periodic tasks). Created only where missing, so an
administrator's changes survive."""
from django.db import migrations

NAME = "Close assessment rounds past their deadline"
TASK = "assessments.tasks.close_rounds_past_deadline"


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
        description="Closes open assessment rounds whose deadline passed and records it; "
                    "safe to run twice.")


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
