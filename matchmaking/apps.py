from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Matchmaking")

    def ready(self):
        from clusterpolisee.core.models import Category, register_activity_verb
        from clusterpolisee.core.visibility import register_visibility

        from . import selectors

        for verb, label in [
            ("matchmaking.submitted", _("submitted the opportunity")),
            ("matchmaking.published", _("published the opportunity")),
            ("matchmaking.returned", _("returned for changes the opportunity")),
            ("matchmaking.rejected", _("rejected the opportunity")),
            ("matchmaking.tagged", _("changed the tags of the opportunity")),
            ("matchmaking.merged", _("merged a duplicate into the opportunity")),
            ("matchmaking.interest_expressed", _("expressed interest in")),
            ("matchmaking.interest_moved", _("moved on an expression of interest in")),
            ("matchmaking.meeting_accepted", _("accepted a B2B meeting at")),
        ]:
            register_activity_verb(verb, label, Category.MATCHMAKING)
        register_visibility("matchmaking.opportunity", selectors.opportunities_visible_to)
