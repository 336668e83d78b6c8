"""Transfer tracking (interested → studying → adopting → adopted, mentoring offers) and
expert opinions by members of the advisory board."""
import pytest
from django.urls import reverse

from clusterpolisee.core.models import Activity
from knowledge.models import GoodPracticePage, Transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(make_practice):
    return make_practice(title="Marche vouchers")


def declare(client, practice, status):
    return client.post(reverse("knowledge:transfer", args=[practice.pk]), {"status": status})


def test_other_partner_declares_studying_and_the_page_lists_it(client, people, practice):
    client.force_login(people.veneto_member)
    assert declare(client, practice, "studying").status_code == 302
    transfer = Transfer.objects.get()
    assert (transfer.partner, transfer.status) == (people.veneto, "studying")
    declare(client, practice, "adopted")
    assert Transfer.objects.get().status == "adopted"
    client.logout()
    page = client.get(practice.url).content.decode()
    assert "Veneto Region" in page and "Adopted" in page
    assert Activity.objects.filter(verb="practice.transfer", partner=people.veneto).exists()


def test_owning_partner_cannot_declare_a_transfer_of_its_own_practice(client, people,
                                                                      practice):
    client.force_login(people.marche_member)
    assert declare(client, practice, "studying").status_code == 404
    assert not Transfer.objects.exists()


def test_stakeholder_cannot_declare_a_transfer(client, people, practice):
    client.force_login(people.stakeholder)
    assert declare(client, practice, "studying").status_code == 404


def test_anonymous_visitor_is_sent_to_login_to_declare(client, practice):
    response = declare(client, practice, "studying")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_invalid_status_is_refused_with_a_message(client, people, practice):
    client.force_login(people.veneto_member)
    response = declare(client, practice, "stolen")
    assert response.status_code == 302 and not Transfer.objects.exists()


def test_partners_only_practice_transfer_is_not_found_for_a_stakeholder(
        client, people, make_practice):
    hidden = make_practice(visibility=GoodPracticePage.Visibility.PARTNERS)
    client.force_login(people.stakeholder)
    assert declare(client, hidden, "studying").status_code == 404


def test_owning_partner_offers_mentoring_others_cannot(client, people, practice):
    client.force_login(people.veneto_member)
    declare(client, practice, "studying")
    transfer = Transfer.objects.get()
    url = reverse("knowledge:mentoring", args=[practice.pk, transfer.pk])
    assert client.post(url).status_code == 404  # Veneto is not the owner
    client.force_login(people.bsmepa_member)
    assert client.post(url).status_code == 404
    client.force_login(people.marche_admin)
    assert client.post(url).status_code == 302
    transfer.refresh_from_db()
    assert transfer.mentor_offered and transfer.updated_by == people.marche_admin
    assert "offered by the owning partner" in client.get(practice.url).content.decode()


def test_stab_member_writes_an_expert_opinion_shown_on_the_page(client, people, practice):
    client.force_login(people.bsmepa_member)  # BSMEPA leads WG3, so it sits on the STAB
    url = reverse("knowledge:expert_opinion", args=[practice.pk])
    response = client.post(url, {"opinion": "Transferable <script>alert(1)</script> with care."})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert "Transferable" in practice.expert_opinion
    assert "<script>" not in practice.expert_opinion
    page = client.get(practice.url).content.decode()
    assert "Expert opinion" in page and "Petar Ivanov" in page


def test_non_stab_member_and_owner_cannot_write_an_expert_opinion(client, people, practice):
    url = reverse("knowledge:expert_opinion", args=[practice.pk])
    client.force_login(people.veneto_member)
    assert client.post(url, {"opinion": "Nice"}).status_code == 404
    client.force_login(people.stakeholder)
    assert client.post(url, {"opinion": "Nice"}).status_code == 404
    practice.refresh_from_db()
    assert practice.expert_opinion == ""
