"""Language and time zone: chosen on /accounts/preferences/, else the organisation's
country's zone; every time a page or an e-mail shows is in that zone."""
import pytest
from django.utils import timezone

from clusterpolisee.users.zones import SESSION_KEY, in_locale_of, zone_name_for

pytestmark = pytest.mark.django_db
URL = "/accounts/preferences/"


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_zone_defaults_to_the_partners_country_and_is_kept_in_the_session(client, people):
    assert zone_name_for(people.marche_member) == "Europe/Rome"
    client.force_login(people.marche_member)
    assert client.session[SESSION_KEY] == "Europe/Rome"
    page = client.get(URL).content.decode()
    assert "Your organisation&#x27;s country (Europe/Rome)" in page
    assert 'lang="de"' in page  # each language named in itself, marked for screen readers


def test_saving_language_and_zone_changes_the_session_the_cookie_and_the_account(
        client, people):
    client.force_login(people.marche_member)
    response = client.post(URL, {"language": "el", "time_zone": "Europe/Athens"})
    assert response.status_code == 302
    people.marche_member.refresh_from_db()
    assert (people.marche_member.language, people.marche_member.time_zone) == (
        "el", "Europe/Athens")
    assert client.session[SESSION_KEY] == "Europe/Athens"
    assert response.cookies["django_language"].value == "el"
    assert "Η γλώσσα και η ζώνη ώρας σας αποθηκεύτηκαν." in client.get(URL).content.decode()


@pytest.mark.parametrize("values", [
    {"language": "xx", "time_zone": ""}, {"language": "en", "time_zone": "Mars/Olympus"},
    {"language": "en", "time_zone": "Europe/" + "x" * 5000}, {}])
def test_bad_values_are_refused_and_nothing_is_saved(client, people, values):
    client.force_login(people.marche_member)
    response = client.post(URL, values)
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    people.marche_member.refresh_from_db()
    assert (people.marche_member.language, people.marche_member.time_zone) == ("en", "")


def test_e_mails_are_written_in_the_recipients_language_and_zone(people):
    people.marche_member.language, people.marche_member.time_zone = "de", "Europe/Athens"
    with in_locale_of(people.marche_member):
        assert timezone.get_current_timezone_name() == "Europe/Athens"
        from django.utils.translation import get_language
        assert get_language() == "de"
    people.marche_member.time_zone = ""
    with in_locale_of(people.marche_member):
        assert timezone.get_current_timezone_name() == "Europe/Rome"
