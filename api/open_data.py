"""The open-data download: a zip of CSV files with everything the platform shows anonymous
visitors, and a README of the fields.

Every file is read through the owning app's selectors as an anonymous visitor, so a row
appears here exactly when a visitor can see it on the site: if a rule opens events or
consultation results to the public one day, their files fill without a change here.
"""
import io
import zipfile
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone

from clusterpolisee.core.csv_export import csv_text
from consultations.selectors import consultation_list, results_of
from knowledge.models import Transfer
from knowledge.selectors import practices_visible_to
from partners.selectors import countries_with_partners, partners_visible_to
from workgroups.selectors import (
    deliverables_visible_to,
    events_visible_to,
    public_work_packages,
    public_working_groups,
)

STORAGE_NAME = "open-data/open-data.zip"


@dataclass(frozen=True)
class Column:
    name: str
    description: str


@dataclass(frozen=True)
class DataFile:
    name: str
    description: str
    columns: list[Column]
    rows: list[list]


def _file(name, description, columns, rows) -> DataFile:
    return DataFile(name, description, [Column(*c) for c in columns], list(rows))


def _codes(items) -> str:
    return " ".join(sorted(item.code for item in items))


def data_files() -> list[DataFile]:
    visitor = AnonymousUser()
    countries = countries_with_partners()
    partners = partners_visible_to(visitor).select_related("country").prefetch_related(
        "working_groups").order_by("id")
    practices = (practices_visible_to(visitor)
                 .select_related("country", "partner", "stage", "instrument_type", "locale")
                 .prefetch_related("working_groups", "themes").order_by("id"))
    transfers = (Transfer.objects.filter(practice__in=practices.values("id"))
                 .order_by("practice_id", "partner_id"))
    events = events_visible_to(visitor).prefetch_related("working_groups").order_by("id")
    closed = [c for c in consultation_list(visitor, phase="closed").order_by("id")
              if c.audience == c.Audience.PUBLIC]
    return [
        _file("countries.csv", "Countries with active partners.", [
            ("id", "Stable numeric identifier."),
            ("iso_code", "ISO 3166-1 alpha-2 code."),
            ("name", "English name."),
            ("programme_status", "EU member state or IPA country, where set; else empty."),
        ], ([c.pk, c.iso_code, c.name, c.programme_status] for c in countries)),
        _file("partners.csv", "Project partners (active ones).", [
            ("id", "Stable numeric identifier (partner ids in other files refer to it)."),
            ("name", "Full name of the organisation."),
            ("short_name", "Short name."),
            ("country", "ISO code of the partner's country."),
            ("city", "City of the seat."),
            ("type", "Kind of organisation."),
            ("website", "The organisation's website."),
            ("is_lead_partner", "true for the project's lead partner."),
            ("working_groups", "Codes of the working groups the partner belongs to."),
        ], ([p.pk, p.name, p.short_name, p.country.iso_code, p.city, p.type, p.website,
             str(p.is_lead_partner).lower(), _codes(p.working_groups.all())]
            for p in partners)),
        _file("working_groups.csv", "The six thematic working groups.", [
            ("id", "Stable numeric identifier."), ("code", "Short code, e.g. WG3."),
            ("title", "Theme."), ("lead_partner", "Id of the leading partner, or empty."),
        ], ([w.pk, w.code, w.title, w.lead_partner_id] for w in public_working_groups())),
        _file("work_packages.csv", "The project's work packages.", [
            ("id", "Stable numeric identifier."), ("code", "Short code, e.g. WP3."),
            ("title", "Title."), ("lead_partner", "Id of the leading partner, or empty."),
            ("start_date", "First day (ISO 8601), or empty."),
            ("end_date", "Last day (ISO 8601), or empty."),
        ], ([w.pk, w.code, w.title, w.lead_partner_id, w.start_date, w.end_date]
            for w in public_work_packages())),
        _file("deliverables.csv", "Deliverables that visitors may see (today none: the "
              "work package pages are for partner staff).", [
            ("id", "Stable numeric identifier."), ("code", "Deliverable code."),
            ("title", "Title."), ("work_package", "Code of the work package."),
            ("partner", "Id of the responsible partner."), ("due_date", "Due date."),
            ("status", "Where it stands."),
        ], ([d.pk, d.code, d.title, d.work_package.code, d.partner_id, d.due_date, d.status]
            for d in deliverables_visible_to(visitor).order_by("id"))),
        _file("practices.csv", "Published public good practices, every language version.", [
            ("id", "Stable numeric identifier."), ("title", "Title."),
            ("language", "Language of this version."),
            ("summary", "Two to four sentences."),
            ("country", "ISO code of the country where it runs."),
            ("region", "Region."), ("partner", "Id of the responsible partner, or empty."),
            ("organisation", "Responsible outside organisation, when no partner."),
            ("working_groups", "Codes of related working groups."),
            ("stage", "Operational stage number."),
            ("themes", "Slugs of the themes."), ("instrument_type", "Slug of the instrument."),
            ("start_date", "Start."), ("end_date", "End."),
            ("first_published_at", "When first published (ISO 8601)."),
            ("website", "The practice's website."),
        ], ([p.pk, p.title, p.locale.language_code, p.summary,
             p.country.iso_code if p.country_id else "", p.region, p.partner_id or "",
             p.organisation, _codes(p.working_groups.all()),
             p.stage.number if p.stage_id else "",
             " ".join(sorted(t.slug for t in p.themes.all())),
             p.instrument_type.slug if p.instrument_type_id else "", p.start_date,
             p.end_date, p.first_published_at.isoformat() if p.first_published_at else "",
             p.website] for p in practices)),
        _file("transfers.csv", "Partners transferring a public practice to their region.", [
            ("practice", "Id of the practice."), ("partner", "Id of the partner."),
            ("status", "interested, studying, adopting or adopted."),
            ("mentor_offered", "true when the practice's owner offered mentoring."),
            ("updated_at", "When the status last changed (ISO 8601)."),
        ], ([t.practice_id, t.partner_id, t.status, str(t.mentor_offered).lower(),
             t.updated_at.isoformat()] for t in transfers)),
        _file("events.csv", "Events that visitors may see (today none: events are for "
              "logged-in users).", [
            ("id", "Stable numeric identifier."), ("title", "Title."), ("kind", "Kind."),
            ("starts_at", "Start (ISO 8601)."), ("ends_at", "End (ISO 8601)."),
            ("timezone", "IANA time zone."), ("place", "Place."),
            ("working_groups", "Codes of the working groups."),
        ], ([e.pk, e.title, e.kind, e.starts_at.isoformat(), e.ends_at.isoformat(),
             e.timezone, e.place, _codes(e.working_groups.all())] for e in events)),
        _file("consultation_results.csv", "Results of closed public consultations that "
              "visitors may see (today none: consultations are for logged-in users).", [
            ("consultation", "Id of the consultation."), ("title", "Title."),
            ("closes_at", "When it closed (ISO 8601)."),
            ("comments_shown", "Comments shown to readers."),
            ("comments_hidden", "Comments hidden by moderators."),
            ("comments_deleted", "Comments deleted by their authors."),
            ("n_ratings", "Answers to the rating poll."),
            ("mean_rating", "Mean rating, or empty."),
        ], ([c.pk, c.title, c.closes_at.isoformat(), r["shown"], r["hidden"], r["deleted"],
             r["n_ratings"], r["mean_rating"] if r["mean_rating"] is not None else ""]
            for c in closed for r in [results_of(c)])),
    ]


def build_zip() -> bytes:
    files = data_files()
    buffer = io.BytesIO()
    generated = timezone.now()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for data_file in files:
            archive.writestr(data_file.name, csv_text([c.name for c in data_file.columns],
                                                      data_file.rows))
        archive.writestr("README.md", render_to_string("api/open_data_readme.md", {
            "files": files, "generated": generated}))
    return buffer.getvalue()


def rebuild() -> str:
    """Write a fresh zip over the stored one; returns its storage name."""
    content = build_zip()
    if default_storage.exists(STORAGE_NAME):
        default_storage.delete(STORAGE_NAME)
    return default_storage.save(STORAGE_NAME, ContentFile(content))


def latest():
    """An open file of the stored zip, built now if there is none yet."""
    if not default_storage.exists(STORAGE_NAME):
        rebuild()
    return default_storage.open(STORAGE_NAME, "rb")
