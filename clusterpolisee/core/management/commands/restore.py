"""manage.py restore DIR: the database and files of a backup, into the configured ones."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clusterpolisee.core.backup import restore


class Command(BaseCommand):
    help = ("Restore a backup made by `manage.py backup` into the configured database "
            "(its tables are replaced) and storages.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        if not (directory / "database.dump").is_file():
            raise CommandError(f"{directory} has no database.dump")
        counts = restore(directory)
        self.stdout.write(self.style.SUCCESS(f"Restored from {directory}: {counts}"))
