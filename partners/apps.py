from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from clusterpolisee.core.models import Category, register_activity_verb
        from clusterpolisee.core.visibility import register_visibility

        from .selectors import documents_visible_to, partners_visible_to

        for verb, label, category in [
            ("partner.profile_updated", _("updated the partner profile of"), Category.PARTNERS),
            ("staff.invited", _("invited"), Category.PARTNERS),
            ("staff.invitation_revoked", _("withdrew the invitation of"), Category.PARTNERS),
            ("staff.joined", pgettext_lazy("activity", "joined"), Category.PARTNERS),
            ("staff.role_changed", _("changed the role of"), Category.PARTNERS),
            ("staff.removed", _("removed from the staff"), Category.PARTNERS),
            ("document.created", pgettext_lazy("activity", "uploaded"), Category.DOCUMENTS),
            ("document.version_added", _("uploaded a new version of"), Category.DOCUMENTS),
            ("document.shared", _("shared"), Category.DOCUMENTS),
            ("document.unshared", _("stopped sharing"), Category.DOCUMENTS),
            ("document.downloaded", _("downloaded"), Category.DOCUMENTS),
            ("document.deleted", pgettext_lazy("activity", "deleted"), Category.DOCUMENTS),
            ("share.received", _("shared with your partner"), Category.DOCUMENTS),
        ]:
            register_activity_verb(verb, label, category)
        register_visibility("partners.partner", partners_visible_to)
        register_visibility("partners.document", documents_visible_to)
        # Feature apps add their sections to partner profiles (partners/profile.py), say
        # which groups documents are shared with (partners/sharing.py) and listen to staff
        # changes (partners/signals.py), each from a module of its own.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("partner_profile", "partner_hooks")
