"""The partner profile's "Published good practices": only those the reader may read."""
from partners.profile import Section, register

PROFILE_PRACTICE_LIMIT = 10


@register(order=20)
def published_practices(request, partner):
    from .selectors import in_reader_language, practices_visible_to

    practices = list(in_reader_language(practices_visible_to(request.user))
                     .filter(partner=partner).select_related("country")
                     .order_by("-first_published_at", "-id")[:PROFILE_PRACTICE_LIMIT])
    return Section("knowledge/includes/partner_practices.html", {"practices": practices})
