"""The interface language: switcher, remembered on the user, used after login."""
import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_language_switch_to_bulgarian_shows_bulgarian_ui(client, people):
    response = client.post(reverse("set_language"), {"language": "bg", "next": "/"})
    assert response.status_code == 302
    page = client.get("/")
    assert page["Content-Language"] == "bg"
    assert "Вход" in page.content.decode()


def test_language_switch_is_saved_on_the_user(client, people):
    client.force_login(people.marche_member)
    client.post(reverse("set_language"), {"language": "bg", "next": "/dashboard/"})
    people.marche_member.refresh_from_db()
    assert people.marche_member.language == "bg"


def test_saved_language_applies_on_a_new_browser(client, people):
    people.veneto_member.language = "bg"
    people.veneto_member.save()
    client.force_login(people.veneto_member)
    page = client.get(reverse("dashboard"))
    assert page["Content-Language"] == "bg"
    assert page.cookies[settings.LANGUAGE_COOKIE_NAME].value == "bg"


def test_unknown_language_is_ignored(client, people):
    client.force_login(people.marche_member)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    people.marche_member.refresh_from_db()
    assert people.marche_member.language == "en"
