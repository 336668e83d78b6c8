from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "clusterpolisee.users"
    label = "users"
    verbose_name = _("Users")

    def ready(self):
        from clusterpolisee.core.models import Category, register_activity_verb

        register_activity_verb("stakeholder.approved", _("approved the stakeholder"),
                               Category.PARTNERS)
