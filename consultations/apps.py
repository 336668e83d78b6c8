from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from clusterpolisee.core.models import Category, register_activity_verb
        from clusterpolisee.core.visibility import register_visibility

        from .selectors import consultations_visible_to

        verbs = {
            "consultation.opened": _("opened the consultation"),
            "consultation.commented": _("commented on the consultation"),
            "consultation.closed": _("closed the consultation"),
            "consultation.summary_published": _("published the summary of the consultation"),
            "consultation.comment_hidden": _("hid a comment on the consultation"),
            "consultation.comment_unhidden": _("showed a hidden comment again on"),
            "consultation.flags_dismissed": _("dismissed flags on a comment on"),
            "consultation.user_blocked": _("blocked a participant from"),
            "consultation.user_unblocked": _("lifted a participant's block on"),
        }
        for verb, label in verbs.items():
            register_activity_verb(verb, label, Category.CONSULTATIONS)
        register_visibility("consultations.consultation", consultations_visible_to)
