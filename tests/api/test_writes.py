"""The API's writes go through the same services and checks as the pages."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations.models import Comment
from notifications.models import Notification
from partners.models import Document
from workgroups.models import Registration

pytestmark = pytest.mark.django_db


def csv_upload(name="figures.csv", content=b"region,value\nMarche,3\n"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_a_partner_member_uploads_a_document_to_their_own_workspace(world, people, api_as):
    response = api_as(people.marche_member).post(
        "/api/v1/documents/", {"title": "Quarterly figures", "file": csv_upload()},
        format="multipart")
    assert response.status_code == 201, response.content
    document = Document.objects.get(pk=response.json()["id"])
    assert document.partner == people.marche
    assert document.visibility == Document.Visibility.PRIVATE
    assert response.json()["filename"] == "figures.csv"


def test_an_upload_whose_content_does_not_match_its_extension_is_refused_with_a_message(
        world, people, api_as):
    before = Document.objects.count()
    response = api_as(people.marche_member).post(
        "/api/v1/documents/", {"title": "Fake", "file": SimpleUploadedFile(
            "report.pdf", b"not a pdf at all", content_type="application/pdf")},
        format="multipart")
    assert response.status_code == 400
    assert response.json()["detail"]
    assert Document.objects.count() == before


def test_a_stakeholder_and_an_anonymous_client_cannot_upload(world, people, api_as):
    stakeholder = api_as(people.approved_stakeholder).post(
        "/api/v1/documents/", {"title": "X", "file": csv_upload()}, format="multipart")
    assert stakeholder.status_code == 403
    anonymous = api_as(None).post("/api/v1/documents/", {"title": "X", "file": csv_upload()},
                                  format="multipart")
    assert anonymous.status_code in (401, 403)


def test_a_participant_comments_on_an_open_consultation_and_replies(world, people, api_as):
    consultation = world.consultations["public"][0]
    client = api_as(people.approved_stakeholder)
    response = client.post(f"/api/v1/consultations/{consultation.pk}/comments/",
                           {"body": "We <b>support</b> this.<script>alert(1)</script>"},
                           format="json")
    assert response.status_code == 201, response.content
    assert "support" in response.json()["body_html"]
    assert "script" not in response.json()["body_html"]
    parent = response.json()["id"]
    reply = client.post(f"/api/v1/consultations/{consultation.pk}/comments/",
                        {"body": "And more.", "parent": parent}, format="json")
    assert reply.status_code == 201
    assert reply.json()["parent"] == parent and reply.json()["depth"] == 1
    thread = client.get(f"/api/v1/consultations/{consultation.pk}/comments/").json()
    assert [c["id"] for c in thread] == [parent, reply.json()["id"]]


def test_commenting_where_the_page_would_not_let_you_is_refused(world, people, api_as):
    wg2_only = world.consultations["wg2_partners"][0]
    marche = api_as(people.marche_member)
    assert marche.post(f"/api/v1/consultations/{wg2_only.pk}/comments/", {"body": "Hi"},
                       format="json").status_code == 404
    closed = world.consultations["public"][0]
    closed.closes_at = timezone.now()
    closed.save()
    response = marche.post(f"/api/v1/consultations/{closed.pk}/comments/", {"body": "Late"},
                           format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "This consultation is not open for comments."
    assert not Comment.objects.filter(consultation=closed).exists()
    anonymous = api_as(None).post(f"/api/v1/consultations/{closed.pk}/comments/",
                                  {"body": "Hi"}, format="json")
    assert anonymous.status_code in (401, 403)


def test_an_empty_comment_or_a_reply_to_a_missing_comment_is_a_400(world, people, api_as):
    consultation = world.consultations["public"][0]
    client = api_as(people.marche_member)
    url = f"/api/v1/consultations/{consultation.pk}/comments/"
    assert client.post(url, {"body": ""}, format="json").status_code == 400
    assert client.post(url, {"body": "ok", "parent": 999999}, format="json").status_code == 400
    assert not Comment.objects.filter(consultation=consultation).exists()


def test_registering_for_an_event_twice_is_refused_and_unregistering_works(world, people,
                                                                           api_as):
    event = world.events[0]
    client = api_as(people.marche_member)
    url = f"/api/v1/events/{event.pk}/registration/"
    assert client.post(url).status_code == 201
    again = client.post(url)
    assert again.status_code == 400 and again.json()["detail"]
    assert Registration.objects.filter(event=event, user=people.marche_member).count() == 1
    assert client.get(f"/api/v1/events/{event.pk}/").json()["registered"] is True
    assert client.delete(url).status_code == 200
    assert not Registration.objects.filter(event=event, user=people.marche_member).exists()


def test_an_anonymous_client_cannot_register_for_an_event(world, api_as):
    response = api_as(None).post(f"/api/v1/events/{world.events[0].pk}/registration/")
    assert response.status_code in (401, 403, 404)
    assert not Registration.objects.exists()


def test_marking_one_and_then_all_notifications_read(world, people, api_as):
    client = api_as(people.marche_member)
    first = world.notifications["marche"][0]
    response = client.post(f"/api/v1/notifications/{first.pk}/read/")
    assert response.status_code == 200 and response.json()["is_read"] is True
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 0}
    assert Notification.objects.filter(recipient=people.veneto_member,
                                        read_at=None).exists()


def test_session_writes_need_the_csrf_token(world, people):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(people.marche_member)
    response = client.post("/api/v1/notifications/read-all/")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
