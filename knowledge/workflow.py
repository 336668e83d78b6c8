"""The expert-opinion step of the good-practice review, as a Wagtail workflow task.

After the editors approve a practice, the workflow waits for a member of the
Scientific-Technical Advisory Board (STAB). STAB members are partner staff without CMS
access, so they answer from the portal (``/library/opinions/``); writing the opinion
saves it into the page's latest revision and approves this task, and the workflow then
publishes that revision. In the CMS the editors may request changes or publish without
an opinion, so the step is optional; an editor can also remove it from the workflow.
"""
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

SKIP_ACTION = "skip_opinion"


class ExpertOpinionTask(AbstractGroupApprovalTask):
    """Waits for a STAB member's opinion; the chosen groups (the editors) may skip it."""

    class Meta:
        verbose_name = _("expert opinion task")
        verbose_name_plural = _("expert opinion tasks")

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Request changes"), True),
                (SKIP_ACTION, _("Publish without expert opinion"), True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == SKIP_ACTION:
            task_state.approve(user=user, comment=kwargs.get("comment", ""))
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("A member of the advisory board writes an opinion from the portal; the "
                 "chosen groups may publish without one.")


def is_expert_opinion_task(task) -> bool:
    """Whether a (base) ``Task`` is the expert-opinion step, without loading its row."""
    return bool(task) and task.content_type_id == ContentType.objects.get_for_model(
        ExpertOpinionTask).pk


def expert_opinion_step(state):
    """The in-progress expert-opinion ``TaskState`` of a workflow state, if it is there."""
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        return None
    task_state = state.current_task_state
    if (task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS
            or not is_expert_opinion_task(task_state.task)):
        return None
    return task_state

