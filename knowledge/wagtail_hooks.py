"""The library's taxonomy as snippets editors manage in /cms/, without Django admin."""
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import InstrumentType, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class InstrumentTypeViewSet(SnippetViewSet):
    model = InstrumentType
    icon = "cogs"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Library taxonomy")
    menu_icon = "folder-open-inverse"
    items = (ThemeViewSet, InstrumentTypeViewSet)


register_snippet(TaxonomyGroup)
