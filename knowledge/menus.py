"""The public site's menus, managed by editors in /cms/ as translatable snippets.

A ``Menu`` is one per slot (main menu in the header, links in the footer) and locale: an
editor translates the English menu into Bulgarian with the snippet's "Translate" action
and writes Bulgarian labels. Each ``MenuItem`` points to a page (with the page chooser)
or to an address, with an optional label; a page item shows the reader's translation of
the page when there is a live one.
"""
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, TranslatableMixin


def validate_link_url(value: str):
    """An absolute http(s) address, or a path on this site such as ``/partners/``."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"],
                 message=_("Enter an address starting with https://, or a path on this "
                           "site starting with /."))(value)


class Menu(TranslatableMixin, ClusterableModel):
    class Slot(models.TextChoices):
        MAIN = "main", _("Main menu (header)")
        FOOTER = "footer", _("Footer links")

    slot = models.CharField(
        _("place"), max_length=10, choices=Slot.choices, default=Slot.MAIN,
        help_text=_("Where the menu is shown. Each place has one menu per language."),
    )
    title = models.CharField(
        _("title"), max_length=100,
        help_text=_("For editors only, e.g. “Main menu”; readers see the items."),
    )

    panels = [FieldPanel("title"), FieldPanel("slot"),
              InlinePanel("items", label=_("Menu items"), min_num=0)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        constraints = [models.UniqueConstraint(
            fields=["slot", "locale"], name="one_menu_per_slot_and_locale",
            violation_error_message=_("This language already has a menu in this place; "
                                      "edit that one instead."))]

    def __str__(self):
        return f"{self.title} ({self.locale})" if self.locale_id else self.title


class MenuItem(Orderable):
    menu = ParentalKey(Menu, on_delete=models.CASCADE, related_name="items")
    link_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("page"),
        help_text=_("A page of this site. Shown only to readers who may see the page, and "
                    "only while it is published."),
    )
    link_url = models.CharField(
        _("address"), max_length=500, blank=True, validators=[validate_link_url],
        help_text=_("Instead of a page: an address (https://…) or a path on this site "
                    "(/partners/)."),
    )
    label = models.CharField(
        _("label"), max_length=60, blank=True,
        help_text=_("The text readers see; leave empty to use the page's title."),
    )

    panels = [MultiFieldPanel([PageChooserPanel("link_page"), FieldPanel("link_url")],
                              heading=_("Link to")),
              FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")

    def __str__(self):
        return self.label or self.link_url or str(self.link_page_id or "")

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose a page or give an address: one of the two."))
        if self.link_url and not self.label:
            raise ValidationError({"label": _("An address needs a label.")})
