from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = _("Strategies")

    def ready(self):
        from django.db.models.signals import post_save

        from clusterpolisee.core.models import Activity, Category, register_activity_verb
        from clusterpolisee.core.visibility import register_visibility

        from . import receivers, selectors

        for verb, label in [
            ("strategy.created", _("started drafting")),
            ("strategy.chapter_saved", _("saved a chapter of")),
            ("strategy.phase_opened", _("opened a comment phase on")),
            ("strategy.amendment_proposed", _("proposed an amendment to")),
            ("strategy.amendment_accepted", _("accepted an amendment to")),
            ("strategy.amendment_rejected", _("rejected an amendment to")),
            ("strategy.put_to_vote", _("put to the Steering Committee")),
            ("strategy.adopted", pgettext_lazy("activity", "adopted")),
            ("strategy.not_adopted", _("did not adopt")),
        ]:
            register_activity_verb(verb, label, Category.GOVERNANCE)
        register_visibility("strategies.strategydocument", selectors.strategies_visible_to)
        register_visibility("strategies.amendment", selectors.amendments_visible_to)
        # a Steering Committee vote closes inside workgroups, which knows nothing of
        # strategies; the activity it records is the event a version's adoption waits for
        post_save.connect(receivers.decision_closed, sender=Activity,
                          dispatch_uid="strategies.decision_closed")
