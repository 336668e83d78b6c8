from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "clusterpolisee.users"
    label = "users"
    verbose_name = _("Users")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from clusterpolisee.core.models import Category, register_activity_verb

        from .zones import on_login

        user_logged_in.connect(on_login, dispatch_uid="users.remember_zone")

        from .backends import connect_signals

        connect_signals()  # the cached model permissions follow every change

        register_activity_verb("stakeholder.approved", _("approved the stakeholder"),
                               Category.PARTNERS)
