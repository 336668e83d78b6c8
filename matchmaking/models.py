"""WG3 transnational matchmaking: who offers and seeks what, the coordinators' brokering of
introductions, and B2B meetings at matchmaking events.

Profiles and opportunities belong to a partner, or to an approved stakeholder organisation
named by ``organisation_name`` (a check constraint requires one of the two); see
``rules.Participant`` for who acts for which.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

try:  # PostgreSQL full text; the column is a plain nullable column on SQLite
    from django.contrib.postgres.search import SearchVectorField
except ImportError:  # pragma: no cover - psycopg2 is a dependency
    SearchVectorField = None


class Sector(models.Model):
    """A managed sector taxonomy: NACE Rev. 2 sections, editable in the Django admin."""

    code = models.CharField(_("code"), max_length=10, unique=True,
                            help_text=_("NACE section letter, e.g. J."))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}: {self.name}"


class OwnedByOrganisation(models.Model):
    """A partner, or an approved stakeholder's organisation named by ``organisation_name``."""

    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+", verbose_name=_("partner"))
    organisation_name = models.CharField(
        _("organisation"), max_length=200, blank=True,
        help_text=_("For an organisation that is not a project partner."))
    country = models.ForeignKey("partners.Country", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("country"))

    class Meta:
        abstract = True

    @property
    def owner_label(self) -> str:
        return self.partner.label if self.partner_id else self.organisation_name

    @property
    def is_stakeholder_organisation(self) -> bool:
        return not self.partner_id


def live_owner(author: str) -> Q:
    """Records of partners, and of stakeholder organisations whose person (``author``: the
    profile's keeper, the opportunity's author) is still approved; a withdrawn approval
    takes their organisation out of listings and suggestions."""
    return Q(partner__isnull=False) | Q(**{f"{author}__stakeholder_profile__state": "approved"})


class Profile(OwnedByOrganisation):
    class Size(models.TextChoices):
        SMALL = "small", _("Up to 50 member organisations")
        MEDIUM = "medium", _("51 to 250 member organisations")
        LARGE = "large", _("More than 250 member organisations")
        NOT_APPLICABLE = "na", _("Not a membership organisation")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="+", verbose_name=_("kept by"))
    sectors = models.ManyToManyField(Sector, blank=True, related_name="profiles",
                                     verbose_name=_("sectors"))
    countries = models.ManyToManyField("partners.Country", blank=True, related_name="+",
                                       verbose_name=_("countries active in"))
    regions = models.CharField(_("regions"), max_length=300, blank=True,
                               help_text=_("E.g. Marche, Yugozapaden."))
    size = models.CharField(_("size"), max_length=10, choices=Size.choices,
                            default=Size.NOT_APPLICABLE)
    offers = models.TextField(_("what we offer"), blank=True)
    seeks = models.TextField(_("what we seek"), blank=True)
    languages = models.CharField(_("working languages"), max_length=200, blank=True,
                                 help_text=_("E.g. English, Italian."))
    contact_persons = models.TextField(
        _("contact persons"), blank=True,
        help_text=_("Names, e-mail addresses and phone numbers; shown only after an "
                    "introduction."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("matchmaking profile")
        verbose_name_plural = _("matchmaking profiles")
        ordering = ["partner__name", "organisation_name"]
        constraints = [
            models.CheckConstraint(condition=Q(partner__isnull=False) | ~Q(organisation_name=""),
                                   name="profile_has_an_owner_organisation"),
            models.UniqueConstraint(fields=["partner"], condition=Q(partner__isnull=False),
                                    name="one_profile_per_partner"),
            models.UniqueConstraint(
                Lower("organisation_name"), "country", condition=Q(partner__isnull=True),
                name="one_profile_per_organisation",
                violation_error_message=_("This organisation already has a matchmaking "
                                          "profile.")),
        ]

    def __str__(self):
        return self.owner_label

    def get_absolute_url(self):
        return reverse("matchmaking:profile", kwargs={"pk": self.pk})


class Opportunity(OwnedByOrganisation):
    class Direction(models.TextChoices):
        OFFER = "offer", _("Offer")
        REQUEST = "request", _("Request")

    class Kind(models.TextChoices):
        PARTNERSHIP = "partnership", _("Partnership")
        TECHNOLOGY = "technology", _("Technology or know-how")
        PROJECT = "project", _("Joint project or funding call")
        POLICY = "policy", _("Policy exchange or peer visit")
        MARKET = "market", _("Market access")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting moderation")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned for changes")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Merged as a duplicate")

    direction = models.CharField(_("offer or request"), max_length=8, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    sectors = models.ManyToManyField(Sector, related_name="opportunities",
                                     verbose_name=_("sectors"))
    target_countries = models.ManyToManyField(
        "partners.Country", blank=True, related_name="+", verbose_name=_("target countries"),
        help_text=_("Where you look for counterparts; none means any country."))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.SUBMITTED)
    moderation_comment = models.TextField(_("moderator's comment"), blank=True)
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="duplicates", verbose_name=_("duplicate of"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    # title + description as a tsvector, kept by services on PostgreSQL for suggestions
    search = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(partner__isnull=False) | ~Q(organisation_name=""),
                                   name="opportunity_has_an_owner_organisation"),
        ]
        indexes = [models.Index(fields=["status", "country"]),
                   models.Index(fields=["status", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("matchmaking:opportunity", kwargs={"pk": self.pk})


class Interest(models.Model):
    """An expression of interest in an opportunity, brokered by the coordinators."""

    class State(models.TextChoices):
        EXPRESSED = "expressed", _("Expressed")
        UNDER_REVIEW = "under_review", _("Under review")
        INTRODUCED = "introduced", _("Introduced")
        DECLINED = "declined", _("Declined")
        MEETING_HELD = "meeting_held", _("Meeting held")
        AGREEMENT = "agreement", _("Outcome: agreement")
        NO_FOLLOW_UP = "no_follow_up", _("Outcome: no follow-up")

    # from-state -> the states a coordinator may move it to
    TRANSITIONS = {
        State.EXPRESSED: [State.UNDER_REVIEW, State.INTRODUCED, State.DECLINED],
        State.UNDER_REVIEW: [State.INTRODUCED, State.DECLINED],
        State.INTRODUCED: [State.MEETING_HELD, State.NO_FOLLOW_UP],
        State.MEETING_HELD: [State.AGREEMENT, State.NO_FOLLOW_UP],
    }
    REVEALED = {State.INTRODUCED, State.MEETING_HELD, State.AGREEMENT, State.NO_FOLLOW_UP}

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE,
                                    related_name="interests", verbose_name=_("opportunity"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="matchmaking_interests", verbose_name=_("person"))
    partner = models.ForeignKey("partners.Partner", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("partner"))
    message = models.TextField(_("message"))
    state = models.CharField(_("state"), max_length=14, choices=State.choices,
                             default=State.EXPRESSED)
    reason = models.TextField(_("reason"), blank=True,
                              help_text=_("Why it was declined, shown to the person."))
    created_at = models.DateTimeField(_("expressed"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["opportunity", "user"],
                                               name="one_interest_per_person")]
        indexes = [models.Index(fields=["state"])]

    def __str__(self):
        return f"{self.user} → {self.opportunity}"

    def get_absolute_url(self):
        return reverse("matchmaking:interest", kwargs={"pk": self.pk})

    @property
    def is_revealed(self) -> bool:
        return self.state in self.REVEALED

    @property
    def interested_organisation(self) -> str:
        """The interested side: their partner, or their stakeholder organisation."""
        if self.partner_id:
            return self.partner.label
        profile = getattr(self.user, "stakeholder_profile", None)
        return profile.organisation if profile else ""

    @property
    def interested_country(self):
        if self.partner_id:
            return self.partner.country
        profile = getattr(self.user, "stakeholder_profile", None)
        return profile.country if profile else None


class InterestTransition(models.Model):
    """Who moved an expression of interest on, when, and why."""

    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=14, choices=Interest.State.choices, blank=True)
    to_state = models.CharField(max_length=14, choices=Interest.State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class Slot(models.Model):
    """A time a participant is free for a B2B meeting at a matchmaking event."""

    event = models.ForeignKey("workgroups.Event", on_delete=models.CASCADE,
                              related_name="b2b_slots", verbose_name=_("event"))
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="b2b_slots", verbose_name=_("participant"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("availability slot")
        verbose_name_plural = _("availability slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "starts_at"],
                                    name="one_slot_per_participant_and_time"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                   name="slot_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.participant} {self.starts_at:%Y-%m-%d %H:%M}"


class MeetingRequest(models.Model):
    """A request to meet in someone's slot. The database refuses a second accepted meeting
    in a slot, and a second accepted meeting for the requester at the same time."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="b2b_requests", verbose_name=_("requested by"))
    # copied from the slot so that the requester's own double-booking is a constraint too
    starts_at = models.DateTimeField(_("starts"))
    message = models.CharField(_("message"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.REQUESTED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slot"], condition=Q(status="accepted"),
                                    name="one_accepted_meeting_per_slot"),
            models.UniqueConstraint(fields=["requester", "starts_at"],
                                    condition=Q(status="accepted"),
                                    name="requester_not_double_booked"),
            models.UniqueConstraint(fields=["slot", "requester"],
                                    name="one_request_per_slot_and_person"),
        ]

    def __str__(self):
        return f"{self.requester} @ {self.slot}"
