"""Template context every portal page needs: the user's partner and the languages."""
from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .page_cache import generation
from .permissions import membership_of


def portal(request):
    user = getattr(request, "user", None)
    membership = membership_of(user) if user is not None else None
    return {
        "current_membership": membership,
        "site_name": "ClusterPoliSEE",
        "available_languages": settings.LANGUAGES,
        # per-user fragment caches: keyed by the data generation, which every write to the
        # portal's data moves on (core/page_cache.py), and kept at most this long
        "data_generation": SimpleLazyObject(generation),
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
