"""manage.py backup DIR: pg_dump of the database and a copy of both file storages."""
from pathlib import Path

from django.core.management.base import BaseCommand

from clusterpolisee.core.backup import backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc) and every stored file into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Created; must not exist yet.")

    def handle(self, *args, directory, **options):
        counts = backup(directory)
        self.stdout.write(self.style.SUCCESS(f"Backed up into {directory}: {counts}"))
