"""Strategy documents made of chapters and numbered paragraphs, and what happens to them.

Every save of a chapter stores a ``Version``: a snapshot of the whole document as JSON,
so that any two versions can be compared and an adopted version stays exactly as the
Steering Committee voted on it, whatever is edited afterwards. A comment phase is a
consultation (its deadline, audience, moderation, flood limit and blocks are the
consultations app's own); ``ParagraphComment`` says which paragraph a comment is about.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase


class StrategyDocument(models.Model):
    class Kind(models.TextChoices):
        JOINT_STRATEGIC_PLAN = "joint_strategic_plan", _("Joint Strategic Plan")
        SUSTAINABILITY_PLAN = "sustainability_plan", _("Sustainability Plan")
        OTHER = "other", _("Other strategy")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    work_package = models.ForeignKey(
        "workgroups.WorkPackage", on_delete=models.PROTECT, related_name="strategy_documents",
        verbose_name=_("work package"),
        help_text=_("The WP that owns the document; its lead partner's staff edit it."))
    deliverable = models.ForeignKey(
        "workgroups.Deliverable", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="strategy_documents", verbose_name=_("deliverable"),
        help_text=_("The deliverable this document is; it links to the adopted version."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("strategy document")
        verbose_name_plural = _("strategy documents")
        ordering = ["title", "id"]
        # the one explicit grant to a person; every other rule is derived (strategies/rules.py)
        permissions = [("co_edit_strategy", _("Co-edit this strategy document"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategies:detail", kwargs={"pk": self.pk})

    @property
    def lead_partner(self):
        """The WP's lead partner; while the WP names none, the deliverable's partner."""
        if self.work_package.lead_partner_id:
            return self.work_package.lead_partner
        return self.deliverable.partner if self.deliverable_id else None

    @property
    def lead_partner_id(self):
        partner = self.lead_partner
        return partner.pk if partner else None


class StrategyCoEditor(UserObjectPermissionBase):
    """A named co-editor (django-guardian grant with a direct foreign key)."""

    content_object = models.ForeignKey(StrategyDocument, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("co-editor")
        verbose_name_plural = _("co-editors")


class Chapter(models.Model):
    document = models.ForeignKey(StrategyDocument, on_delete=models.CASCADE,
                                 related_name="chapters", verbose_name=_("document"))
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "position"],
                                               name="one_chapter_per_number")]

    def __str__(self):
        return f"{self.position}. {self.title}"


class Paragraph(models.Model):
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="paragraphs",
                                verbose_name=_("chapter"))
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), help_text=_("Markdown, as typed."))
    text_html = models.TextField(help_text=_("Sanitised HTML shown to readers."))
    revision = models.PositiveIntegerField(
        default=1, help_text=_("Goes up at every change; amendments name the revision they "
                               "were written against."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["chapter", "position"],
                                               name="one_paragraph_per_number")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("strategies:paragraph", kwargs={"pk": self.chapter.document_id,
                                                       "paragraph_id": self.pk})

    @property
    def number(self) -> str:
        return f"{self.chapter.position}.{self.position}"


class Version(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_VOTE = "in_vote", _("Before the Steering Committee")
        ADOPTED = "adopted", _("Adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    document = models.ForeignKey(StrategyDocument, on_delete=models.CASCADE,
                                 related_name="versions", verbose_name=_("document"))
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(help_text=_("The whole document as it was at this version."))
    note = models.CharField(_("what changed"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("saved by"))
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    state = models.CharField(_("state"), max_length=12, choices=State.choices,
                             default=State.DRAFT, db_index=True)
    decision = models.ForeignKey("workgroups.Decision", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="strategy_versions",
                                 verbose_name=_("Steering Committee decision"))
    publish_if_adopted = models.BooleanField(
        _("public once adopted"), default=False,
        help_text=_("The decision put to the Steering Committee says the adopted version is "
                    "published to everybody."))
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"],
                                               name="one_version_per_number")]

    def __str__(self):
        return f"{self.document} v{self.number}"

    def get_absolute_url(self):
        return reverse("strategies:version", kwargs={"pk": self.document_id,
                                                     "number": self.number})

    @property
    def is_frozen(self) -> bool:
        return self.state in (self.State.IN_VOTE, self.State.ADOPTED)


class CommentPhase(models.Model):
    """A time when readers comment and propose amendments: a consultation underneath."""

    document = models.ForeignKey(StrategyDocument, on_delete=models.CASCADE,
                                 related_name="phases", verbose_name=_("document"))
    consultation = models.OneToOneField("consultations.Consultation", on_delete=models.PROTECT,
                                        related_name="strategy_phase",
                                        verbose_name=_("consultation"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment phase")
        verbose_name_plural = _("comment phases")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return str(self.consultation)


class ParagraphComment(models.Model):
    """Which paragraph a consultation comment is about."""

    comment = models.OneToOneField("consultations.Comment", on_delete=models.CASCADE,
                                   primary_key=True, related_name="strategy_paragraph")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE,
                                  related_name="comment_links")

    class Meta:
        verbose_name = _("paragraph comment")
        verbose_name_plural = _("paragraph comments")

    def __str__(self):
        return f"#{self.comment_id} on {self.paragraph_id}"


class Amendment(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="amendments",
                                  verbose_name=_("paragraph"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="strategy_amendments", verbose_name=_("proposed by"))
    text = models.TextField(_("proposed wording"))
    reason = models.TextField(_("reason"))
    base_text = models.TextField(help_text=_("The paragraph as the proposer read it."))
    base_revision = models.PositiveIntegerField()
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.OPEN, db_index=True)
    reply = models.TextField(_("editors' reply"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.ForeignKey(Version, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="amendments",
                                help_text=_("The version its acceptance made."))
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Amendment #{self.pk} to {self.paragraph_id}"

    def get_absolute_url(self):
        return (reverse("strategies:paragraph", kwargs={
            "pk": self.paragraph.chapter.document_id, "paragraph_id": self.paragraph_id})
            + f"#amendment-{self.pk}")

    @property
    def is_outdated(self) -> bool:
        """The paragraph changed since the proposer read it."""
        return self.paragraph.revision != self.base_revision


class AmendmentSupport(models.Model):
    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["amendment", "user"],
                                               name="one_support_per_user")]

    def __str__(self):
        return f"{self.user} supports #{self.amendment_id}"
