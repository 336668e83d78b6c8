"""The partner admins' page: who may open it, and editing the profile."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from clusterpolisee.core.models import Activity

pytestmark = pytest.mark.django_db

MANAGE = reverse("partners:manage", args=["marche-region"])


def png_bytes(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("persona", ["marche_admin", "platform_admin"])
def test_partner_admin_and_platform_admin_open_the_page(client, people, persona):
    client.force_login(getattr(people, persona))
    response = client.get(MANAGE)
    assert response.status_code == 200
    assert "member@marche.example.org" in response.content.decode()


@pytest.mark.parametrize("persona", ["marche_member", "veneto_member", "bsmepa_member",
                                     "wg3_coordinator", "stakeholder", "cms_editor"])
def test_others_get_404_on_marche_admin_page(client, people, persona):
    client.force_login(getattr(people, persona))
    assert client.get(MANAGE).status_code == 404
    assert client.post(MANAGE, {"short_name": "Hacked"}).status_code == 404
    people.marche.refresh_from_db()
    assert people.marche.short_name == "Marche"


def test_anonymous_visitor_is_sent_to_login(client, people):
    response = client.get(MANAGE)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_veneto_admin_page_is_404_for_marche_admin(client, people):
    client.force_login(people.marche_admin)
    assert client.get(reverse("partners:manage", args=["veneto-region"])).status_code == 404


def test_partner_admin_updates_profile_and_it_is_recorded(client, people):
    client.force_login(people.marche_admin)
    response = client.post(MANAGE, {
        "short_name": "Marche", "city": "Ancona", "website": "https://www.regione.marche.it",
        "description": "Lead partner.",
        "logo": SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png"),
    })
    assert response.status_code == 302
    people.marche.refresh_from_db()
    assert people.marche.website == "https://www.regione.marche.it"
    assert people.marche.logo.name.startswith("partner-logos/")
    activity = Activity.objects.get(verb="partner.profile_updated")
    assert activity.actor == people.marche_admin and activity.partner == people.marche
    client.logout()
    logo = client.get(reverse("partners:logo", args=["marche-region"]))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    served = Image.open(io.BytesIO(b"".join(logo.streaming_content)))
    assert served.format == "PNG" and served.size == (40, 20)  # re-encoded, same picture
    assert client.get(reverse("partners:logo", args=["veneto-region"])).status_code == 404


def test_logo_that_is_not_an_image_is_refused_and_nothing_saved(client, people):
    client.force_login(people.marche_admin)
    response = client.post(MANAGE, {
        "short_name": "Changed", "description": "x",
        "logo": SimpleUploadedFile("logo.png", b"MZ\x90\x00 not an image",
                                   content_type="image/png"),
    })
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    people.marche.refresh_from_db()
    assert people.marche.short_name == "Marche" and not people.marche.logo
    assert not Activity.objects.exists()


@override_settings(LOGO_MAX_BYTES=100)
def test_oversize_logo_is_refused_with_the_limit_in_the_message(client, people):
    client.force_login(people.marche_admin)
    response = client.post(MANAGE, {
        "short_name": "Marche",
        "logo": SimpleUploadedFile("logo.png", png_bytes((400, 400)), content_type="image/png"),
    })
    assert response.status_code == 200
    assert "the limit is 100" in response.content.decode()
    people.marche.refresh_from_db()
    assert not people.marche.logo


def test_invalid_website_is_refused(client, people):
    client.force_login(people.marche_admin)
    response = client.post(MANAGE, {"short_name": "Marche", "website": "javascript:alert(1)"})
    assert response.status_code == 200
    assert "Enter a valid URL" in response.content.decode()
