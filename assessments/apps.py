from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from clusterpolisee.core.models import Category, register_activity_verb
        from clusterpolisee.core.visibility import register_visibility

        from .selectors import assessments_visible_to, learning_requests_visible_to

        verbs = {
            "assessment.round_opened": _("opened the assessment round"),
            "assessment.round_closed": _("closed the assessment round"),
            "assessment.submitted": _("submitted the self-assessment"),
            "assessment.reviewer_assigned": _("assigned a peer reviewer to"),
            "assessment.reviewed": _("commented as peer reviewer on"),
            "assessment.answered": _("answered the peer review of"),
            "assessment.validated": _("validated the final scores of"),
            "assessment.learning_requested": _("asked to learn from"),
            "assessment.learning_accepted": _("accepted the learning pair"),
            "assessment.learning_declined": _("declined the learning pair"),
        }
        for verb, label in verbs.items():
            register_activity_verb(verb, label, Category.PARTNERS)
        register_visibility("assessments.assessment", assessments_visible_to)
        register_visibility("assessments.learningrequest", learning_requests_visible_to)
