"""Links that leave the portal (e-mails, exports, the sitemap) use the configured public
address and e-mail subjects the site's name, not the host a request came in on."""
import json

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from knowledge.site import ensure_site_tree

pytestmark = pytest.mark.django_db

PUBLIC = "https://platform.example.org"


@override_settings(WAGTAILADMIN_BASE_URL=PUBLIC)
def test_sitemap_and_export_links_use_the_configured_site_url(client, people, make_practice):
    ensure_site_tree()
    make_practice(title="Open practice")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{PUBLIC}/" in sitemap and "localhost" not in sitemap
    row = json.loads(client.get(reverse("knowledge:export_json")).content)["practices"][0]
    assert row["url"].startswith(f"{PUBLIC}/")


@override_settings(WAGTAILADMIN_BASE_URL=PUBLIC)
def test_account_emails_carry_the_site_name_and_the_configured_address(client, people):
    client.post(reverse("account_reset_password"), {"email": people.marche_member.email},
                HTTP_HOST="127.0.0.1")
    message = mail.outbox[-1]
    assert message.subject.startswith("[ClusterPoliSEE] ")
    assert "127.0.0.1" not in message.subject
    assert f"{PUBLIC}/accounts/password/reset/key/" in message.body


@override_settings(WAGTAILADMIN_BASE_URL=PUBLIC)
def test_an_invitation_links_to_the_configured_address(
        client, people, django_capture_on_commit_callbacks):
    client.force_login(people.marche_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partners:invite", args=["marche-region"]),
                    {"email": "new@marche.example.org", "role": "member"}, HTTP_HOST="127.0.0.1")
    message = mail.outbox[-1]
    assert f"{PUBLIC}/partners/invitations/" in message.body
    assert "ClusterPoliSEE" in message.subject
