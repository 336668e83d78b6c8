"""The one activity record that every feature writes through ``core.services``.

Dashboards, in-app notifications and e-mail digests read it; no feature keeps an event
log of its own. ``partner`` and ``working_group`` say whom an item concerns, so that
readers can scope it to what a user may see.
"""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """What an activity is about; notification preferences are chosen per category."""

    WG_DISCUSSIONS = "wg_discussions", _("Working-group discussions")
    DOCUMENTS = "documents", _("Documents shared with me")
    CONSULTATIONS = "consultations", _("Consultations")
    MATCHMAKING = "matchmaking", _("Matchmaking")
    GOOD_PRACTICES = "good_practices", _("Good practices")
    GOVERNANCE = "governance", _("Governance and votes")
    EVENTS = "events", _("Events")
    PARTNERS = "partners", _("Partners and staff")


# verb -> (human phrase, category); each app registers its verbs in AppConfig.ready() so
# that templates, notifications and digests say them the same way.
VERB_LABELS: dict[str, str] = {}
VERB_CATEGORIES: dict[str, str] = {}


def register_activity_verb(verb: str, label, category: str = Category.PARTNERS) -> None:
    VERB_LABELS[verb] = label
    VERB_CATEGORIES[verb] = category


class Activity(models.Model):
    class Visibility(models.TextChoices):
        PARTNER = "partner", _("Staff of the partner concerned")
        WORKING_GROUP = "wg", _("Member partners of the working group concerned")
        PARTNERS = "partners", _("Staff of every partner")
        PUBLIC = "public", _("Everybody")
        AUDIT = "audit", _("Audit log only: the partner's admins")

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="activities", verbose_name=_("actor"))
    verb = models.CharField(_("verb"), max_length=50,
                            help_text=_("Machine name of what happened, e.g. document.shared."))
    target_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField(
        _("target"), max_length=255, blank=True,
        help_text=_("What the target was called when it happened; kept if it is deleted."),
    )
    target_url = models.CharField(max_length=500, blank=True)
    detail = models.CharField(_("detail"), max_length=255, blank=True,
                              help_text=_("Extra context, e.g. whom a document was shared with."))
    partner = models.ForeignKey("partners.Partner", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="activities", verbose_name=_("partner"))
    working_group = models.ForeignKey(
        "workgroups.WorkingGroup", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="activities", verbose_name=_("working group"),
    )
    visibility = models.CharField(_("visible to"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.PARTNER)
    addressed_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="activities_addressed",
        verbose_name=_("addressed to"),
        help_text=_("People this concerns by name, whatever the scope: the author of an "
                    "opportunity, an approved stakeholder, the participants of a "
                    "consultation, the platform admins. They see it and are notified."),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["partner", "-created_at"]),
            models.Index(fields=["working_group", "-created_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"{self.actor} {self.verb} {self.target_label}"

    @property
    def verb_label(self) -> str:
        return str(VERB_LABELS.get(self.verb, self.verb))

    @property
    def category(self) -> str:
        return VERB_CATEGORIES.get(self.verb, Category.PARTNERS)
