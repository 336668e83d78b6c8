"""The strategies cast: WP6 led by Marche with D6.1 (Marche) and D6.2 (BSMEPA), so BSMEPA
is one of the WP's partners and Veneto is not; stakeholders in both approval states."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from strategies import services
from tests.factories import WorkPackageFactory, stakeholder
from workgroups.models import Deliverable, SteeringCommitteeSeat


@pytest.fixture
def cast(people):
    people.wp6 = WorkPackageFactory(code="WP6", title="Future development of clusters in SEE",
                                    lead_partner=people.marche)
    people.d61 = Deliverable.objects.create(
        work_package=people.wp6, code="D6.1", title="Joint Strategic Plan",
        partner=people.marche, due_date=date(2014, 9, 30))
    Deliverable.objects.create(work_package=people.wp6, code="D6.2",
                               title="Sustainability Plan", partner=people.bsmepa,
                               due_date=date(2014, 10, 30))
    people.approved_stakeholder = stakeholder(email="approved@cluster.example.org",
                                              full_name="Ana Approved")
    people.pending_stakeholder = stakeholder(approved=False, email="pending@cluster.example.org",
                                             full_name="Pavel Pending")
    return people


@pytest.fixture
def make_document(cast):
    """A WP6 document drafted by the Marche member: chapters of paragraphs as given."""
    def _make(chapters=(("Vision", ["First idea.", "Second idea about clusters."]),),
              title="Joint Strategic Plan"):
        document = services.document_create(user=cast.marche_member, title=title,
                                             kind="joint_strategic_plan",
                                             work_package=cast.wp6, deliverable=cast.d61)
        for chapter_title, paragraphs in chapters:
            services.chapter_create(document=document, user=cast.marche_member,
                                    title=chapter_title, text="\n\n".join(paragraphs))
        return document
    return _make


@pytest.fixture
def open_phase(cast):
    def _open(document, *, include_stakeholders=False, days=7):
        return services.phase_open(document=document, user=cast.marche_member,
                                   closes_at=timezone.now() + timedelta(days=days),
                                   include_stakeholders=include_stakeholders)
    return _open


@pytest.fixture
def voters(cast):
    """Every partner of the cast can vote: Veneto through its named representative."""
    SteeringCommitteeSeat.objects.create(partner=cast.veneto,
                                         representative=cast.veneto_member)
    return [cast.marche_admin, cast.wg3_coordinator, cast.veneto_member]


def first_paragraph(document, number=1):
    return document.chapters.get(position=1).paragraphs.get(position=number)
