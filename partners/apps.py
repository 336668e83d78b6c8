from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from clusterpolisee.core.models import Category, register_activity_verb
        from clusterpolisee.core.visibility import register_visibility

        from .selectors import partners_visible_to

        register_activity_verb("partner.profile_updated", _("updated the partner profile of"),
                               Category.PARTNERS)
        register_visibility("partners.partner", partners_visible_to)
