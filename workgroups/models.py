"""How the project is organised: thematic working groups (WG1-WG6), work packages
(WP0-WP6), the two operational stages of the matrix approach, and the two governance
bodies (Steering Committee, Scientific-Technical Advisory Board).
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkingGroup(models.Model):
    code = models.CharField(
        _("code"), max_length=10, unique=True,
        validators=[RegexValidator(r"^WG\d{1,2}$", _("Use WG followed by a number, e.g. WG3."))],
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lead_partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, null=True, blank=True,
        related_name="led_working_groups", verbose_name=_("lead partner"),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coordinated_working_groups",
        verbose_name=_("coordinators"),
    )
    member_partners = models.ManyToManyField(
        "partners.Partner", blank=True, related_name="working_groups",
        verbose_name=_("member partners"),
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}: {self.title}"


class WorkPackage(models.Model):
    code = models.CharField(
        _("code"), max_length=10, unique=True,
        validators=[RegexValidator(r"^WP\d{1,2}$", _("Use WP followed by a number, e.g. WP3."))],
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lead_partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, null=True, blank=True,
        related_name="led_work_packages", verbose_name=_("lead partner"),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}: {self.title}"


class OperationalStage(models.Model):
    """A stage of the matrix approach that every WG theme runs through."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("operational stage")
        verbose_name_plural = _("operational stages")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Committee(models.Model):
    class Kind(models.TextChoices):
        STEERING = "sc", _("Steering Committee")
        ADVISORY = "stab", _("Scientific-Technical Advisory Board")

    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="coordinated_committees", verbose_name=_("coordinator"),
        help_text=_("For the advisory board: the lead partner's representative."),
    )

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["kind"]

    def __str__(self):
        return self.name


class SteeringCommitteeSeat(models.Model):
    """One representative per partner on the Steering Committee (one vote per partner)."""

    partner = models.OneToOneField(
        "partners.Partner", on_delete=models.CASCADE, related_name="sc_seat",
        verbose_name=_("partner"),
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="sc_seats", verbose_name=_("representative"),
        help_text=_("Must work for this partner. Empty: the partner admin acts for the partner."),
    )

    class Meta:
        verbose_name = _("Steering Committee seat")
        verbose_name_plural = _("Steering Committee seats")
        ordering = ["partner__name"]

    def __str__(self):
        return str(self.partner)

    def clean(self):
        if self.representative is None:
            return
        membership = getattr(self.representative, "membership", None)
        if membership is None or membership.partner_id != self.partner_id:
            raise ValidationError(
                {"representative": _("The representative must be a staff member of this partner.")}
            )


