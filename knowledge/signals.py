"""Record what the Wagtail workflow does to practices in the platform's activity log."""
from django.dispatch import receiver
from wagtail.signals import page_published, task_rejected

from clusterpolisee.core.models import Activity
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
