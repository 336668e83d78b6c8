"""Template context every portal page needs: the user's partner and the languages."""
from django.conf import settings


def portal(request):
    user = getattr(request, "user", None)
    membership = getattr(user, "membership", None) if user and user.is_authenticated else None
    return {
        "current_membership": membership,
        "site_name": "ClusterPoliSEE",
        "available_languages": settings.LANGUAGES,
    }
