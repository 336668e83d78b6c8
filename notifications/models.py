"""In-app notifications, per-category e-mail preferences and the digest log.

A ``Notification`` is one activity item delivered to one user who may see it. Preferences
say, per category of activity, whether and how the user hears about it. ``DigestRun`` and
``Digest`` record the daily and weekly e-mails: a ``Digest`` row exists for a (user, period)
before anything is sent, and a database unique constraint makes a second row impossible,
which is what makes sending exactly once.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.models import Category


class Channel(models.TextChoices):
    OFF = "off", _("Off")
    IN_APP = "in_app", _("In the portal only")
    IMMEDIATE = "immediate", _("E-mail at once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


# What a user gets before choosing anything: what concerns their own work arrives soon,
# the wider project news once a week.
DEFAULT_CHANNELS: dict[str, str] = {
    Category.WG_DISCUSSIONS: Channel.DAILY,
    Category.DOCUMENTS: Channel.IMMEDIATE,
    Category.CONSULTATIONS: Channel.DAILY,
    Category.MATCHMAKING: Channel.DAILY,
    Category.GOOD_PRACTICES: Channel.WEEKLY,
    Category.GOVERNANCE: Channel.IMMEDIATE,
    Category.EVENTS: Channel.WEEKLY,
    Category.PARTNERS: Channel.IN_APP,
}


class Period(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications", verbose_name=_("recipient"))
    activity = models.ForeignKey("core.Activity", on_delete=models.CASCADE,
                                 related_name="notifications", verbose_name=_("activity"))
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    created_at = models.DateTimeField(_("created"), db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(
        _("e-mailed"), null=True, blank=True,
        help_text=_("When it was sent as an immediate e-mail."))

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "activity"],
                                    name="one_notification_per_user_and_activity"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.recipient} – {self.activity}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A choice the user made; categories without a row use ``DEFAULT_CHANNELS``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notification_preferences", verbose_name=_("user"))
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    public_news = models.BooleanField(
        _("public news too"), default=False,
        help_text=_("Also hear about items that are public to everybody in this category."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "category"],
                                    name="one_preference_per_user_and_category"),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_category_display()} → {self.get_channel_display()}"


class BouncingAddress(models.Model):
    """An address that bounced or was refused; digests and e-mails skip it."""

    email = models.EmailField(_("e-mail address"), unique=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("bouncing address")
        verbose_name_plural = _("bouncing addresses")
        ordering = ["email"]

    def __str__(self):
        return self.email


class DigestRun(models.Model):
    """One daily or weekly period; started by beat or by ``manage.py send_digests``."""

    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    period_start = models.DateField(_("period start"))
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    prepared_at = models.DateTimeField(_("prepared"), null=True, blank=True,
                                       help_text=_("When every recipient had a digest row."))

    class Meta:
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        ordering = ["-period_start", "period"]
        constraints = [
            models.UniqueConstraint(fields=["period", "period_start"],
                                    name="one_digest_run_per_period"),
        ]

    def __str__(self):
        return f"{self.get_period_display()} {self.period_start:%Y-%m-%d}"


class Digest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("skipped")
        FAILED = "failed", _("failed")

    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="digests",
                            verbose_name=_("run"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="digests", verbose_name=_("user"))
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    period_start = models.DateField(_("period start"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-period_start", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "period", "period_start"],
                                    name="one_digest_per_user_and_period"),
        ]
        indexes = [models.Index(fields=["run", "status"])]

    def __str__(self):
        return f"{self.user} – {self.get_period_display()} {self.period_start:%Y-%m-%d}"
