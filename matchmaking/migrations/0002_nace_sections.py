"""Seed the NACE Rev. 2 sections (editable afterwards in the Django admin) and, on
PostgreSQL, a GIN index on the opportunities' full-text column used by suggestions."""
from django.db import migrations

NACE = [
    ("A", "Agriculture, forestry and fishing"),
    ("B", "Mining and quarrying"),
    ("C", "Manufacturing"),
    ("D", "Electricity, gas, steam and air conditioning supply"),
    ("E", "Water supply; sewerage, waste management and remediation activities"),
    ("F", "Construction"),
    ("G", "Wholesale and retail trade; repair of motor vehicles and motorcycles"),
    ("H", "Transportation and storage"),
    ("I", "Accommodation and food service activities"),
    ("J", "Information and communication"),
    ("K", "Financial and insurance activities"),
    ("L", "Real estate activities"),
    ("M", "Professional, scientific and technical activities"),
    ("N", "Administrative and support service activities"),
    ("O", "Public administration and defence; compulsory social security"),
    ("P", "Education"),
    ("Q", "Human health and social work activities"),
    ("R", "Arts, entertainment and recreation"),
    ("S", "Other service activities"),
    ("T", "Activities of households as employers"),
    ("U", "Activities of extraterritorial organisations and bodies"),
]


def seed_sections(apps, schema_editor):
    Sector = apps.get_model("matchmaking", "Sector")
    for code, name in NACE:
        Sector.objects.get_or_create(code=code, defaults={"name": name})


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS matchmaking_opportunity_search_gin "
                              "ON matchmaking_opportunity USING gin (search)")


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS matchmaking_opportunity_search_gin")


class Migration(migrations.Migration):
    dependencies = [("matchmaking", "0001_initial")]

    operations = [
        migrations.RunPython(seed_sections, migrations.RunPython.noop),
        migrations.RunPython(add_search_index, drop_search_index),
    ]
