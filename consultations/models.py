"""Stakeholder consultations: a question put to an audience, threaded comments on it,
moderation of those comments, and the owner's official summary once it closes.

Moderation actions are recorded through the core's activity log (``activity_record``),
so this app keeps no event log of its own; the models hold only current state.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Consultation(models.Model):
    class Audience(models.TextChoices):
        PARTNERS = "partners", _("Partners only")
        STAKEHOLDERS = "stakeholders", _("Partners and approved stakeholders")
        PUBLIC = "public", _("Public (everybody with an account)")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        SUMMARISED = "summarised", _("Summarised")

    title = models.CharField(_("title"), max_length=200)
    background = models.TextField(
        _("question and background"),
        help_text=_("What you ask and why. Paragraphs, bold, italics, lists, quotes and links "
                    "are kept; other markup is removed."))
    working_group = models.ForeignKey(
        "workgroups.WorkingGroup", on_delete=models.PROTECT, null=True, blank=True,
        related_name="consultations", verbose_name=_("working group"),
        help_text=_("For a partners-only consultation, only the group's member partners "
                    "take part."))
    work_package = models.ForeignKey(
        "workgroups.WorkPackage", on_delete=models.PROTECT, null=True, blank=True,
        related_name="consultations", verbose_name=_("work package"))
    audience = models.CharField(_("audience"), max_length=15, choices=Audience.choices,
                                default=Audience.PARTNERS)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"), help_text=_("No comments after this moment."))
    state = models.CharField(_("state"), max_length=12, choices=State.choices,
                             default=State.DRAFT, db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="owned_consultations", verbose_name=_("owner"))
    summary = models.TextField(_("official summary and response"), blank=True)
    summary_published_at = models.DateTimeField(_("summary published"), null=True, blank=True)
    rating_question = models.CharField(
        _("rating question"), max_length=300, blank=True,
        help_text=_("Optional: a statement participants rate from 1 (disagree) to 5 (agree)."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                   name="consultation_closes_after_opening"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:detail", kwargs={"pk": self.pk})

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing date must be after the opening.")})

    @property
    def is_accepting_comments(self) -> bool:
        now = timezone.now()
        return self.state == self.State.OPEN and self.opens_at <= now < self.closes_at

    @property
    def is_past_deadline(self) -> bool:
        return timezone.now() >= self.closes_at

    @property
    def phase(self) -> str:
        """What a reader sees: an open consultation past its deadline counts as closed."""
        if self.state == self.State.OPEN and self.is_past_deadline:
            return self.State.CLOSED
        return self.state

    def get_phase_display(self):
        return self.State(self.phase).label


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def attachment_path(instance, filename):
    """``consultations/<random>.<ext>``: nothing in the name can be guessed."""
    import uuid

    ext = filename.rpartition(".")[2].lower()[:10] if "." in filename else "bin"
    return f"consultations/{uuid.uuid4().hex}.{ext}"


class ConsultationAttachment(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="attachments",
                                     verbose_name=_("consultation"))
    # In the private storage under a random name: served only by the download view, which
    # asks the consultation's visibility first.
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage,
                            max_length=300)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("consultations:attachment",
                       kwargs={"pk": self.consultation_id, "attachment_id": self.pk})


class Comment(models.Model):
    # a comment, a reply and a reply to a reply; deeper answers attach to the third level
    MAX_DEPTH = 2

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="comments", verbose_name=_("consultation"))
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies", verbose_name=_("in reply to"))
    depth = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="consultation_comments", verbose_name=_("author"))
    body = models.TextField(_("comment"), help_text=_("As typed, for editing."))
    body_html = models.TextField(help_text=_("Sanitised HTML shown to readers."))
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("hidden by"))

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["consultation", "created_at"])]

    def __str__(self):
        return f"#{self.pk} {self.author}"

    def get_absolute_url(self):
        # ?comment= makes the thread open the page that shows it (threads are paged)
        url = reverse("consultations:detail", kwargs={"pk": self.consultation_id})
        return f"{url}?comment={self.pk}#comment-{self.pk}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Reaction(models.Model):
    class Kind(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"],
                                               name="one_reaction_per_user")]

    def __str__(self):
        return f"{self.user} {self.kind} #{self.comment_id}"


class Flag(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags",
                                verbose_name=_("comment"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("flagged by"))
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("flagged"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["comment", "user"],
                                               name="one_flag_per_user")]

    def __str__(self):
        return f"{self.user} flagged #{self.comment_id}"


class ConsultationBlock(models.Model):
    """A user barred from commenting on one consultation."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="blocks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="consultation_blocks", verbose_name=_("user"))
    reason = models.CharField(_("reason"), max_length=300)
    blocked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "user"],
                                               name="one_block_per_user")]

    def __str__(self):
        return f"{self.user} blocked from {self.consultation_id}"


class RatingAnswer(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    value = models.PositiveSmallIntegerField(
        _("rating"), choices=[(n, str(n)) for n in range(1, 6)])
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "user"],
                                               name="one_rating_per_user")]

    def __str__(self):
        return f"{self.user}: {self.value}"
