"""The public CMS site and the good-practice library, as Wagtail pages and snippets.

The site tree is: HomePage ("/") → StandardPage (about, contact), ArticleIndexPage (news)
→ ArticlePage, and GoodPracticeIndexPage → GoodPracticePage. Practices carry the
structured fields that the library's facets, search and open-data export read; the
taxonomy (themes, policy instrument types) is managed by editors as snippets.
"""
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from clusterpolisee.core.labels import columns
from clusterpolisee.core.permissions import allowed

from .blocks import BaseStreamBlock


class Theme(models.Model):
    """A topic of the practice taxonomy, e.g. "Innovation vouchers"; editors manage them."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True,
                            help_text=_("Used in library links; letters, digits and hyphens."))

    panels = [*(FieldPanel(name) for name in columns("name")), FieldPanel("slug")]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class InstrumentType(models.Model):
    """The kind of policy instrument a practice is, e.g. grant scheme, network, regulation."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True,
                            help_text=_("Used in library links; letters, digits and hyphens."))

    panels = [*(FieldPanel(name) for name in columns("name")), FieldPanel("slug")]

    class Meta:
        verbose_name = _("policy instrument type")
        verbose_name_plural = _("policy instrument types")
        ordering = ["name"]

    def __str__(self):
        return self.name


# --- public site ------------------------------------------------------------------------


class HomePage(Page):
    """The visitors' landing page: hero, the partnership in numbers, the six WGs."""

    intro = models.TextField(
        _("introduction"), blank=True,
        help_text=_("Shown under the hero heading; leave empty for the standard text."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"),
                       help_text=_("Further sections shown below the working groups."))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["knowledge.StandardPage", "knowledge.ArticleIndexPage",
                     "knowledge.GoodPracticeIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    template = "knowledge/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_page_stats, working_groups_for_home_page

        context = super().get_context(request, *args, **kwargs)
        context["stats"] = home_page_stats()
        context["working_groups"] = working_groups_for_home_page()
        context["project_start"] = settings.PROJECT_START
        context["project_end"] = settings.PROJECT_END
        return context


class StandardPage(Page):
    """A plain content page: about the project, contact, partner information."""

    introduction = models.TextField(_("introduction"), blank=True,
                                    help_text=_("One or two sentences shown under the title."))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"),
                                          index.SearchField("body")]
    template = "knowledge/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


class ArticleIndexPage(Page):
    """News: lists the published articles below it, newest first."""

    introduction = models.TextField(_("introduction"), blank=True,
                                    help_text=_("Shown above the list of articles."))

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["knowledge.ArticlePage"]
    template = "knowledge/article_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        from .selectors import articles_under

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = articles_under(self)
        return context


class ArticlePage(Page):
    date = models.DateField(_("date"), default=timezone.localdate,
                            help_text=_("The date the news is about or was announced."))
    introduction = models.TextField(_("introduction"), blank=True,
                                    help_text=_("Shown in the news list and under the title."))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("introduction"),
                                            FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"),
                                          index.SearchField("body")]
    parent_page_types = ["knowledge.ArticleIndexPage"]
    template = "knowledge/article_page.html"

    class Meta:
        verbose_name = _("news article")


# --- the good-practice library ----------------------------------------------------------


class GoodPracticeIndexPage(Page):
    """The parent of every practice; its own URL shows the library search."""

    subpage_types = ["knowledge.GoodPracticePage"]
    max_count_per_parent = 1  # one per language tree

    class Meta:
        verbose_name = _("good-practice library")

    def serve(self, request, *args, **kwargs):
        return redirect("knowledge:library")


class GoodPracticePage(Page):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: everybody")
        PARTNERS = "partners", _("Partners only: logged-in partner staff")

    summary = models.TextField(
        _("summary"), max_length=1000,
        help_text=_("Two to four sentences: what the practice is and what it achieved."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("full description"),
                       help_text=_("The full description: context, how it works, who runs it."))
    description = models.TextField(
        _("description (from the portal form)"), blank=True,
        help_text=_("Plain-text description sent by a partner through the portal form."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC,
        help_text=_("Partners-only practices are hidden from visitors everywhere: lists, "
                    "search, export and their own address."),
    )
    country = models.ForeignKey(
        "partners.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("country"), help_text=_("The country where the practice runs."),
    )
    region = models.CharField(_("region"), max_length=120, blank=True,
                              help_text=_("The region or city, e.g. Marche."))
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="good_practices", verbose_name=_("owning partner"),
        help_text=_("The project partner that runs or submitted the practice, if any."),
    )
    organisation = models.CharField(
        _("responsible organisation"), max_length=200, blank=True,
        help_text=_("Free text when the responsible organisation is not a project partner."),
    )
    working_groups = ParentalManyToManyField(
        "workgroups.WorkingGroup", blank=True, related_name="good_practices",
        verbose_name=_("working groups"), help_text=_("The thematic WGs the practice informs."),
    )
    stage = models.ForeignKey(
        "workgroups.OperationalStage", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("operational stage"),
        help_text=_("The stage of the matrix approach the practice belongs to."),
    )
    themes = ParentalManyToManyField(Theme, blank=True, related_name="practices",
                                     verbose_name=_("themes"),
                                     help_text=_("Topics from the library's taxonomy."))
    instrument_type = models.ForeignKey(
        InstrumentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("policy instrument type"),
        help_text=_("The kind of policy instrument, e.g. a grant scheme or a network."),
    )
    start_date = models.DateField(_("start"), null=True, blank=True,
                                  help_text=_("When the practice started."))
    end_date = models.DateField(_("end"), null=True, blank=True,
                                help_text=_("When it ended; leave empty if it is running."))
    budget = models.TextField(_("budget and resources"), blank=True,
                              help_text=_("Money, staff and other resources it needs."))
    evidence = models.TextField(_("evidence of success"), blank=True,
                                help_text=_("What changed because of it, with indicators."))
    indicators = models.TextField(_("indicators"), blank=True,
                                  help_text=_("One measurable indicator per line."))
    lessons = models.TextField(_("difficulties and lessons learned"), blank=True,
                               help_text=_("What went wrong or was hard, and what you learnt."))
    transfer_potential = models.TextField(
        _("potential for transfer"), blank=True,
        help_text=_("What another region needs in order to copy it."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True,
                                    help_text=_("Who answers questions about the practice."))
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, e.g. 43.61667; shown on the map."),
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, e.g. 13.51667."),
    )
    expert_opinion = RichTextField(
        _("expert opinion"), blank=True, features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("An opinion by a member of the Scientific-Technical Advisory Board."),
    )
    expert_name = models.CharField(_("expert"), max_length=150, blank=True,
                                   help_text=_("Who wrote the expert opinion."))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="submitted_practices", verbose_name=_("submitted by"),
        help_text=_("The partner staff member who sent it through the portal form."),
    )
    # The library's full-text index on PostgreSQL, filled by knowledge.fulltext; derived
    # data, so never copied into revisions (serialize=False) nor shown to editors.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("body"),
        index.SearchField("region"),
        index.SearchField("organisation"),
        index.SearchField("evidence"),
        index.SearchField("lessons"),
        index.SearchField("transfer_potential"),
        index.FilterField("visibility"),
        index.FilterField("country"),
        index.FilterField("stage"),
        index.FilterField("instrument_type"),
        index.FilterField("partner"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("description"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        ], heading=_("Where")),
        MultiFieldPanel([FieldPanel("partner"), FieldPanel("organisation"),
                         FieldPanel("contact_name"), FieldPanel("contact_email"),
                         FieldPanel("website")], heading=_("Who")),
        MultiFieldPanel([FieldPanel("working_groups"), FieldPanel("stage"),
                         FieldPanel("themes"), FieldPanel("instrument_type")],
                        heading=_("Classification")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                         FieldPanel("budget")], heading=_("Time and money")),
        MultiFieldPanel([FieldPanel("evidence"), FieldPanel("indicators"),
                         FieldPanel("lessons"), FieldPanel("transfer_potential")],
                        heading=_("Results and transfer")),
        InlinePanel("attachments", label=_("Attachments")),
        MultiFieldPanel([FieldPanel("expert_name"), FieldPanel("expert_opinion")],
                        heading=_("Expert opinion")),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("visibility")]
    parent_page_types = ["knowledge.GoodPracticeIndexPage"]
    subpage_types = []
    template = "knowledge/good_practice_page.html"

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        # Created on PostgreSQL only (migration 0002_practice_search_vector); fastupdate
        # off so that new entries are searchable through the index at once.
        indexes = [GinIndex(fields=["search_vector"], name="practice_search_vector_gin",
                             fastupdate=False)]

    @property
    def is_partners_only(self) -> bool:
        return self.visibility == self.Visibility.PARTNERS

    @property
    def responsible(self) -> str:
        return self.partner.label if self.partner_id else self.organisation

    def get_sitemap_urls(self, request=None):
        # A partners-only practice must not be advertised to search engines.
        return [] if self.is_partners_only else super().get_sitemap_urls(request)

    def serve(self, request, *args, **kwargs):
        if not allowed(request.user, "knowledge.view_practice", self):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .forms import ExpertOpinionForm
        from .selectors import transfers_of

        user = request.user
        context = super().get_context(request, *args, **kwargs)
        context["transfers"] = transfers_of(self)
        context["can_declare_transfer"] = allowed(user, "knowledge.declare_transfer", self)
        context["can_offer_mentoring"] = allowed(user, "knowledge.offer_mentoring", self)
        if allowed(user, "knowledge.write_expert_opinion", self):
            context["opinion_form"] = ExpertOpinionForm(
                initial={"opinion": strip_tags(self.expert_opinion)})
        context["indicator_lines"] = [line for line in self.indicators.splitlines()
                                      if line.strip()]
        return context


class GoodPracticeAttachment(Orderable):
    page = ParentalKey(GoodPracticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("document"))

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")


class Transfer(models.Model):
    """A partner declaring that it is studying or adopting another partner's practice."""

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        STUDYING = "studying", _("Studying")
        ADOPTING = "adopting", _("Adopting")
        ADOPTED = "adopted", _("Adopted")

    practice = models.ForeignKey(GoodPracticePage, on_delete=models.CASCADE,
                                 related_name="transfers", verbose_name=_("practice"))
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE,
                                related_name="practice_transfers", verbose_name=_("partner"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.INTERESTED)
    mentor_offered = models.BooleanField(
        _("mentoring offered"), default=False,
        help_text=_("The owning partner offers to mentor this partner."),
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("updated by"))
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["partner__name"]
        constraints = [models.UniqueConstraint(fields=["practice", "partner"],
                                               name="one_transfer_per_partner_and_practice")]

    def __str__(self):
        return f"{self.partner} · {self.practice}"

    def get_absolute_url(self):
        return self.practice.url or reverse("knowledge:library")
# The site's menus and the expert-opinion workflow task live in their own modules.
from .menus import Menu, MenuItem  # noqa: E402,F401
from .workflow import ExpertOpinionTask  # noqa: E402,F401
