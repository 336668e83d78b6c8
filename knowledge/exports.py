"""Open data: the published public practices with stable field names.

The names are a public contract (see docs/knowledge-export.md): add fields, never rename.
"""
from .models import GoodPracticePage
from .selectors import practices_for_list, practices_visible_to

EXPORT_FIELDS = [
    "id", "url", "title", "summary", "language", "country", "country_code", "region",
    "responsible_organisation", "partner", "working_groups", "operational_stage", "themes",
    "instrument_type", "start_date", "end_date", "budget", "evidence", "indicators",
    "lessons_learned", "transfer_potential", "contact_person", "website", "latitude",
    "longitude", "first_published_at", "last_published_at",
]


def export_rows() -> list[dict]:
    """Every published public practice, whoever asks: the export is public by design."""
    from django.contrib.auth.models import AnonymousUser

    practices = practices_for_list(
        practices_visible_to(AnonymousUser()).filter(
            visibility=GoodPracticePage.Visibility.PUBLIC)
    ).select_related("locale").order_by("pk")
    return [_row(practice) for practice in practices]


def _iso(value):
    return value.isoformat() if value else ""


def _row(practice) -> dict:
    return {
        "id": practice.pk,
        "url": practice.full_url or "",
        "title": practice.title,
        "summary": practice.summary,
        "language": practice.locale.language_code,
        "country": practice.country.name if practice.country_id else "",
        "country_code": practice.country.iso_code if practice.country_id else "",
        "region": practice.region,
        "responsible_organisation": practice.responsible,
        "partner": practice.partner.name if practice.partner_id else "",
        "working_groups": [wg.code for wg in practice.working_groups.all()],
        "operational_stage": practice.stage.title if practice.stage_id else "",
        "themes": [theme.name for theme in practice.themes.all()],
        "instrument_type": practice.instrument_type.name if practice.instrument_type_id else "",
        "start_date": _iso(practice.start_date),
        "end_date": _iso(practice.end_date),
        "budget": practice.budget,
        "evidence": practice.evidence,
        "indicators": [line.strip() for line in practice.indicators.splitlines()
                       if line.strip()],
        "lessons_learned": practice.lessons,
        "transfer_potential": practice.transfer_potential,
        "contact_person": practice.contact_name,
        "website": practice.website,
        "latitude": str(practice.latitude) if practice.latitude is not None else "",
        "longitude": str(practice.longitude) if practice.longitude is not None else "",
        "first_published_at": _iso(practice.first_published_at),
        "last_published_at": _iso(practice.last_published_at),
    }
