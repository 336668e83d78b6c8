from django.apps import AppConfig, apps
from django.db import connection
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_site_after_migrate(sender, **kwargs):
    """Create the site skeleton once every app has migrated (permissions and Wagtail's
    tables exist by then); also runs after a test flush, which emits post_migrate."""
    if sender.name != list(apps.get_app_configs())[-1].name:
        return
    if "knowledge_homepage" not in connection.introspection.table_names():
        return
    from .site import ensure_site_tree

    ensure_site_tree()


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge library")

    def ready(self):
        from clusterpolisee.core.models import Category, register_activity_verb
        from clusterpolisee.core.visibility import register_visibility

        from . import fulltext, library_cache, navigation, signals  # noqa: F401
        from .selectors import practices_or_submissions_visible_to

        register_visibility("knowledge.goodpracticepage", practices_or_submissions_visible_to)
        signals.connect_rejection_email()
        for verb, label in [
            ("practice.submitted", _("submitted a good practice")),
            ("practice.resubmitted", _("resubmitted a good practice")),
            ("practice.changes_requested", _("asked for changes to a good practice")),
            ("practice.published", _("published a good practice")),
            ("practice.expert_opinion", _("wrote an expert opinion on a good practice")),
            ("practice.transfer", _("declared interest in transferring a good practice")),
            ("practice.mentoring", _("offered to mentor the transfer of a good practice")),
        ]:
            register_activity_verb(verb, label, Category.GOOD_PRACTICES)
        post_migrate.connect(_ensure_site_after_migrate,
                             dispatch_uid="knowledge.ensure_site_tree")
