"""Demo data for notifications: the digest schedules (also made by migration 0002), so a
flushed database gets them back with ``seed_demo``."""
import importlib

from django.apps import apps


def ensure_digest_schedules():
    migration = importlib.import_module("notifications.migrations.0002_digest_schedules")
    migration.create_schedules(apps, None)


def seed(ctx):
    ensure_digest_schedules()
