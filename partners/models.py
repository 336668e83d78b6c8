"""Countries, partner organisations (the tenants) and who works for which partner.

Everything here is data an administrator can correct: the seed loads the partnership
named in the project documents, but no logic depends on a particular partner or country.
"""
import functools

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
        names = _territory_names(translation.get_language() or settings.LANGUAGE_CODE)
        return names.get(self.iso_code, self.name)


@functools.lru_cache(maxsize=64)
def _territory_names(language: str) -> dict:
    """CLDR's country names in one language (parsed once per process: a directory of 250
    partners asked Babel for the locale 250 times per page, issue 18)."""
    try:
        return dict(Locale.parse(language, sep="-").territories)
    except (UnknownLocaleError, ValueError):
        return {}


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

    def get_type_display(self) -> str:
        """The type's label. Django's generated method builds a dict of every choice, each
        label translated, on each call: a tenth of the directory's time at 250 partners."""
        try:
            return self.Type(self.type).label
        except ValueError:
            return self.type

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


class Invitation(models.Model):
    """A partner admin's invitation to join the partner's staff, accepted through a signed,
    expiring, single-use link (see ``services.invitation_token``)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="invitations",
                                verbose_name=_("partner"))
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices,
                            default=Membership.Role.MEMBER)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("invited by"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_partner_and_email"),
        ]

    def __str__(self):
        return f"{self.email} → {self.partner.label}"

    @property
    def is_open(self) -> bool:
        from django.utils import timezone

        return (self.accepted_at is None and self.revoked_at is None
                and self.expires_at > timezone.now())


class Folder(models.Model):
    """A folder in a partner's private workspace."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="folders",
                                verbose_name=_("partner"))
    name = models.CharField(_("name"), max_length=120)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("folder")
        verbose_name_plural = _("folders")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partner", "name"],
                                               name="unique_folder_name_per_partner")]

    def __str__(self):
        return self.name


class Note(models.Model):
    """A note in the workspace; visible to the partner's staff only."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="notes",
                                verbose_name=_("partner"))
    folder = models.ForeignKey(Folder, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="notes", verbose_name=_("folder"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True,
                            help_text=_("Basic formatting is kept: paragraphs, bold, italics, "
                                        "lists and links."))
    source = models.TextField(_("Markdown source"), blank=True,
                              help_text=_("What the author typed; the text above is its HTML."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("author"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title


class Document(models.Model):
    """A file owned by a partner, with its versions and who it is shared with."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Private to our partner")
        SHARED = "shared", _("Shared with named partners and working groups")
        ALL_PARTNERS = "partners", _("All partners")
        PUBLIC = "public", _("Public")

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="documents",
                                verbose_name=_("partner"))
    folder = models.ForeignKey(Folder, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="documents", verbose_name=_("folder"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    working_groups = models.ManyToManyField("workgroups.WorkingGroup", blank=True,
                                            related_name="tagged_documents",
                                            verbose_name=_("working groups"))
    work_packages = models.ManyToManyField("workgroups.WorkPackage", blank=True,
                                           related_name="tagged_documents",
                                           verbose_name=_("work packages"))
    stage = models.ForeignKey("workgroups.OperationalStage", on_delete=models.SET_NULL,
                              null=True, blank=True, related_name="tagged_documents",
                              verbose_name=_("operational stage"))
    visibility = models.CharField(_("shared with"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.PRIVATE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    current_version = models.ForeignKey("DocumentVersion", on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["partner", "-updated_at"]),
                   models.Index(fields=["visibility", "-updated_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"pk": self.pk})


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def _version_path(instance, filename):
    import uuid

    # the stored name says nothing about the file; the original name is kept in a field
    return f"documents/{instance.document.partner_id}/{uuid.uuid4().hex}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=_version_path, max_length=300,
                            storage=private_storage)
    filename = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    comment = models.CharField(_("what changed"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"],
                                               name="unique_version_number")]

    def __str__(self):
        return f"{self.document} v{self.number}"


class DocumentShare(models.Model):
    """One explicit grant: a document shared with a named partner or a working group.

    The one sharing mechanism of the platform; ``selectors.documents_visible_to`` is the
    only reader. Exactly one of ``partner`` / ``working_group`` is set.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="shares")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="documents_shared_with",
                                verbose_name=_("partner"))
    working_group = models.ForeignKey("workgroups.WorkingGroup", on_delete=models.CASCADE,
                                      null=True, blank=True,
                                      related_name="documents_shared_with",
                                      verbose_name=_("working group"))
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document share")
        verbose_name_plural = _("document shares")
        constraints = [
            models.CheckConstraint(
                condition=(Q(partner__isnull=False, working_group__isnull=True)
                           | Q(partner__isnull=True, working_group__isnull=False)),
                name="share_targets_exactly_one"),
            models.UniqueConstraint(fields=["document", "partner"],
                                    condition=Q(partner__isnull=False),
                                    name="unique_share_per_partner"),
            models.UniqueConstraint(fields=["document", "working_group"],
                                    condition=Q(working_group__isnull=False),
                                    name="unique_share_per_wg"),
        ]

    def __str__(self):
        return str(self.partner or self.working_group)
