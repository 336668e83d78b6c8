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
        self._forget_counts_when_access_changes()

    def _forget_counts_when_access_changes(self):
        """The bell's cached count is recounted (through the visibility selector) when
        someone joins or leaves a partner, or a partner joins or leaves a WG."""
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .receivers import membership_changed, wg_members_changed

        membership = apps.get_model("partners", "Membership")
        post_save.connect(membership_changed, sender=membership,
                          dispatch_uid="notifications.membership_saved")
        post_delete.connect(membership_changed, sender=membership,
                            dispatch_uid="notifications.membership_deleted")
        m2m_changed.connect(
            wg_members_changed,
            sender=apps.get_model("workgroups", "WorkingGroup").member_partners.through,
            dispatch_uid="notifications.wg_members_changed")
