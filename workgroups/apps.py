from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = _("Working groups and work packages")

    def ready(self):
        from clusterpolisee.core.models import Category, register_activity_verb
        from clusterpolisee.core.visibility import register_visibility

        from . import selectors

        for verb, label, category in [
            ("wg.join_requested", _("asked to join"), Category.WG_DISCUSSIONS),
            ("wg.joined", _("accepted a new member partner into"), Category.WG_DISCUSSIONS),
            ("wg.join_declined", _("declined a request to join"), Category.WG_DISCUSSIONS),
            ("wg.partner_removed", _("removed a member partner from"), Category.WG_DISCUSSIONS),
            ("wg.topic_created", _("started the discussion"), Category.WG_DISCUSSIONS),
            ("wg.replied", _("replied in"), Category.WG_DISCUSSIONS),
            ("wg.finding_recorded", _("recorded the finding"), Category.WG_DISCUSSIONS),
            ("pilot.created", _("proposed the pilot action"), Category.WG_DISCUSSIONS),
            ("pilot.transitioned", _("moved on the pilot action"), Category.WG_DISCUSSIONS),
            ("pilot.evaluated", _("evaluated the pilot action"), Category.WG_DISCUSSIONS),
            ("sc.decision_opened", _("put to the vote"), Category.GOVERNANCE),
            ("sc.decision_closed", _("closed the vote on"), Category.GOVERNANCE),
            ("sc.voted", _("voted on"), Category.GOVERNANCE),
            ("event.created", _("announced the event"), Category.EVENTS),
        ]:
            register_activity_verb(verb, label, category)
        register_visibility("workgroups.topic", selectors.topics_visible_to)
        register_visibility("workgroups.pilotaction", selectors.pilot_actions_visible_to)
        register_visibility("workgroups.finding", selectors.findings_visible_to)
        register_visibility("workgroups.decision", selectors.decisions_visible_to)
        register_visibility("workgroups.event", selectors.events_visible_to)
        register_visibility("workgroups.workinggroup", selectors.wgs_visible_to)
