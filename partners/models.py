"""Countries, partner organisations (the tenants) and who works for which partner.

Everything here is data an administrator can correct: the seed loads the partnership
named in the project documents, but no logic depends on a particular partner or country.
"""
from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Country(models.Model):
    class ProgrammeStatus(models.TextChoices):
        NOT_SET = "", _("not set")
        EU = "eu", _("EU member state")
        IPA = "ipa", _("IPA (pre-accession) country")
        OTHER = "other", _("other")

    iso_code = models.CharField(
        _("ISO code"), max_length=2, unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two-letter ISO 3166 code, e.g. BG."))],
        help_text=_("Two-letter ISO 3166-1 code, e.g. BG."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("English name."))
    programme_status = models.CharField(
        _("programme status"), max_length=5, choices=ProgrammeStatus.choices, blank=True,
        default=ProgrammeStatus.NOT_SET,
        help_text=_("Status in the South East Europe programme; the sources disagree, so an "
                    "administrator sets it."),
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The country's name in the active language (from CLDR), or the stored name."""
        try:
            locale = Locale.parse(translation.get_language() or settings.LANGUAGE_CODE, sep="-")
        except (UnknownLocaleError, ValueError):
            return self.name
        return locale.territories.get(self.iso_code, self.name)


class PartnerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Partner(models.Model):
    class Type(models.TextChoices):
        REGIONAL_AUTHORITY = "regional_authority", _("Regional public authority")
        NATIONAL_AUTHORITY = "national_authority", _("National public authority / ministry")
        DEVELOPMENT_AGENCY = "development_agency", _("Development or business agency")
        RESEARCH = "research", _("University or research institute")
        INNOVATION_BODY = "innovation_body", _("Innovation-promotion body")
        CLUSTER_NETWORK = "cluster_network", _("Cluster network or association")
        CHAMBER = "chamber", _("Chamber of commerce")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True,
                                  help_text=_("Acronym shown in lists, e.g. BSMEPA."))
    slug = models.SlugField(_("slug"), max_length=80, unique=True,
                            help_text=_("Used in the partner's web addresses."))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="partners",
                                verbose_name=_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    type = models.CharField(_("type"), max_length=30, choices=Type.choices, default=Type.OTHER)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="partner-logos/", blank=True)
    is_lead_partner = models.BooleanField(
        _("lead partner"), default=False,
        help_text=_("The project's lead partner; at most one partner can be the lead."),
    )
    is_active = models.BooleanField(
        _("active"), default=True,
        help_text=_("Archived partners keep their data but leave lists."))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["is_lead_partner"], condition=Q(is_lead_partner=True),
                                    name="one_lead_partner"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Membership(models.Model):
    """A user's place in a partner organisation. A user works for at most one partner."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Partner admin")
        MEMBER = "member", _("Member")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="membership", verbose_name=_("user"))
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="memberships",
                                verbose_name=_("partner"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["partner__name", "user__email"]
        indexes = [models.Index(fields=["partner", "role"])]

    def __str__(self):
        return f"{self.user} – {self.partner.label} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN
