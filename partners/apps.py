from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from clusterpolisee.core.models import register_activity_verb

        register_activity_verb("partner.profile_updated", _("updated the partner profile of"))
