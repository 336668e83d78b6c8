"""Every read endpoint, for every persona, returns exactly the rows of the selector the HTML
page uses, and answers 404 for each object that selector hides from the persona."""
import pytest
from django.contrib.auth.models import AnonymousUser

from consultations.selectors import consultation_list
from knowledge.selectors import practices_visible_to
from matchmaking.selectors import opportunities_visible_to, profiles_visible_to
from notifications.selectors import notifications_for
from partners.selectors import countries_with_partners, documents_visible_to, partners_visible_to
from workgroups.selectors import (
    deliverables_visible_to,
    events_visible_to,
    pilot_actions_visible_to,
    wgs_visible_to,
    work_packages_visible_to,
)

pytestmark = pytest.mark.django_db

PAGE_SELECTORS = {
    "countries": lambda user: countries_with_partners(),
    "partners": partners_visible_to,
    "working-groups": wgs_visible_to,
    "work-packages": work_packages_visible_to,
    "deliverables": deliverables_visible_to,
    "events": events_visible_to,
    "practices": practices_visible_to,
    "consultations": consultation_list,
    "opportunities": opportunities_visible_to,
    "profiles": profiles_visible_to,
    "pilot-actions": pilot_actions_visible_to,
    "notifications": notifications_for,
    "documents": documents_visible_to,
}
PERSONAS = ["marche_member", "veneto_member", "approved_stakeholder", "anonymous"]


def user_of(people, persona):
    return AnonymousUser() if persona == "anonymous" else getattr(people, persona)


def listed_ids(client, url):
    ids, page = [], url + ("&" if "?" in url else "?") + "page_size=200"
    while page:
        response = client.get(page)
        assert response.status_code == 200, response.content
        ids += [row["id"] for row in response.json()["results"]]
        page = response.json()["next"]
    return ids


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", sorted(PAGE_SELECTORS))
def test_each_persona_lists_exactly_what_the_pages_selector_gives_and_404s_the_rest(
        world, people, api_as, endpoint, persona):
    user = user_of(people, persona)
    client = api_as(None if persona == "anonymous" else user)
    expected = set(PAGE_SELECTORS[endpoint](user).values_list("id", flat=True))
    listed = listed_ids(client, f"/api/v1/{endpoint}/")
    assert len(listed) == len(set(listed)), "no row twice"
    assert set(listed) == expected
    everything = set(PAGE_SELECTORS[endpoint](people.platform_admin).values_list("id", flat=True))
    for pk in sorted(everything):
        response = client.get(f"/api/v1/{endpoint}/{pk}/")
        assert response.status_code == (200 if pk in expected else 404), (pk, response.content)


def test_another_partners_staff_cannot_open_a_private_document(world, people, api_as):
    client = api_as(people.veneto_member)
    private = world.documents["marche"][0]
    assert client.get(f"/api/v1/documents/{private.pk}/").status_code == 404
    listed = listed_ids(client, "/api/v1/documents/")
    assert private.pk not in listed
    assert world.documents["public"][0].pk in listed


def test_anonymous_clients_see_public_practices_partners_and_documents_only(world, people,
                                                                             api_as):
    client = api_as(None)
    assert listed_ids(client, "/api/v1/practices/") == [world.public_practices[0].pk]
    assert listed_ids(client, "/api/v1/documents/") == [world.documents["public"][0].pk]
    assert set(listed_ids(client, "/api/v1/partners/")) == {
        people.marche.pk, people.veneto.pk, people.bsmepa.pk}
    for endpoint in ("events", "consultations", "working-groups", "work-packages",
                     "deliverables", "pilot-actions", "opportunities", "profiles",
                     "notifications"):
        assert listed_ids(client, f"/api/v1/{endpoint}/") == [], endpoint


def test_a_stakeholder_sees_public_consultations_but_not_partners_only_ones_or_drafts(
        world, people, api_as):
    client = api_as(people.approved_stakeholder)
    listed = set(listed_ids(client, "/api/v1/consultations/"))
    assert listed == {world.consultations["public"][0].pk}
    assert listed_ids(client, "/api/v1/pilot-actions/") == []
    assert listed_ids(client, "/api/v1/working-groups/") == []


def test_wg2_partners_only_consultation_is_for_wg2_member_partners(world, people, api_as):
    wg2_only = world.consultations["wg2_partners"][0].pk
    assert wg2_only in listed_ids(api_as(people.veneto_member), "/api/v1/consultations/")
    marche = api_as(people.marche_member)
    assert wg2_only not in listed_ids(marche, "/api/v1/consultations/")
    assert marche.get(f"/api/v1/consultations/{wg2_only}/comments/").status_code == 404
    assert marche.get(f"/api/v1/consultations/{wg2_only}/results/").status_code == 404


def test_notifications_are_ones_own_only(world, people, api_as):
    client = api_as(people.marche_member)
    assert set(listed_ids(client, "/api/v1/notifications/")) == {
        n.pk for n in world.notifications["marche"]}
    theirs = world.notifications["veneto"][0]
    assert client.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_submitted_opportunity_is_seen_by_its_own_side_only(world, people, api_as):
    submitted = world.opportunities["submitted"][0].pk
    assert submitted in listed_ids(api_as(people.veneto_member), "/api/v1/opportunities/")
    marche = api_as(people.marche_member)
    assert submitted not in listed_ids(marche, "/api/v1/opportunities/")
    assert marche.get(f"/api/v1/opportunities/{submitted}/").status_code == 404


def test_consultation_filters_by_phase_through_the_listing_rule(world, people, api_as):
    client = api_as(people.wg3_coordinator)
    drafts = listed_ids(client, "/api/v1/consultations/?phase=draft")
    assert drafts == [world.consultations["draft"][0].pk]
    opened = set(listed_ids(client, "/api/v1/consultations/?phase=open"))
    assert world.consultations["public"][0].pk in opened
    assert world.consultations["draft"][0].pk not in opened
    response = client.get("/api/v1/consultations/?phase=nonsense")
    assert response.status_code == 400
