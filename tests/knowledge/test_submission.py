"""Partner staff submit practices through the portal; editors review them in the Wagtail
workflow (request changes / approve → publish); submitters follow the state."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.models import WorkflowState

from clusterpolisee.core.models import Activity
from knowledge.models import GoodPracticePage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(people, **overrides):
    data = {
        "title": "Marche cluster innovation vouchers",
        "summary": "Vouchers let cluster SMEs buy their first R&D service.",
        "description": "Full description of how the vouchers work.",
        "visibility": "public",
        "country": people.marche.country.pk,
        "region": "Marche",
        "working_groups": [people.wg3.pk],
        "contact_email": "giulia@example.org",
        "latitude": "43.61667",
        "longitude": "13.51667",
    }
    data.update(overrides)
    return data


def submit(client, people, **overrides):
    return client.post(reverse("knowledge:submit"), form_data(people, **overrides))


def test_member_submission_becomes_a_draft_in_editor_review(client, people, library):
    client.force_login(people.marche_member)
    response = submit(client, people)
    practice = GoodPracticePage.objects.get(title="Marche cluster innovation vouchers")
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:submission", args=[practice.pk])
    assert not practice.live and practice.partner == people.marche
    assert practice.submitted_by == people.marche_member
    assert list(practice.working_groups.all()) == [people.wg3]
    state = WorkflowState.objects.for_instance(practice).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Editor review"
    assert Activity.objects.filter(verb="practice.submitted", partner=people.marche).exists()
    # not public while in review
    assert "Marche cluster innovation vouchers" not in client.get(
        reverse("knowledge:library")).content.decode()


def test_submission_with_missing_fields_keeps_what_was_typed(client, people, library):
    client.force_login(people.marche_member)
    response = submit(client, people, title="", summary="Typed summary stays")
    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in page and "Typed summary stays" in page
    assert not GoodPracticePage.objects.exists()


def test_submission_rejects_end_before_start_and_half_coordinates(client, people, library):
    client.force_login(people.marche_member)
    response = submit(client, people, start_date="2012-05-01", end_date="2011-01-01",
                      longitude="")
    page = response.content.decode()
    assert "The end cannot be before the start." in page
    assert "Give both latitude and longitude, or neither." in page
    assert not GoodPracticePage.objects.exists()


def test_submission_with_a_pdf_attachment_attaches_a_wagtail_document(client, people,
                                                                       library):
    client.force_login(people.marche_member)
    submit(client, people, attachment=SimpleUploadedFile("report.pdf", PDF))
    practice = GoodPracticePage.objects.get()
    assert practice.attachments.get().document.title == "report.pdf"


def test_submission_refuses_a_wrong_type_attachment(client, people, library):
    client.force_login(people.marche_member)
    response = submit(client, people,
                      attachment=SimpleUploadedFile("run.exe", b"MZ\x90\x00binary"))
    assert "cannot be uploaded" in response.content.decode()
    assert not GoodPracticePage.objects.exists()


@override_settings(DOCUMENT_MAX_BYTES=10)
def test_submission_refuses_an_oversize_attachment(client, people, library):
    client.force_login(people.marche_member)
    response = submit(client, people, attachment=SimpleUploadedFile("report.pdf", PDF))
    assert "the limit is" in response.content.decode()
    assert not GoodPracticePage.objects.exists()


def test_anonymous_visitor_is_sent_to_login_to_submit(client, library):
    response = client.get(reverse("knowledge:submit"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_stakeholder_cannot_submit(client, people, library):
    client.force_login(people.stakeholder)
    assert client.get(reverse("knowledge:submit")).status_code == 404
    assert client.post(reverse("knowledge:submit"), form_data(people)).status_code == 404
    assert client.get(reverse("knowledge:submissions")).status_code == 404


def _submitted(client, people):
    client.force_login(people.marche_member)
    submit(client, people)
    return GoodPracticePage.objects.get()


def _editor_action(client, people, practice, action, comment=""):
    client.force_login(people.cms_editor)
    state = WorkflowState.objects.for_instance(practice).get()
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=[practice.pk, action, state.current_task_state.pk])
    return client.post(url, {"comment": comment})


def test_other_partner_cannot_see_or_edit_a_submission(client, people, library):
    practice = _submitted(client, people)
    client.force_login(people.veneto_member)
    assert client.get(reverse("knowledge:submission", args=[practice.pk])).status_code == 404
    assert client.get(reverse("knowledge:submission_edit",
                              args=[practice.pk])).status_code == 404
    assert "innovation vouchers" not in client.get(
        reverse("knowledge:submissions")).content.decode()


def test_editor_requests_changes_member_resubmits_editor_approves_and_publishes(
        client, people, library):
    practice = _submitted(client, people)
    # the editor asks for changes through the Wagtail admin's workflow action
    response = _editor_action(client, people, practice, "reject",
                              comment="Please add the budget.")
    assert response.status_code == 302
    state = WorkflowState.objects.for_instance(practice).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert Activity.objects.filter(verb="practice.changes_requested").exists()

    # the member sees the state and the comment, then edits and resubmits
    client.force_login(people.marche_member)
    page = client.get(reverse("knowledge:submission", args=[practice.pk])).content.decode()
    assert "changes requested" in page and "Please add the budget." in page
    edit_url = reverse("knowledge:submission_edit", args=[practice.pk])
    assert "Marche cluster innovation vouchers" in client.get(edit_url).content.decode()
    response = client.post(edit_url, form_data(people, budget="EUR 1 million a year"))
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    practice.refresh_from_db()
    assert practice.get_latest_revision_as_object().budget == "EUR 1 million a year"

    # the editor approves: the practice moves on to the optional expert-opinion step
    assert _editor_action(client, people, practice, "approve").status_code == 302
    practice.refresh_from_db()
    assert not practice.live
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Expert opinion"
    # ... which the editor skips in the CMS: the workflow ends and the page is published
    assert _editor_action(client, people, practice, "skip_opinion",
                          comment="No expert needed.").status_code == 302
    practice.refresh_from_db()
    assert practice.live and practice.budget == "EUR 1 million a year"
    client.logout()
    assert "Marche cluster innovation vouchers" in client.get(
        reverse("knowledge:library"), {"q": "vouchers"}).content.decode()
    assert client.get(practice.url).status_code == 200


def test_member_cannot_edit_while_the_editors_review(client, people, library):
    practice = _submitted(client, people)
    edit_url = reverse("knowledge:submission_edit", args=[practice.pk])
    response = client.post(edit_url, form_data(people, title="Sneaky change"))
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.get_latest_revision_as_object().title != "Sneaky change"


def test_partner_member_cannot_act_on_the_workflow_in_the_cms(client, people, library):
    practice = _submitted(client, people)
    state = WorkflowState.objects.for_instance(practice).get()
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=[practice.pk, "approve", state.current_task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    practice.refresh_from_db()
    assert not practice.live


def test_submissions_list_shows_each_state_with_a_constant_number_of_queries(
        client, people, library, django_assert_num_queries):
    practice = _submitted(client, people)
    _editor_action(client, people, practice, "reject", "Add indicators")
    client.force_login(people.marche_member)
    submit(client, people, title="Marche cluster practice in review")
    client.get(reverse("knowledge:submissions"))  # warm the content-type and site caches
    with django_assert_num_queries(5):
        page = client.get(reverse("knowledge:submissions")).content.decode()
    assert page.count("with the editors") == 1 and page.count("changes requested") == 1
    for n in range(3):
        submit(client, people, title=f"Marche cluster practice number {n}")
    with django_assert_num_queries(5):
        page = client.get(reverse("knowledge:submissions")).content.decode()
    assert page.count("with the editors") == 4 and page.count("changes requested") == 1


def test_changes_requested_notify_the_partner_with_a_link_to_their_submission(
        client, people, library):
    from notifications.models import Notification
    from notifications.services import notifications_create_for_activity

    practice = _submitted(client, people)
    _editor_action(client, people, practice, "reject", comment="Please add the budget.")
    activity = Activity.objects.get(verb="practice.changes_requested")
    assert activity.target_url == reverse("knowledge:submission", args=[practice.pk])
    notifications_create_for_activity(activity=activity)
    recipients = set(Notification.objects.filter(activity=activity)
                     .values_list("recipient__email", flat=True))
    assert {"member@marche.example.org", "admin@marche.example.org"} <= recipients
    assert "member@veneto.example.org" not in recipients


def test_wagtails_rejected_email_with_an_editor_link_is_not_sent_to_partner_staff(
        client, people, library, mailoutbox):
    practice = _submitted(client, people)
    mailoutbox.clear()
    _editor_action(client, people, practice, "reject", comment="Please add the budget.")
    to_partner = [m for m in mailoutbox if people.marche_member.email in m.to]
    assert not any("/cms/pages/" in m.body or "rejected" in m.subject.lower()
                   for m in to_partner)
