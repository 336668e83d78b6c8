"""The API's cast and a world with one object of each kind on each side of every rule."""
import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from api import services as token_services
from clusterpolisee.core.models import Activity
from knowledge.models import GoodPracticePage, Theme, Transfer
from knowledge.site import ensure_site_tree
from matchmaking.models import Opportunity, Profile, Sector
from notifications.models import Notification
from partners import services as partner_services
from partners.models import Document
from tests.factories import ConsultationFactory, WorkPackageFactory, stakeholder
from workgroups.models import Deliverable, Event, OperationalStage, PilotAction


@pytest.fixture
def api():
    return APIClient()


def token_for(user) -> str:
    return token_services.token_create(user=user, name="test",
                                       session_passed_mfa=True).secret


@pytest.fixture
def api_as(api):
    """A client that sends a fresh personal token of ``user`` (None: anonymous)."""
    def _as(user):
        api.credentials()
        if user is not None:
            api.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        return api
    return _as


_n = iter(range(10**6))


def _practice(library, *, partner, visibility, title):
    n = next(_n)
    page = GoodPracticePage(title=f"{title} {n}", slug=f"api-practice-{n}", live=True,
                            summary="A practice.", partner=partner, country=partner.country,
                            visibility=visibility)
    page.first_published_at = page.last_published_at = timezone.now()
    library.add_child(instance=page)
    return page


def _upload(n):
    return SimpleUploadedFile(f"table-{n}.csv", b"a,b\n1,2\n", content_type="text/csv")


def add_world(people, *, copies=1):
    """``copies`` of every kind of object, on both sides of each rule."""
    library = ensure_site_tree()[1]
    stage, _ = OperationalStage.objects.get_or_create(number=1, defaults={"title": "Gaps"})
    theme, _ = Theme.objects.get_or_create(name="Vouchers", slug="vouchers")
    sector, _ = Sector.objects.get_or_create(code="C26", defaults={"name": "Electronics"})
    wp = WorkPackageFactory(lead_partner=people.marche)
    now = timezone.now()
    made = SimpleNamespace(public_practices=[], partner_practices=[], events=[],
                           consultations={}, documents={}, opportunities={}, pilots=[],
                           notifications={})
    for i in range(copies):
        public = _practice(library, partner=people.marche, title="Public",
                           visibility=GoodPracticePage.Visibility.PUBLIC)
        public.themes.add(theme)
        public.working_groups.add(people.wg3)
        Transfer.objects.create(practice=public, partner=people.veneto, status="studying")
        made.public_practices.append(public)
        made.partner_practices.append(_practice(
            library, partner=people.veneto, title="Internal",
            visibility=GoodPracticePage.Visibility.PARTNERS))
        k = next(_n)  # deliverable codes are unique and shaped D<n>.<n> (the model's validator)
        Deliverable.objects.create(work_package=wp, code=f"D{k // 100 % 100}.{k % 100}",
                                   title="Report",
                                   partner=people.marche, due_date=datetime.date(2014, 1, 1))
        event = Event.objects.create(title=f"Meeting {i}", kind="meeting",
                                     starts_at=now + datetime.timedelta(days=3),
                                     ends_at=now + datetime.timedelta(days=3, hours=2))
        event.working_groups.add(people.wg3)
        made.events.append(event)
        made.consultations.setdefault("public", []).append(ConsultationFactory(
            owner=people.wg3_coordinator, working_group=people.wg3, audience="public"))
        made.consultations.setdefault("wg2_partners", []).append(ConsultationFactory(
            owner=people.wg3_coordinator, working_group=people.wg2, audience="partners"))
        made.consultations.setdefault("draft", []).append(ConsultationFactory(
            owner=people.wg3_coordinator, working_group=people.wg3, audience="public",
            state="draft"))
        for who, user in (("marche", people.marche_member), ("veneto", people.veneto_member)):
            made.documents.setdefault(who, []).append(partner_services.document_create(
                partner=user.membership.partner, user=user, title=f"{who} private {i}",
                upload=_upload(i)))
        shared = partner_services.document_create(
            partner=people.marche, user=people.marche_member, title=f"public {i}",
            upload=_upload(i))
        partner_services.document_share(document=shared, user=people.marche_member,
                                        visibility=Document.Visibility.PUBLIC)
        made.documents.setdefault("public", []).append(shared)
        for status, user in (("published", people.marche_member),
                             ("submitted", people.veneto_member)):
            opportunity = Opportunity.objects.create(
                direction="offer", kind="technology", title=f"Offer {status} {i}",
                description="Digital services.", partner=user.membership.partner,
                country=user.membership.partner.country, created_by=user, status=status,
                published_at=now if status == "published" else None)
            opportunity.sectors.add(sector)
            made.opportunities.setdefault(status, []).append(opportunity)
        for wg in (people.wg3, people.wg2):
            made.pilots.append(PilotAction.objects.create(
                working_group=wg, stage=stage, title=f"Pilot {wg.code} {i}", objectives="Show",
                region="Marche", partner=people.marche, created_by=people.wg3_coordinator))
        for who, user in (("marche", people.marche_member), ("veneto", people.veneto_member)):
            activity = Activity.objects.create(actor=people.wg3_coordinator,
                                               verb="consultation.opened",
                                               target_label=f"Consultation {i}",
                                               target_url="/consultations/",
                                               visibility=Activity.Visibility.PARTNERS)
            # outside a test transaction the activity's fan-out may have made it already
            made.notifications.setdefault(who, []).append(Notification.objects.get_or_create(
                recipient=user, activity=activity,
                defaults={"category": "consultations", "created_at": now})[0])
    for partner, owner in ((people.marche, people.marche_member),
                           (people.veneto, people.veneto_member)):
        Profile.objects.get_or_create(partner=partner, defaults={
            "owner": owner, "country": partner.country, "offers": "Know-how"})
    return made


@pytest.fixture
def world(people):
    people.approved_stakeholder = stakeholder(email="approved@cluster.example.org")
    return add_world(people)
