from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications and digests")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save

        from clusterpolisee.core.models import Activity

        from .receivers import activity_recorded, prime_unread_count

        # the core never imports this app: we listen for the activity it records
        post_save.connect(activity_recorded, sender=Activity,
                          dispatch_uid="notifications.activity_recorded")
        user_logged_in.connect(prime_unread_count, dispatch_uid="notifications.prime_unread")
