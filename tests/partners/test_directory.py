"""The public partner directory and partner pages."""
import pytest
from django.urls import reverse

from partners.models import Partner
from tests.factories import CountryFactory, PartnerFactory, staff

pytestmark = pytest.mark.django_db


def test_directory_lists_active_partners_for_anonymous_visitors(client, people):
    PartnerFactory(name="Archived Agency", is_active=False)
    page = client.get(reverse("partners:directory")).content.decode()
    assert "Marche Region" in page and "Veneto Region" in page and "BSMEPA" in page
    assert "Archived Agency" not in page


def test_directory_filters_by_country(client, people):
    page = client.get(reverse("partners:directory"), {"country": "BG"}).content.decode()
    assert "Executive Agency for the Promotion of SMEs" in page
    assert "Marche Region" not in page


def test_directory_filters_by_type(client, people):
    page = client.get(reverse("partners:directory"),
                      {"type": Partner.Type.NATIONAL_AUTHORITY}).content.decode()
    assert "Executive Agency" in page and "Veneto Region" not in page


def test_directory_ignores_an_unknown_country_with_a_message(client, people):
    response = client.get(reverse("partners:directory"), {"country": "ZZ"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def _directory_queries(client, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        response = client.get(reverse("partners:directory"), {"country": "IT"})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("logged_in", [False, True])
def test_directory_query_count_is_the_same_for_25_and_250_partners(
        client, people, django_assert_num_queries, logged_in):
    if logged_in:
        client.force_login(people.marche_member)
    italy = people.marche.country
    expected = 7 if logged_in else 4  # one of them counts the partners per country (map)
    for n in range(22):
        PartnerFactory(country=italy if n % 2 else CountryFactory())
    client.get(reverse("partners:directory"))  # warm the site-menu cache
    first = _directory_queries(client, django_assert_num_queries, expected)
    for n in range(225):
        PartnerFactory(country=italy if n % 2 else CountryFactory())
    second = _directory_queries(client, django_assert_num_queries, expected)
    assert second.content.decode().count("partner-card") > first.content.decode().count(
        "partner-card")


def test_partner_page_shows_staff_to_partner_staff_only(client, people):
    url = reverse("partners:detail", args=["marche-region"])
    assert "Giulia Bianchi" not in client.get(url).content.decode()
    client.force_login(people.stakeholder)
    assert "Giulia Bianchi" not in client.get(url).content.decode()
    client.force_login(people.veneto_member)
    assert "Giulia Bianchi" in client.get(url).content.decode()


def test_unknown_or_archived_partner_is_404(client, people):
    assert client.get(reverse("partners:detail", args=["no-such-partner"])).status_code == 404
    people.veneto.is_active = False
    people.veneto.save()
    assert client.get(reverse("partners:detail", args=["veneto-region"])).status_code == 404


def test_partner_page_lists_its_working_groups(client, people):
    page = client.get(reverse("partners:detail", args=["bsmepa"])).content.decode()
    assert "WG3" in page and "leads" in page


def test_one_user_cannot_work_for_two_partners(people):
    from django.db import IntegrityError, transaction

    from partners.models import Membership

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=people.marche_member, partner=people.veneto)
    assert staff(people.veneto).membership.partner == people.veneto


def test_only_one_lead_partner(people):
    from django.db import IntegrityError, transaction

    people.veneto.is_lead_partner = True
    with pytest.raises(IntegrityError), transaction.atomic():
        people.veneto.save()
