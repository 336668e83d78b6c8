"""Snippets editors manage in /cms/ without Django admin: library taxonomy, site menus."""
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from clusterpolisee.core.permissions import allowed

from .models import InstrumentType, Menu, Theme


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


class MenuViewSet(SnippetViewSet):
    """The header menu and footer links, one per language (translate with "Translate")."""

    model = Menu
    icon = "list-ul"
    menu_label = _("Site menus")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["title", "slot", "locale"]
    list_filter = ["slot"]


register_snippet(MenuViewSet)


@hooks.register("before_serve_document")
def serve_practice_documents_only_to_their_readers(document, request):
    """A document of a partners-only or unpublished practice answers 404 to anyone who
    may not see the practice (see knowledge.rules), exactly as the practice does."""
    if not allowed(request.user, "wagtaildocs.fetch_document", document):
        raise Http404
