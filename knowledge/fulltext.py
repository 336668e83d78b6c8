"""The library's full-text index on PostgreSQL: a weighted ``tsvector`` column on each
practice (``GoodPracticePage.search_vector``, GIN-indexed), kept up to date here.

Wagtail's database search backend joins its own index table in a way PostgreSQL cannot
serve from the GIN index, so a search over thousands of practices read every row. The
column is filled whenever a practice is saved (created, published, unpublished,
translated; Wagtail saves the page row each time) and by ``bulk_create_practices``;
``manage.py library_search_index`` rebuilds it for every practice. On other databases
(SQLite for ``make run``) the column stays empty and the library searches through
Wagtail's backend instead, which is fast enough for demo data.

One text-search configuration serves both languages of the library: ``english`` stems
English words ("vouchers" finds "voucher") and, having no rules for Cyrillic, leaves
Bulgarian words as they are, lower-cased, which is what ``simple`` would do. PostgreSQL
ships no Bulgarian stemmer.
"""
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Case, Exists, OuterRef, Subquery, TextField, Value, When
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from .models import GoodPracticePage

CONFIG = "english"

# Saves that touch none of these (Wagtail records a draft revision on the page row with
# update_fields) leave the index alone.
INDEXED_FIELDS = {"title", "summary", "body", "description", "region", "organisation",
                  "evidence", "lessons", "transfer_potential", "live"}


def _document(bodies: dict[int, str]):
    """The weighted document of a practice, or none when it is not live (only published
    text is ever found). The title and ``live`` live on Wagtail's page row, read as
    subqueries since an UPDATE cannot join; the body's text, JSON in the database, comes
    from Python, one value per practice. Weight A counts most in the rank: the title, then
    the summary (B), the descriptions (C), the rest (D)."""
    page = Page.objects.filter(pk=OuterRef("pk"))
    body = Case(*[When(pk=pk, then=Value(text)) for pk, text in bodies.items()],
                default=Value(""), output_field=TextField())
    vector = (
        SearchVector(Subquery(page.values("title")), weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("description", body, weight="C", config=CONFIG)
        + SearchVector("region", "organisation", "evidence", "lessons", "transfer_potential",
                       weight="D", config=CONFIG))
    return Case(When(Exists(page.filter(live=True)), then=vector), default=None)


def is_available() -> bool:
    """Whether the database keeps the index (PostgreSQL); elsewhere search falls back to
    Wagtail's backend."""
    return connection.vendor == "postgresql"


def body_text(practice) -> str:
    """The words of the StreamField body, as Wagtail's own search index reads them."""
    field = GoodPracticePage._meta.get_field("body")
    return " ".join(text for text in field.get_searchable_content(practice.body) if text)


def practice_search_index_update(*, practices) -> int:
    """Recompute the index of ``practices`` (page objects as saved) in one statement."""
    if not is_available() or not practices:
        return 0
    bodies = {practice.pk: body_text(practice) for practice in practices}
    return GoodPracticePage.objects.filter(pk__in=bodies).update(
        search_vector=_document(bodies))


def practice_search_index_rebuild(*, batch_size=1000) -> int:
    """Every practice, in batches; for ``manage.py library_search_index``."""
    updated = 0
    ids = list(GoodPracticePage.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        batch = GoodPracticePage.objects.filter(pk__in=ids[start:start + batch_size]) \
            .only("pk", "body")
        updated += practice_search_index_update(practices=list(batch))
    return updated


@receiver(post_save, sender=GoodPracticePage, dispatch_uid="knowledge.fulltext.update")
def practice_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Fixture loading (raw) and saves that touch no indexed column (Wagtail records a
    # new draft revision on the page row with update_fields) leave the index alone.
    if raw or (update_fields is not None and not INDEXED_FIELDS & set(update_fields)):
        return
    practice_search_index_update(practices=[instance])
