"""The library's answers (count, page, facet counts) are cached, and forgotten whenever
anything they are computed from changes.

Counting the facets of thousands of practices is the library's costliest work, and the
same questions come back all the time: the landing page, a click on a facet, the next
page of a search. Like a search engine's request cache, an answer is kept under a key
made of the exact SQL of the matched set (which carries the reader's visibility and
language, so answers never cross from partner staff to visitors) and a *generation*.
The generation changes when something saves or deletes a practice, its WGs or
themes, a Wagtail view restriction (or its groups), or a facet's label (country, WG,
stage, theme, instrument), and again when
that transaction commits, which makes every older answer unreachable at once; they
expire after ``LIBRARY_CACHE_SECONDS``. The search form's choices (the facets' values)
have a generation of their own, which only changes with those five tables.
"""
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import PageViewRestriction

from partners.models import Country
from workgroups.models import OperationalStage, WorkingGroup

from .models import GoodPracticePage, InstrumentType, Theme

GENERATION_KEY = "knowledge:library:generation"
# The search form's choices depend on the facets' tables only, not on the practices.
TAXONOMY_GENERATION_KEY = "knowledge:library:taxonomy-generation"


def _generation(key=GENERATION_KEY) -> int:
    generation = cache.get(key)
    if generation is None:
        generation = time.time_ns()
        cache.add(key, generation, None)
        generation = cache.get(key, generation)
    return generation


def library_cache_clear(*, taxonomy=False) -> None:
    """Make every cached answer stale (a new generation; old entries simply expire);
    with ``taxonomy``, the search form's choices too."""
    now = time.time_ns()
    cache.set_many({GENERATION_KEY: now, **({TAXONOMY_GENERATION_KEY: now} if taxonomy
                                             else {})}, None)


def summary_key(sql: str, params, *extra) -> str:
    digest = hashlib.sha256(repr((sql, tuple(params), extra)).encode()).hexdigest()
    return f"knowledge:library:{_generation()}:{digest}"


def taxonomy_key(language: str) -> str:
    return f"knowledge:library:taxonomy:{_generation(TAXONOMY_GENERATION_KEY)}:{language}"


def cached(key: str, compute):
    """The answer under ``key``, computing and keeping it when missing."""
    answer = cache.get(key)
    if answer is None:
        answer = compute()
        cache.set(key, answer, settings.LIBRARY_CACHE_SECONDS)
    return answer


def _changed(*args, raw=False, **kwargs):
    if raw:  # bulk loading (knowledge.bulk) clears the cache once when it is done
        return
    # Now, for this connection's own next reads, and again after the commit: a reader who
    # computes an answer before the commit still sees the old rows and files that answer
    # under a generation that the commit then leaves behind.
    library_cache_clear()
    transaction.on_commit(library_cache_clear)


def _taxonomy_changed(*args, raw=False, **kwargs):
    if raw:
        return
    library_cache_clear(taxonomy=True)
    transaction.on_commit(lambda: library_cache_clear(taxonomy=True))


post_save.connect(_changed, sender=GoodPracticePage, dispatch_uid="library-cache-save")
post_delete.connect(_changed, sender=GoodPracticePage, dispatch_uid="library-cache-delete")
for _model in (Country, WorkingGroup, OperationalStage, Theme, InstrumentType):
    post_save.connect(_taxonomy_changed, sender=_model,
                      dispatch_uid=f"library-cache-save-{_model}")
    post_delete.connect(_taxonomy_changed, sender=_model,
                        dispatch_uid=f"library-cache-delete-{_model}")
for _through in (GoodPracticePage.working_groups.through, GoodPracticePage.themes.through):
    m2m_changed.connect(_changed, sender=_through, dispatch_uid=f"library-cache-m2m-{_through}")
    post_save.connect(_changed, sender=_through, dispatch_uid=f"library-cache-row-{_through}")
    post_delete.connect(_changed, sender=_through,
                        dispatch_uid=f"library-cache-row-delete-{_through}")
# A view restriction changes who may see a practice (and its descendants): cached answers
# that were computed before it must never be served after it.
post_save.connect(_changed, sender=PageViewRestriction, dispatch_uid="library-cache-restriction")
post_delete.connect(_changed, sender=PageViewRestriction,
                    dispatch_uid="library-cache-restriction-delete")
m2m_changed.connect(_changed, sender=PageViewRestriction.groups.through,
                    dispatch_uid="library-cache-restriction-groups")
