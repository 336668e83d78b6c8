"""The optional expert-opinion step of the review workflow: after the editors approve, a
member of the advisory board (STAB) writes an opinion from the portal, which publishes
the practice with it; editors may publish without one."""
import pytest
from django.urls import reverse
from wagtail.models import WorkflowState, WorkflowTask

from knowledge.models import GoodPracticePage
from knowledge.site import practice_workflow
from knowledge.workflow import ExpertOpinionTask
from tests.knowledge.test_submission import form_data

pytestmark = pytest.mark.django_db

QUEUE = reverse("knowledge:opinion_requests")


def _submit(client, user, people, **fields):
    client.force_login(user)
    client.post(reverse("knowledge:submit"), form_data(people, **fields))
    return GoodPracticePage.objects.get(title=fields.get("title", form_data(people)["title"]))


def _editor(client, people, practice, action, comment=""):
    client.force_login(people.cms_editor)
    state = WorkflowState.objects.for_instance(practice).get()
    return client.post(reverse("wagtailadmin_pages:workflow_action",
                               args=[practice.pk, action, state.current_task_state.pk]),
                       {"comment": comment})


@pytest.fixture
def waiting(client, people, library):
    """A Marche practice the editors approved: it waits for an expert opinion."""
    practice = _submit(client, people.marche_member, people)
    _editor(client, people, practice, "approve")
    client.logout()
    return practice


def test_approved_practice_waits_for_an_expert_opinion_unpublished(client, people, waiting):
    state = WorkflowState.objects.for_instance(waiting).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert isinstance(state.current_task_state.task.specific, ExpertOpinionTask)
    waiting.refresh_from_db()
    assert not waiting.live
    client.force_login(people.marche_member)
    page = client.get(reverse("knowledge:submission", args=[waiting.pk])).content.decode()
    assert "waiting for an expert opinion" in page
    assert "requested from the advisory board" in page


def test_stab_member_finds_the_request_in_the_queue_and_on_the_dashboard(client, people,
                                                                         waiting):
    client.force_login(people.bsmepa_member)  # BSMEPA leads WG3: it sits on the STAB
    queue = client.get(QUEUE)
    assert queue.status_code == 200
    assert "Marche cluster innovation vouchers" in queue.content.decode()
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Expert opinion asked of you" in dashboard  # in "Needs you"
    assert reverse("knowledge:opinion_write", args=[waiting.pk]) in dashboard


def test_stab_member_writes_the_opinion_and_the_practice_is_published_with_it(
        client, people, waiting):
    client.force_login(people.bsmepa_member)
    url = reverse("knowledge:opinion_write", args=[waiting.pk])
    form = client.get(url)
    assert form.status_code == 200 and "Vouchers let cluster SMEs" in form.content.decode()
    response = client.post(url, {"opinion": "Transferable <script>alert(1)</script>\n\n"
                                            "with a small budget."})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.live
    assert "Transferable" in waiting.expert_opinion and "<script>" not in waiting.expert_opinion
    assert waiting.expert_name == "Petar Ivanov"
    state = WorkflowState.objects.for_instance(waiting).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert response["Location"] == waiting.url
    client.logout()
    page = client.get(waiting.url).content.decode()
    assert "Expert opinion" in page and "Petar Ivanov" in page and "small budget" in page
    assert "<script>alert(1)" not in page
    client.force_login(people.marche_member)
    submission = client.get(reverse("knowledge:submission", args=[waiting.pk])).content.decode()
    assert "written by Petar Ivanov" in submission
    client.force_login(people.bsmepa_member)
    assert "Marche cluster innovation vouchers" not in client.get(QUEUE).content.decode()


def test_empty_or_oversize_opinion_is_refused_and_nothing_changes(client, people, waiting):
    client.force_login(people.bsmepa_member)
    url = reverse("knowledge:opinion_write", args=[waiting.pk])
    for text in ("   ", "x" * 5001):
        response = client.post(url, {"opinion": text})
        assert response.status_code == 200
        page = response.content.decode()
        assert "This field is required." in page or "at most 5000 characters" in page
    waiting.refresh_from_db()
    assert not waiting.live and waiting.expert_opinion == ""
    state = WorkflowState.objects.for_instance(waiting).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("persona", ["marche_member", "veneto_member", "stakeholder",
                                     "cms_editor"])
def test_non_stab_people_get_404_for_the_queue_and_the_form(client, people, waiting, persona):
    client.force_login(getattr(people, persona))
    url = reverse("knowledge:opinion_write", args=[waiting.pk])
    assert client.get(QUEUE).status_code == 404
    assert client.get(url).status_code == 404
    assert client.post(url, {"opinion": "Fine."}).status_code == 404
    waiting.refresh_from_db()
    assert not waiting.live


def test_anonymous_visitor_is_sent_to_login(client, waiting):
    for url in (QUEUE, reverse("knowledge:opinion_write", args=[waiting.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_stab_member_cannot_give_an_opinion_on_their_own_partners_practice(client, people,
                                                                          library):
    practice = _submit(client, people.bsmepa_member, people, title="BSMEPA matchmaking days")
    _editor(client, people, practice, "approve")
    for persona in ("bsmepa_member", "wg3_coordinator"):
        client.force_login(getattr(people, persona))
        assert "BSMEPA matchmaking days" not in client.get(QUEUE).content.decode()
        assert client.get(reverse("knowledge:opinion_write",
                                  args=[practice.pk])).status_code == 404


def test_editor_publishes_without_an_expert_opinion_from_the_cms(client, people, waiting):
    client.force_login(people.cms_editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[waiting.pk])).content.decode()
    assert "Publish without expert opinion" in edit
    assert _editor(client, people, waiting, "skip_opinion").status_code == 302
    waiting.refresh_from_db()
    assert waiting.live and waiting.expert_opinion == ""
    client.force_login(people.marche_member)
    page = client.get(reverse("knowledge:submission", args=[waiting.pk])).content.decode()
    assert "published without an expert opinion" in page


def test_stab_member_cannot_skip_the_step_in_the_cms(client, people, waiting):
    client.force_login(people.bsmepa_member)
    state = WorkflowState.objects.for_instance(waiting).get()
    response = client.post(reverse("wagtailadmin_pages:workflow_action",
                                   args=[waiting.pk, "skip_opinion",
                                         state.current_task_state.pk]))
    assert response.status_code in (302, 403)
    waiting.refresh_from_db()
    assert not waiting.live


def test_the_workflow_can_be_configured_without_the_expert_step(client, people, library):
    WorkflowTask.objects.filter(workflow=practice_workflow(),
                                task__content_type__model="expertopiniontask").delete()
    practice = _submit(client, people.marche_member, people)
    _editor(client, people, practice, "approve")
    practice.refresh_from_db()
    assert practice.live


def test_opinion_on_a_published_practice_goes_through_the_same_service(client, people,
                                                                       make_practice):
    practice = make_practice(title="Published vouchers")
    client.force_login(people.bsmepa_member)
    assert client.post(reverse("knowledge:expert_opinion", args=[practice.pk]),
                       {"opinion": "  "}).status_code == 302
    practice.refresh_from_db()
    assert practice.expert_opinion == ""
    client.post(reverse("knowledge:expert_opinion", args=[practice.pk]),
                {"opinion": "Worth copying."})
    practice.refresh_from_db()
    assert "Worth copying." in practice.expert_opinion


def test_queue_query_count_is_constant(client, people, library, django_assert_num_queries):
    def add(n):
        for i in range(n):
            practice = _submit(client, people.marche_member, people, title=f"Practice {i} {n}")
            _editor(client, people, practice, "approve")
    add(2)
    client.force_login(people.bsmepa_member)
    client.get(QUEUE)  # warm the content-type and site caches
    with django_assert_num_queries(5):
        assert client.get(QUEUE).status_code == 200
    add(8)
    client.force_login(people.bsmepa_member)
    client.get(QUEUE)
    with django_assert_num_queries(5):
        page = client.get(QUEUE)
    assert page.content.decode().count('href="/library/opinions/') == 10
