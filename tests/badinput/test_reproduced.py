"""Bad input reproduced on main: each gets a clear message and nothing half-saved, and no
page breaks for others."""
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from consultations.models import Consultation
from workgroups.models import Event

pytestmark = pytest.mark.django_db


def event_data(**overrides):
    data = {"title": "Peer visit", "kind": "peer_visit", "timezone": "UTC",
            "starts_at": "2030-03-10T09:00", "ends_at": "2030-03-10T17:00", "place": "Ancona",
            "capacity": "2", "working_groups": []}
    data.update(overrides)
    return data


@pytest.mark.parametrize(("starts", "ends"), [("9999-12-31T22:00", "9999-12-31T23:00"),
                                              ("0001-01-01T00:00", "0001-01-01T10:00")])
def test_an_event_at_the_ends_of_the_calendar_is_refused_with_a_message(client, people,
                                                                        starts, ends):
    client.force_login(people.wg3_coordinator)
    response = client.post(reverse("workgroups:event_create"),
                           event_data(starts_at=starts, ends_at=ends))
    assert response.status_code == 400
    assert "Enter a date between the years 1900 and 2200" in response.content.decode()
    assert not Event.objects.exists()
    assert client.get(reverse("workgroups:events")).status_code == 200


def test_an_event_stored_at_9999_does_not_break_the_events_page_for_anyone(client, people):
    Event.objects.create(title="Far away", kind="peer_visit", timezone="Europe/Sofia",
                         starts_at=datetime(9999, 12, 31, 22, 0, tzinfo=UTC),
                         ends_at=datetime(9999, 12, 31, 23, 0, tzinfo=UTC))
    for persona in ["marche_member", "wg3_coordinator", "platform_admin"]:
        client.force_login(getattr(people, persona))
        assert client.get(reverse("workgroups:events")).status_code == 200


def test_year_one_in_the_consultation_form_is_refused_and_nothing_saved(client, cast):
    client.force_login(cast.wg3_coordinator)
    response = client.post(reverse("consultations:create"), {
        "title": "Matchmaking themes", "background": "<p>Which themes?</p>",
        "working_group": cast.wg3.pk, "audience": "stakeholders",
        "opens_at": "0001-01-01T00:00", "closes_at": "9999-12-31T23:59"})
    assert "Enter a date between the years 1900 and 2200" in response.content.decode()
    assert response.status_code < 500
    assert not Consultation.objects.exists()


def test_the_date_message_is_in_the_users_language(client, people):
    people.wg3_coordinator.language = "bg"
    people.wg3_coordinator.save()
    client.force_login(people.wg3_coordinator)
    response = client.post(reverse("workgroups:event_create"),
                           event_data(starts_at="9999-12-31T22:00", ends_at="9999-12-31T23:00"),
                           HTTP_ACCEPT_LANGUAGE="bg")
    assert "Въведете дата между" in response.content.decode()


HUGE = "9" * 20
BEYOND_PAGES = str(2**31)  # fits a bigint, not Wagtail's 32-bit page ids


@pytest.mark.parametrize("path", [
    f"/library/submissions/{HUGE}/", f"/library/submissions/{HUGE}/edit/",
    f"/library/submissions/{BEYOND_PAGES}/", f"/library/opinions/{BEYOND_PAGES}/",
    f"/library/practices/{HUGE}/opinion/", f"/library/practices/{BEYOND_PAGES}/transfer/",
    f"/library/practices/1/transfers/{HUGE}/mentoring/",
    f"/consultations/{HUGE}/", f"/consultations/1/documents/{HUGE}/",
    f"/documents/{HUGE}/", f"/documents/{HUGE}/preview/", f"/events/{HUGE}/",
    f"/notifications/{HUGE}/open/", f"/matchmaking/opportunities/{HUGE}/",
    f"/sc/decisions/{HUGE}/",
])
def test_an_id_no_row_can_have_answers_404_not_500(client, people, path):
    client.force_login(people.marche_member)
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


def test_cr_lf_in_a_title_does_not_abort_the_batch_of_immediate_emails(
        people, django_capture_on_commit_callbacks):
    from clusterpolisee.core.models import Category, register_activity_verb
    from clusterpolisee.core.services import activity_record

    register_activity_verb("test.shared", "shared the document", Category.DOCUMENTS)
    people.marche.name = "Marche\r\nBcc: someone@example.org"
    people.marche.save()
    with django_capture_on_commit_callbacks(execute=True):
        activity_record(actor=people.marche_admin, verb="test.shared", target=people.marche,
                        partner=people.marche)
    assert len(mail.outbox) == 1
    subject = mail.outbox[0].subject
    assert "\r" not in subject and "\n" not in subject
    assert "Marche Bcc: someone@example.org" in subject
    mail.outbox[0].message()  # the headers serialise without BadHeaderError
