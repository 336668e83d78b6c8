"""Loading many practices at once, for the benchmark and the query-count tests.

Creating pages one by one through treebeard and Wagtail's save (revision, search and
reference index, signals) takes a tenth of a second each; here the page rows are written
in bulk with their tree paths computed, then indexed for search in one batch (the
library's full-text column, and Wagtail's index unless ``index=False``). Only for
generated data: no revisions, no workflow, no activity.
"""
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .fulltext import practice_search_index_update
from .library_cache import library_cache_clear
from .models import GoodPracticePage


@transaction.atomic
def bulk_create_practices(library, rows: list[dict], *, index=True) -> list[GoodPracticePage]:
    """Append ``rows`` (field values, plus optional ``working_groups``/``themes`` lists)
    as live practices under ``library``."""
    library = Page.objects.select_for_update().get(pk=library.pk)
    last = library.get_last_child()
    start = Page._str2int(last.path[-Page.steplen:]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(GoodPracticePage)
    now = timezone.now()
    pages, m2m = [], []
    for offset, row in enumerate(rows):
        row = dict(row)
        wgs, themes = row.pop("working_groups", []), row.pop("themes", [])
        slug = row.pop("slug")
        published = row.pop("first_published_at", now)
        page = GoodPracticePage(
            title=row["title"], draft_title=row["title"], slug=slug, live=True,
            content_type=content_type, locale_id=library.locale_id,
            translation_key=uuid.uuid4(), depth=library.depth + 1, numchild=0,
            path=Page._get_path(library.path, library.depth + 1, start + offset),
            url_path=f"{library.url_path}{slug}/", first_published_at=published,
            last_published_at=published, latest_revision_created_at=published,
            **{k: v for k, v in row.items() if k != "title"},
        )
        pages.append(page)
        m2m.append((wgs, themes))
    Page.objects.bulk_create(pages)  # the base rows; ids are set on the objects
    for page in pages:
        page.page_ptr_id = page.id
        page.save_base(raw=True, force_insert=True)  # the GoodPracticePage row only
    wg_through = GoodPracticePage.working_groups.through
    theme_through = GoodPracticePage.themes.through
    wg_through.objects.bulk_create([
        wg_through(goodpracticepage_id=page.pk, workinggroup_id=wg.pk)
        for page, (wgs, _themes) in zip(pages, m2m, strict=True) for wg in wgs])
    theme_through.objects.bulk_create([
        theme_through(goodpracticepage_id=page.pk, theme_id=theme.pk)
        for page, (_wgs, themes) in zip(pages, m2m, strict=True) for theme in themes])
    Page.objects.filter(pk=library.pk).update(numchild=library.numchild + len(pages))
    practice_search_index_update(practices=pages)
    library_cache_clear()
    if index:
        get_search_backend().add_bulk(GoodPracticePage, pages)
    return pages
