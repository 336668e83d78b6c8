from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "clusterpolisee.core"
    label = "core"
    verbose_name = _("Platform core")

    def ready(self):
        from django.urls import register_converter

        from .converters import IdConverter, PageIdConverter

        # before any URLconf is read (each app's urls.py uses <id:…> and <page_id:…>)
        register_converter(IdConverter, "id")
        register_converter(PageIdConverter, "page_id")

        from .page_cache import connect_signals

        connect_signals()
