"""Record what the Wagtail workflow does to practices in the platform's activity log."""
from django.dispatch import receiver
from wagtail.signals import page_published, task_rejected

from clusterpolisee.core.models import Activity
from clusterpolisee.core.permissions import membership_of
from clusterpolisee.core.services import activity_record

from .models import GoodPracticePage


def _visibility(practice):
    if practice.is_partners_only:
        return Activity.Visibility.PARTNERS
    return Activity.Visibility.PUBLIC


@receiver(page_published, sender=GoodPracticePage)
def practice_published(sender, instance, revision=None, **kwargs):
    activity_record(actor=getattr(revision, "user", None), verb="practice.published",
                    target=instance, partner=instance.partner,
                    visibility=_visibility(instance), target_url=instance.url or "")


@receiver(task_rejected)
def practice_changes_requested(sender, instance, user=None, **kwargs):
    practice = instance.workflow_state.content_object
    practice = getattr(practice, "specific", practice)
    if not isinstance(practice, GoodPracticePage) or practice.partner_id is None:
        return
    activity_record(actor=user, verb="practice.changes_requested", target=practice,
                    partner=practice.partner, visibility=Activity.Visibility.PARTNER,
                    target_url=f"/library/submissions/{practice.pk}/",
                    detail=instance.get_comment() if hasattr(instance, "get_comment") else "")


def connect_rejection_email():
    """Wagtail e-mails the submitter of a rejected page: "rejected", with a link to the page
    editor. Partner staff cannot open that editor, and their submission was not rejected
    but returned for changes, which the platform's own notification (``practice.
    changes_requested``, linking to their submission page) tells them. So Wagtail's e-mail
    goes only to requesters who work in the CMS.

    Registered under Wagtail's own dispatch_uid, before ``wagtail.admin`` connects its
    notifier (this app comes first in INSTALLED_APPS), so Wagtail's connect is a no-op."""
    from wagtail.admin.mail import WorkflowStateRejectionEmailNotifier
    from wagtail.models import WorkflowState
    from wagtail.signals import workflow_rejected

    class RejectionEmailToCmsUsersOnly(WorkflowStateRejectionEmailNotifier):
        def get_recipient_users(self, workflow_state, **kwargs):
            return {user for user in super().get_recipient_users(workflow_state, **kwargs)
                    if membership_of(user) is None}

    # weak=False: nothing else holds the notifier
    workflow_rejected.connect(RejectionEmailToCmsUsersOnly(), sender=WorkflowState, weak=False,
                              dispatch_uid="workflow_state_rejected_email_notification")
