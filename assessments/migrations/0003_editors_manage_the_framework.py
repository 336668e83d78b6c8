"""Wagtail's Editors group manages the assessment framework in /cms/ (add, change, delete,
view of frameworks, dimensions, criteria and levels); the lock still holds for them."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("framework", "dimension", "criterion", "level")


def grant(apps, schema_editor):
    # permissions are made after migrate; this migration needs them now
    config = apps.get_app_config("assessments")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.add(*Permission.objects.filter(
        content_type__app_label="assessments", content_type__model__in=MODELS,
        codename__regex=r"^(add|change|delete|view)_"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="assessments", content_type__model__in=MODELS))


class Migration(migrations.Migration):

    dependencies = [
        ("assessments", "0002_deadline_schedule"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
