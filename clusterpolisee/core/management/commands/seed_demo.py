"""Load the partnership, working groups and demo accounts; safe to run again."""
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clusterpolisee.core.demo import DemoContext
from clusterpolisee.core.labels import translate_seeded_labels

DEMO_PASSWORD = "ClusterPoliSEE-demo-2026"  # noqa: S105 - demo accounts only, refused in production


class Command(BaseCommand):
    help = ("Load the real partnership (countries, partners, WGs, WPs, committees) and demo "
            "accounts for every role. Idempotent: existing rows are left as they are.")

    def add_arguments(self, parser):
        parser.add_argument("--data-only", action="store_true",
                            help="Load the partnership data only, no demo accounts.")
        parser.add_argument("--i-know-this-is-not-production", action="store_true",
                            dest="not_production",
                            help="Create demo accounts even though DEBUG is off.")

    def handle(self, *args, data_only=False, not_production=False, **options):
        with_accounts = not data_only
        if with_accounts and not settings.DEBUG and not not_production:
            raise CommandError(
                "Refusing to create demo accounts with a known password while DEBUG is off. "
                "Use --data-only to load only the partnership data, or "
                "--i-know-this-is-not-production if this really is a demo server."
            )
        ctx = DemoContext(password=DEMO_PASSWORD, with_accounts=with_accounts,
                          write=lambda msg: self.stdout.write(msg))
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                if hasattr(module, "seed"):
                    module.seed(ctx)
            # the labels just seeded, in every language of the partnership
            translate_seeded_labels()
        self._summary(ctx)

    def _summary(self, ctx):
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        if not ctx.accounts:
            return
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {ctx.password}):")
        width = max(len(role) for role, _, _ in ctx.accounts)
        for role, email, note in ctx.accounts:
            line = f"  {role.ljust(width)}  {email}"
            if note:
                line += f"  ({note})"
            self.stdout.write(line)
