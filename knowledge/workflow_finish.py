"""How the review workflow ends. Wagtail imports this while loading its own models (the
``WAGTAIL_FINISH_WORKFLOW_ACTION`` setting), so models are imported inside the function."""


def publish_workflow_state(workflow_state, user=None):
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: publish the latest revision, as Wagtail does.

    When the workflow ends on the expert-opinion step the last approver is a STAB member,
    partner staff without CMS rights whom the workflow itself asked; the editors already
    approved the content, so the publish does not check the expert's page permissions.
    Every other ending keeps Wagtail's permission check.
    """
    from .workflow import is_expert_opinion_task

    task_state = workflow_state.current_task_state
    by_expert = (task_state is not None and is_expert_opinion_task(task_state.task)
                 and not task_state.task.specific.user_can_access_editor(
                     workflow_state.content_object, user))
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=by_expert)
