"""Names and counts follow the same rules as the things they name or count: who
registered for an event is for the partnership, and the WG x stage matrix counts only
the findings the reader may open."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import stakeholder
from workgroups import services
from workgroups.models import Event
from workgroups.selectors import matrix_cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(people):
    starts = timezone.now() + timedelta(days=10)
    event = services.event_save(user=people.wg3_coordinator, event=Event(
        title="Cluster policy training", starts_at=starts, ends_at=starts + timedelta(hours=3)))
    services.event_register(event=event, user=people.marche_member)
    return event


def test_event_pages_do_not_list_registrants_and_their_partner_to_stakeholders(
        client, people, event):
    pending = stakeholder(approved=False, email="pending@cluster.example.org")
    approved = stakeholder(email="approved@cluster.example.org", organisation="Drina Cluster")
    for outsider in (pending, approved):
        client.force_login(outsider)
        page = client.get(reverse("workgroups:event", args=[event.pk])).content.decode()
        assert "Giulia Bianchi" not in page and "Marche" not in page
        assert "1 registered" in page  # how many places are taken stays visible
        assert not outsider.has_perm("workgroups.view_event_registrants", event)
    for insider in (people.veneto_member, people.wg3_coordinator, people.platform_admin):
        client.force_login(insider)
        page = client.get(reverse("workgroups:event", args=[event.pk])).content.decode()
        assert "Giulia Bianchi" in page and "(Marche)" in page


def test_the_matrix_does_not_count_wg_internal_findings_for_partners_outside_the_wg(
        client, people, stages):
    services.finding_create(wg=people.wg3, stage=stages[0], user=people.wg3_coordinator,
                            title="Internal barrier", body="Only WG3 should know.")
    cell = (people.wg3.pk, stages[0].pk)
    assert matrix_cells(people.marche_member)[cell]["findings"] == 1  # WG3 member partner
    assert matrix_cells(people.veneto_member).get(cell, {}).get("findings", 0) == 0
    client.force_login(people.veneto_member)
    page = client.get(reverse("workgroups:matrix")).content.decode()
    assert "1 finding<" not in page
    client.force_login(people.marche_member)
    assert "1 finding<" in client.get(reverse("workgroups:matrix")).content.decode()


def test_the_wg_space_has_no_duplicate_ids_with_the_topic_and_finding_forms(
        client, people, stages):
    import re
    from collections import Counter

    client.force_login(people.wg3_coordinator)
    page = client.get(reverse("workgroups:detail", args=["WG3"])).content.decode()
    assert 'id="topic_title"' in page and 'id="finding_title"' in page
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, n in ids.items() if n > 1] == []
