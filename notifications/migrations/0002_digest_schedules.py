"""Celery beat schedules for the digests, editable afterwards in the Django admin
(Periodic tasks). Created only where missing, so an administrator's changes survive."""
from django.db import migrations

SCHEDULES = [
    # name, task, period, crontab (minute, hour, day_of_week)
    ("Daily notification digest", "notifications.tasks.send_due_digests", "daily",
     ("0", "6", "*")),
    ("Weekly notification digest", "notifications.tasks.send_due_digests", "weekly",
     ("30", "6", "1")),
]


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, period, (minute, hour, day_of_week) in SCHEDULES:
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_week=day_of_week, day_of_month="*",
            month_of_year="*", timezone="Europe/Sofia")
        PeriodicTask.objects.create(name=name, task=task, crontab=crontab,
                                    args=f'["{period}"]', enabled=True,
                                    description="Sends the notification digests of the last "
                                                "complete period; see docs/notifications.md.")


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
