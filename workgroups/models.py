"""How the project is organised: thematic working groups (WG1-WG6), work packages
(WP0-WP6), the two operational stages of the matrix approach, and the two governance
bodies (Steering Committee, Scientific-Technical Advisory Board).
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.permissions import membership_of


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

    def get_absolute_url(self):
        return reverse("workgroups:detail", kwargs={"code": self.code})


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

    def get_absolute_url(self):
        return reverse("workgroups:wp", kwargs={"code": self.code})


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
        membership = membership_of(self.representative)
        if membership is None or membership.partner_id != self.partner_id:
            raise ValidationError(
                {"representative": _("The representative must be a staff member of this partner.")}
            )




# --- WG spaces: membership requests and the discussion board -----------------------------

class JoinRequest(models.Model):
    """A partner asks to join a working group; a coordinator accepts or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE,
                                      related_name="join_requests")
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE,
                                related_name="wg_join_requests", verbose_name=_("partner"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.CharField(_("comment"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(
            fields=["working_group", "partner"], condition=models.Q(status="pending"),
            name="one_pending_join_request")]

    def __str__(self):
        return f"{self.partner} → {self.working_group.code}"


class Topic(models.Model):
    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE,
                                      related_name="topics")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)
    source = models.TextField(_("Markdown source"), blank=True,
                              help_text=_("What the author typed; the text above is its HTML."))
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("discussion topic")
        verbose_name_plural = _("discussion topics")
        ordering = ["-last_activity_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workgroups:topic", kwargs={"code": self.working_group.code, "pk": self.pk})


class Reply(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    source = models.TextField(_("Markdown source"), blank=True,
                              help_text=_("What the author typed; the text above is its HTML."))
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at"]

    def __str__(self):
        return f"Re: {self.topic}"

    def get_absolute_url(self):
        return f"{self.topic.get_absolute_url()}#reply-{self.pk}"


class Finding(models.Model):
    """An output of a matrix cell: what a WG learned at a stage."""

    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE,
                                      related_name="findings")
    stage = models.ForeignKey(OperationalStage, on_delete=models.PROTECT,
                              related_name="findings", verbose_name=_("stage"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


# --- pilot actions -------------------------------------------------------------------------

class PilotAction(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        RUNNING = "running", _("Running")
        EVALUATED = "evaluated", _("Evaluated")
        CLOSED = "closed", _("Closed")

    working_group = models.ForeignKey(WorkingGroup, on_delete=models.PROTECT,
                                      related_name="pilot_actions",
                                      verbose_name=_("working group"))
    stage = models.ForeignKey(OperationalStage, on_delete=models.PROTECT,
                              related_name="pilot_actions", verbose_name=_("stage"))
    title = models.CharField(_("title"), max_length=200)
    objectives = models.TextField(_("objectives"))
    region = models.CharField(_("region"), max_length=150)
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT,
                                related_name="pilot_actions",
                                verbose_name=_("responsible partner"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PROPOSED, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pilot action")
        verbose_name_plural = _("pilot actions")
        ordering = ["-updated_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workgroups:pilot", kwargs={"pk": self.pk})


class Indicator(models.Model):
    pilot_action = models.ForeignKey(PilotAction, on_delete=models.CASCADE,
                                     related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    achieved = models.DecimalField(_("achieved"), max_digits=14, decimal_places=2, null=True,
                                   blank=True)
    score = models.PositiveSmallIntegerField(
        _("evaluation score"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (far below target) to 5 (target exceeded), given at evaluation."))

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["id"]

    def __str__(self):
        return self.name


class PilotTransition(models.Model):
    pilot_action = models.ForeignKey(PilotAction, on_delete=models.CASCADE,
                                     related_name="transitions")
    from_status = models.CharField(max_length=10, choices=PilotAction.Status.choices)
    to_status = models.CharField(max_length=10, choices=PilotAction.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Evaluation(models.Model):
    pilot_action = models.OneToOneField(PilotAction, on_delete=models.CASCADE,
                                        related_name="evaluation")
    method = models.TextField(_("method"))
    findings = models.TextField(_("findings"))
    lessons = models.TextField(_("lessons learned"))
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    evaluated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.pilot_action}"


# --- work packages: deliverables ------------------------------------------------------------

class Deliverable(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")

    DONE = (Status.SUBMITTED, Status.APPROVED)

    work_package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE,
                                     related_name="deliverables")
    code = models.CharField(_("code"), max_length=12, unique=True,
                            validators=[RegexValidator(r"^D\d{1,2}\.\d{1,2}$",
                                                       _("Use D, the WP number, a dot and a "
                                                         "number, e.g. D3.1."))])
    title = models.CharField(_("title"), max_length=200)
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT,
                                related_name="deliverables",
                                verbose_name=_("responsible partner"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PLANNED)
    document = models.ForeignKey("partners.Document", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="deliverables",
                                 verbose_name=_("document"))

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["due_date", "code"]
        indexes = [models.Index(fields=["partner", "due_date"])]

    def __str__(self):
        return f"{self.code} {self.title}"


# --- Steering Committee decisions ----------------------------------------------------------

class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.ForeignKey("partners.Document", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("minutes"))

    class Meta:
        verbose_name = _("Steering Committee meeting")
        verbose_name_plural = _("Steering Committee meetings")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title


class Decision(models.Model):
    """A question put to the Steering Committee: one vote per partner."""

    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="decisions", verbose_name=_("meeting"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("proposal"))
    deadline = models.DateTimeField(_("voting deadline"))
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), help_text=_("Votes needed for a valid outcome; by default more than half "
                                 "of the partners."))
    electorate = models.PositiveSmallIntegerField(
        _("partners entitled to vote"), help_text=_("Active partners when the vote opened."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workgroups:decision", kwargs={"pk": self.pk})


class Vote(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT,
                                related_name="sc_votes", verbose_name=_("partner"))
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                null=True, related_name="+")
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["partner__name"]
        constraints = [models.UniqueConstraint(fields=["decision", "partner"],
                                               name="one_vote_per_partner")]

    def __str__(self):
        return f"{self.partner}: {self.choice}"


# --- events ---------------------------------------------------------------------------------

class Event(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        PEER_VISIT = "peer_visit", _("Peer-learning visit")
        TRAINING = "training", _("Training")
        MATCHMAKING = "matchmaking", _("Matchmaking event")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.MEETING)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Sofia",
                                help_text=_("Where the event happens, e.g. Europe/Rome."))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    working_groups = models.ManyToManyField(WorkingGroup, blank=True, related_name="events",
                                            verbose_name=_("working groups"))
    work_packages = models.ManyToManyField(WorkPackage, blank=True, related_name="events",
                                           verbose_name=_("work packages"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("Empty: no limit."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F(
            "starts_at")), name="event_ends_after_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workgroups:event", kwargs={"pk": self.pk})


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="event_registrations")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["event", "user"],
                                               name="one_registration_per_person")]

    def __str__(self):
        return f"{self.user} @ {self.event}"


class CalendarFeedKey(models.Model):
    """The secret in a user's personal calendar-feed address. Rotating it (a new key) makes
    every earlier address answer 404. A user without a row still has the first address,
    signed without a key."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="calendar_feed_key", verbose_name=_("user"))
    key = models.CharField(_("key"), max_length=64)
    rotated_at = models.DateTimeField(_("rotated"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")

    def __str__(self):
        return f"calendar feed key of user {self.user_id}"
