"""The library's answers (count, page, facet counts) are cached, and forgotten whenever
anything they are computed from changes.

Counting the facets of thousands of practices is the library's costliest work, and the
same questions come back all the time: the landing page, a click on a facet, the next
page of a search. Like a search engine's request cache, an answer is kept under a key
made of the exact SQL of the matched set (which carries the reader's visibility and
language, so answers never cross from partner staff to visitors) and a *generation*.
The generation changes when something saves or deletes a practice, its WGs or
themes, or a facet's label (country, WG, stage, theme, instrument), and again when
that transaction commits, which makes every older answer unreachable at once; they
expire after ``LIBRARY_CACHE_SECONDS``.
"""
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from partners.models import Country
from workgroups.models import OperationalStage, WorkingGroup

from .models import GoodPracticePage, InstrumentType, Theme

GENERATION_KEY = "knowledge:library:generation"


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def library_cache_clear() -> None:
    """Make every cached answer stale (a new generation; old entries simply expire)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def summary_key(sql: str, params, *extra) -> str:
    digest = hashlib.sha256(repr((sql, tuple(params), extra)).encode()).hexdigest()
    return f"knowledge:library:{_generation()}:{digest}"


def cached(key: str, compute):
    """The answer under ``key``, computing and keeping it when missing."""
    answer = cache.get(key)
    if answer is None:
        answer = compute()
        cache.set(key, answer, getattr(settings, "LIBRARY_CACHE_SECONDS", 600))
    return answer


def _changed(*args, raw=False, **kwargs):
    if raw:  # bulk loading (knowledge.bulk) clears the cache once when it is done
        return
    # Now, for this connection's own next reads, and again after the commit: a reader who
    # computes an answer before the commit still sees the old rows and files that answer
    # under a generation that the commit then leaves behind.
    library_cache_clear()
    transaction.on_commit(library_cache_clear)


for _model in (GoodPracticePage, Country, WorkingGroup, OperationalStage, Theme,
               InstrumentType):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"library-cache-save-{_model}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"library-cache-del-{_model}")
for _through in (GoodPracticePage.working_groups.through, GoodPracticePage.themes.through):
    m2m_changed.connect(_changed, sender=_through, dispatch_uid=f"library-cache-m2m-{_through}")
    post_save.connect(_changed, sender=_through, dispatch_uid=f"library-cache-row-{_through}")
    post_delete.connect(_changed, sender=_through,
                        dispatch_uid=f"library-cache-row-del-{_through}")
