"""Regional cluster-policy assessment: a versioned framework, rounds, each partner's
self-assessment, peer review, validated scores and learning pairs.

A framework (dimensions → criteria → five maturity levels) is *locked* once a round uses
it: editing it then is refused, and editors make a new version instead, so a round's
questions never change under the people answering them.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

SCALE_MIN, SCALE_MAX = 1, 5
SCALE = range(SCALE_MIN, SCALE_MAX + 1)
score_validators = [
    MinValueValidator(SCALE_MIN, _("Scores run from 1 to 5.")),
    MaxValueValidator(SCALE_MAX, _("Scores run from 1 to 5.")),
]


class Framework(models.Model):
    name = models.CharField(_("name"), max_length=120,
                            help_text=_("E.g. ClusterPoliSEE cluster-policy framework."))
    version = models.PositiveSmallIntegerField(
        _("version"), default=1, help_text=_("Editors make a new version of a framework in use."))
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        ordering = ["name", "-version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"],
                                               name="one_framework_per_name_and_version")]

    def __str__(self):
        return f"{self.name} v{self.version}"

    @property
    def rounds_using(self):
        return self.rounds.all()

    def is_locked(self) -> bool:
        return self.pk is not None and self.rounds.exists()

    def clean(self):
        super().clean()
        self.refuse_if_locked()

    def delete(self, *args, **kwargs):
        self.refuse_if_locked()
        return super().delete(*args, **kwargs)

    def refuse_if_locked(self):
        if self.is_locked():
            titles = ", ".join(self.rounds.values_list("title", flat=True))
            raise ValidationError(_(
                "This framework is used by the round(s) %(rounds)s and cannot change while in "
                "use. Make a new version of it instead.") % {"rounds": titles})


class _FrameworkPart(models.Model):
    """Dimensions, criteria and levels refuse changes while their framework is in use."""

    class Meta:
        abstract = True

    def framework_of(self) -> Framework:
        raise NotImplementedError

    def clean(self):
        super().clean()
        framework = self.framework_of()
        if framework is not None:
            framework.refuse_if_locked()

    def delete(self, *args, **kwargs):
        self.framework_of().refuse_if_locked()
        return super().delete(*args, **kwargs)


class Dimension(_FrameworkPart):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions",
                                  verbose_name=_("framework"))
    code = models.SlugField(_("code"), max_length=40, help_text=_("Short stable name, e.g. rdi."))
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    working_group = models.ForeignKey(
        "workgroups.WorkingGroup", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="assessment_dimensions", verbose_name=_("working group"),
        help_text=_("The WG whose theme this is; its good practices are suggested to learn from."))

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["framework", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"],
                                               name="one_dimension_code_per_framework")]

    def __str__(self):
        return self.title

    def framework_of(self):
        return self.framework if self.framework_id else None


class Criterion(_FrameworkPart):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="criteria",
                                  verbose_name=_("dimension"))
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True,
                                help_text=_("What evidence answers this criterion."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["dimension__position", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["dimension", "code"],
                                               name="one_criterion_code_per_dimension")]

    def __str__(self):
        return self.title

    def framework_of(self):
        return self.dimension.framework if self.dimension_id else None


class Level(_FrameworkPart):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels",
                                  verbose_name=_("criterion"))
    score = models.PositiveSmallIntegerField(_("score"), validators=score_validators)
    descriptor = models.CharField(_("descriptor"), max_length=300,
                                  help_text=_("What this maturity level looks like."))

    class Meta:
        verbose_name = _("maturity level")
        verbose_name_plural = _("maturity levels")
        ordering = ["criterion", "score"]
        constraints = [models.UniqueConstraint(fields=["criterion", "score"],
                                               name="one_level_per_score_and_criterion")]

    def __str__(self):
        return f"{self.score}: {self.descriptor}"

    def framework_of(self):
        return self.criterion.dimension.framework if self.criterion_id else None


class Round(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open for self-assessment")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=120, unique=True,
                             help_text=_("E.g. Baseline 2012."))
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds",
                                  verbose_name=_("framework"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.OPEN)
    deadline = models.DateTimeField(_("deadline"),
                                    help_text=_("Self-assessments must be submitted by then."))
    publish_aggregates = models.BooleanField(
        _("publish aggregates"), default=False,
        help_text=_("The Steering Committee's choice: show the medians of all partners to "
                    "stakeholders and visitors. One region's scores are never public."))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-deadline", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessments:round", args=[self.pk])

    @property
    def is_accepting(self) -> bool:
        return self.state == self.State.OPEN and self.deadline > timezone.now()


class Assessment(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, awaiting review")
        IN_REVIEW = "in_review", _("In peer review")
        VALIDATED = "validated", _("Validated")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assessments",
                              verbose_name=_("round"))
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT,
                                related_name="assessments", verbose_name=_("partner"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.DRAFT, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    validated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("review coordinator"),
        help_text=_("Who assigned the reviewers; validates the final scores."))

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["round", "partner__name"]
        constraints = [models.UniqueConstraint(fields=["round", "partner"],
                                               name="one_assessment_per_partner_and_round")]
        permissions = [("review_assessment", "Review the assessment as an assigned peer")]

    def __str__(self):
        return f"{self.partner} · {self.round}"

    def get_absolute_url(self):
        return reverse("assessments:assessment", args=[self.pk])

    @property
    def is_draft(self):
        return self.state == self.State.DRAFT


class AssessmentUserObjectPermission(UserObjectPermissionBase):
    """Reviewer grants with a real foreign key (django-guardian's direct tables)."""

    content_object = models.ForeignKey(Assessment, on_delete=models.CASCADE)


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True,
                                             validators=score_validators)
    evidence = models.TextField(_("evidence"), blank=True, max_length=5000)
    past_actions = models.TextField(_("past actions"), blank=True, max_length=5000)
    current_state = models.TextField(_("current state"), blank=True, max_length=5000)
    vision = models.TextField(_("vision for future actions"), blank=True, max_length=5000)
    documents = models.ManyToManyField("partners.Document", blank=True, related_name="+",
                                       verbose_name=_("evidence documents"))
    practices = models.ManyToManyField("knowledge.GoodPracticePage", blank=True,
                                       related_name="+", verbose_name=_("good practices"))
    final_score = models.PositiveSmallIntegerField(_("final score"), null=True, blank=True,
                                                   validators=score_validators)
    response = models.TextField(_("answer to the reviewers"), blank=True, max_length=5000)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    REQUIRED = ("score", "evidence", "past_actions", "current_state", "vision")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"],
                                               name="one_answer_per_criterion")]

    def __str__(self):
        return f"{self.assessment} · {self.criterion}"

    def missing(self) -> list[str]:
        """The verbose names of what is still empty."""
        return [str(self._meta.get_field(name).verbose_name) for name in self.REQUIRED
                if getattr(self, name) in (None, "")]


class ReviewComment(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("reviewer"))
    comment = models.TextField(_("comment"), max_length=5000)
    proposed_score = models.PositiveSmallIntegerField(
        _("proposed score"), null=True, blank=True, validators=score_validators,
        help_text=_("Leave empty to agree with the self-assessed score."))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["answer", "reviewer"],
                                               name="one_review_per_reviewer_and_criterion")]

    def __str__(self):
        return f"{self.reviewer} on {self.answer}"


class LearningRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="learning_requests")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("dimension"))
    learner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE,
                                related_name="learning_requests_made",
                                verbose_name=_("learning partner"))
    mentor = models.ForeignKey("partners.Partner", on_delete=models.CASCADE,
                               related_name="learning_requests_received",
                               verbose_name=_("experienced partner"))
    practice = models.ForeignKey(
        "knowledge.GoodPracticePage", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("good practice"),
        help_text=_("The practice to learn from; its transfer tracking follows the pair."))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("learning pair")
        verbose_name_plural = _("learning pairs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "dimension", "learner", "mentor"],
                                    name="one_learning_request_per_pair_and_dimension"),
            models.CheckConstraint(condition=~models.Q(learner=models.F("mentor")),
                                   name="learning_pair_is_two_partners"),
        ]

    def __str__(self):
        return f"{self.learner} ← {self.mentor}: {self.dimension}"

    def get_absolute_url(self):
        return reverse("assessments:learning", args=[self.round_id])
