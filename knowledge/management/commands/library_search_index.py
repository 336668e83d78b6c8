"""Rebuild the library's full-text index (PostgreSQL) for every practice."""
from django.core.management.base import BaseCommand

from knowledge.fulltext import is_available, practice_search_index_rebuild


class Command(BaseCommand):
    help = ("Recompute the full-text index of every good practice, e.g. after changing its "
            "weights or text-search configuration. Saving a practice keeps its own entry "
            "up to date; this is only needed for changes in bulk. PostgreSQL only.")

    def handle(self, *args, **options):
        if not is_available():
            self.stdout.write("This database has no full-text index; the library searches "
                              "through Wagtail's search backend (update_index).")
            return
        updated = practice_search_index_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {updated} practices."))
