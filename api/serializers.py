"""What the API returns. Field names here are the stable public contract (docs/api.md):
rename nothing without a new API version. Every field carries a description, from the
model's help text or from ``Meta.help_texts`` (``DescribedSerializer``).

The descriptions are written in English only, like the field names: they are the API's
reference for developers (the schema), not text shown to the platform's users."""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from consultations.models import Consultation
from knowledge.models import GoodPracticePage, Transfer
from matchmaking.models import Opportunity, Profile
from notifications.models import Notification
from partners.models import Country, Document, Partner
from workgroups.models import Deliverable, Event, PilotAction, WorkingGroup, WorkPackage


class DescribedSerializer(serializers.ModelSerializer):
    """Fills each field's description from ``Meta.help_texts``, then from the model field's
    help text; a field described by neither is a programming error caught by the schema
    test (tests/api/test_schema.py)."""

    def get_fields(self):
        fields = super().get_fields()
        texts = getattr(self.Meta, "help_texts", {})
        for name, field in fields.items():
            if name in texts:
                field.help_text = texts[name]
        return fields


class CountrySerializer(DescribedSerializer):
    class Meta:
        model = Country
        fields = ["id", "iso_code", "name", "programme_status"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "name": ("English name of the country."),
                      "programme_status": ("EU member state or IPA country, where an "
                                            "administrator has set it; empty otherwise.")}


class PartnerSerializer(DescribedSerializer):
    country = serializers.CharField(source="country.iso_code", help_text=(
        "ISO 3166-1 alpha-2 code of the partner's country."))
    url = serializers.SerializerMethodField(help_text=("Address of the partner's page."))

    class Meta:
        model = Partner
        fields = ["id", "name", "short_name", "slug", "country", "city", "type", "website",
                  "is_lead_partner", "url"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "name": ("Full name of the organisation."),
                      "city": ("City of the partner's seat."),
                      "type": ("Kind of organisation."),
                      "website": ("The organisation's own website.")}

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, partner) -> str:
        return self.context["request"].build_absolute_uri(partner.get_absolute_url())


class WorkingGroupSerializer(DescribedSerializer):
    lead_partner = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True, help_text=(
        "Id of the partner that leads the working group, or null."))

    class Meta:
        model = WorkingGroup
        fields = ["id", "code", "title", "description", "lead_partner"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "code": ("Short code, e.g. WG3."),
                      "title": ("Theme of the working group."),
                      "description": ("What the working group does.")}


class DeliverableSerializer(DescribedSerializer):
    work_package = serializers.CharField(source="work_package.code", help_text=(
        "Code of the work package the deliverable belongs to."))
    partner = serializers.PrimaryKeyRelatedField(read_only=True, help_text=(
        "Id of the responsible partner."))

    class Meta:
        model = Deliverable
        fields = ["id", "code", "title", "work_package", "partner", "due_date", "status"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "code": ("Deliverable code, e.g. D3.1."),
                      "title": ("Title of the deliverable."),
                      "due_date": ("When the deliverable is due."),
                      "status": ("Where the deliverable stands.")}


class WorkPackageSerializer(DescribedSerializer):
    lead_partner = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True, help_text=(
        "Id of the partner that leads the work package, or null."))

    class Meta:
        model = WorkPackage
        fields = ["id", "code", "title", "description", "lead_partner", "start_date",
                  "end_date"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "code": ("Short code, e.g. WP3."),
                      "title": ("Title of the work package."),
                      "description": ("What the work package covers."),
                      "start_date": ("First day of the work package."),
                      "end_date": ("Last day of the work package.")}


def _codes(help_text):
    return serializers.SlugRelatedField(many=True, read_only=True, slug_field="code",
                                        help_text=help_text)


class EventSerializer(DescribedSerializer):
    working_groups = _codes("Codes of the working groups the event belongs to.")
    work_packages = _codes("Codes of the work packages the event belongs to.")
    n_registered = serializers.IntegerField(read_only=True, help_text=(
        "How many people have registered."))
    registered = serializers.SerializerMethodField(help_text=(
        "Whether the requesting user is registered."))

    class Meta:
        model = Event
        fields = ["id", "title", "kind", "description", "starts_at", "ends_at", "timezone",
                  "place", "online_url", "capacity", "working_groups", "work_packages",
                  "n_registered", "registered"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "title": ("Title of the event."),
                      "kind": ("Kind of event."),
                      "description": ("What the event is about."),
                      "starts_at": ("Start, ISO 8601 with offset."),
                      "ends_at": ("End, ISO 8601 with offset."),
                      "timezone": ("IANA time zone the event is held in."),
                      "place": ("Where the event takes place."),
                      "online_url": ("Link to join online."),
                      "capacity": ("Most people who can register; null means no limit.")}

    def get_registered(self, event) -> bool:
        return event.pk in self.context.get("registered_ids", ())


class TransferSerializer(DescribedSerializer):
    partner = serializers.PrimaryKeyRelatedField(read_only=True, help_text=(
        "Id of the partner transferring the practice."))

    class Meta:
        model = Transfer
        fields = ["partner", "status", "mentor_offered", "updated_at"]
        help_texts = {"status": ("How far the partner has got in adopting the practice."),
                      "mentor_offered": ("Whether the practice's owner offered mentoring."),
                      "updated_at": ("When the status last changed.")}


class PracticeSerializer(DescribedSerializer):
    country = serializers.SlugRelatedField(
        read_only=True, allow_null=True, slug_field="iso_code",
        help_text="ISO code of the country where the practice runs, or null.")
    partner = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True, help_text=(
        "Id of the responsible partner, or null when an outside organisation is."))
    working_groups = _codes("Codes of the working groups the practice relates to.")
    stage = serializers.SlugRelatedField(read_only=True, allow_null=True, slug_field="number",
                                         help_text=(
        "Number of the operational stage (1 or 2), or null."))
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug",
                                          help_text=("Slugs of the practice's themes."))
    instrument_type = serializers.SlugRelatedField(read_only=True, allow_null=True,
                                                   slug_field="slug",
                                                   help_text=("Slug of the instrument type."))
    transfers = TransferSerializer(many=True, read_only=True, help_text=(
        "Partners transferring the practice to their region."))
    url = serializers.SerializerMethodField(help_text=("Address of the practice's page."))
    language = serializers.CharField(source="locale.language_code", help_text=(
        "Language of this version of the practice."))

    class Meta:
        model = GoodPracticePage
        fields = ["id", "title", "language", "summary", "visibility", "country", "region",
                  "partner", "organisation", "working_groups", "stage", "themes",
                  "instrument_type", "start_date", "end_date", "first_published_at",
                  "website", "transfers", "url"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "title": ("Title of the practice."),
                      "first_published_at": ("When the practice was first published."),
                      "website": ("The practice's own website.")}

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, practice) -> str:
        return practice.get_full_url(self.context["request"]) or ""


class ConsultationSerializer(DescribedSerializer):
    working_group = serializers.SlugRelatedField(
        read_only=True, allow_null=True, slug_field="code",
        help_text="Code of the working group that runs the consultation, or null.")
    work_package = serializers.SlugRelatedField(read_only=True, allow_null=True,
                                                slug_field="code", help_text=(
        "Code of the work package the consultation belongs to, or null."))
    n_comments = serializers.IntegerField(read_only=True, help_text=(
        "Comments shown to readers (not hidden, not deleted)."))

    class Meta:
        model = Consultation
        fields = ["id", "title", "background", "audience", "state", "opens_at", "closes_at",
                  "working_group", "work_package", "summary", "summary_published_at",
                  "rating_question", "n_comments"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "title": ("Title of the consultation."),
                      "opens_at": ("When comments open."),
                      "background": ("Sanitised HTML: what the consultation asks."),
                      "audience": ("Who may read and take part."),
                      "state": ("Draft, open, closed or summarised."),
                      "summary": ("Official summary and response, once published."),
                      "summary_published_at": ("When the summary was published."),
                      "rating_question": ("The rating poll's question, if any.")}


class CommentSerializer(serializers.Serializer):
    """A comment as the thread page shows it: hidden and deleted ones keep their place in the
    thread but not their text."""

    id = serializers.IntegerField(source="pk", help_text=("Stable numeric identifier."))
    parent = serializers.IntegerField(source="parent_id", allow_null=True, help_text=(
        "Id of the comment this one replies to, or null."))
    depth = serializers.IntegerField(help_text=("Level in the thread, 0 for top level."))
    author = serializers.SerializerMethodField(help_text=("Name of the author."))
    participant_type = serializers.SerializerMethodField(help_text=(
        "partner, stakeholder or other."))
    organisation = serializers.SerializerMethodField(help_text=(
        "The author's partner or stakeholder organisation."))
    body_html = serializers.SerializerMethodField(help_text=(
        "Sanitised HTML of the comment; empty when hidden or deleted."))
    created_at = serializers.DateTimeField(help_text=("When it was posted."))
    edited_at = serializers.DateTimeField(allow_null=True, help_text=(
        "When it was last edited, or null."))
    is_hidden = serializers.BooleanField(help_text=("Hidden by a moderator."))
    is_deleted = serializers.BooleanField(help_text=("Deleted by its author."))
    n_agree = serializers.IntegerField(help_text=("Agree reactions."))
    n_disagree = serializers.IntegerField(help_text=("Disagree reactions."))

    def get_author(self, comment) -> str:
        return "" if comment.is_deleted else str(comment.author)

    def get_participant_type(self, comment) -> str:
        return comment.who["type"]

    def get_organisation(self, comment) -> str:
        return str(comment.who["partner"] or "")

    def get_body_html(self, comment) -> str:
        return "" if comment.is_hidden or comment.is_deleted else comment.body_html


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(help_text=(
        "The comment, text or simple HTML; unsafe markup such as scripts is removed. The "
        "length limit is the consultation's (CONSULTATION_COMMENT_MAX_CHARS)."))
    parent = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                      help_text=("Id of the comment to reply to."))


class CountRowSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=("Partner or country."))
    comments = serializers.IntegerField(help_text=("Comments shown."))


class TypeCountSerializer(serializers.Serializer):
    comments = serializers.IntegerField(help_text=("Comments shown."))
    people = serializers.IntegerField(help_text=("Distinct authors."))


class ResultsSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text=("Every comment ever posted."))
    shown = serializers.IntegerField(help_text=("Comments shown to readers."))
    hidden = serializers.IntegerField(help_text=("Comments hidden by moderators."))
    deleted = serializers.IntegerField(help_text=("Comments deleted by their authors."))
    by_partner = CountRowSerializer(many=True, help_text=("Shown comments per partner."))
    by_country = CountRowSerializer(many=True, help_text=("Shown comments per country."))
    by_type = serializers.DictField(child=TypeCountSerializer(), help_text=(
        "Per participant type (partner, stakeholder, other)."))
    ratings = serializers.DictField(child=serializers.IntegerField(), help_text=(
        "Answers to the rating poll per value 1–5."))
    n_ratings = serializers.IntegerField(help_text=("Answers to the rating poll."))
    mean_rating = serializers.FloatField(allow_null=True, help_text=(
        "Mean answer, or null without answers."))


class OpportunitySerializer(DescribedSerializer):
    partner = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True, help_text=(
        "Id of the partner offering or requesting, or null for a stakeholder organisation."))
    country = serializers.SlugRelatedField(read_only=True, slug_field="iso_code", help_text=(
        "ISO code of the owner's country."))
    sectors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code",
                                           help_text=("NACE codes of the sectors."))

    class Meta:
        model = Opportunity
        fields = ["id", "direction", "kind", "title", "description", "partner",
                  "organisation_name", "country", "sectors", "deadline", "status",
                  "published_at"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "direction": ("offer or request."),
                      "kind": ("What kind of cooperation."),
                      "title": ("Title of the opportunity."),
                      "description": ("What is offered or sought."),
                      "organisation_name": ("The stakeholder organisation, when no partner."),
                      "deadline": ("Last day to express interest, or null."),
                      "status": ("Moderation status; others see only published ones."),
                      "published_at": ("When a moderator published it.")}


class ProfileSerializer(DescribedSerializer):
    partner = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True, help_text=(
        "Id of the partner, or null for a stakeholder organisation."))
    country = serializers.SlugRelatedField(read_only=True, slug_field="iso_code", help_text=(
        "ISO code of the organisation's country."))
    sectors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code",
                                           help_text=("NACE codes of the sectors."))

    class Meta:
        model = Profile
        fields = ["id", "partner", "organisation_name", "country", "sectors", "regions",
                  "size", "offers", "seeks", "languages", "updated_at"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "organisation_name": ("The stakeholder organisation, when no partner."),
                      "size": ("Size of the organisation."),
                      "offers": ("What the organisation offers."),
                      "seeks": ("What the organisation seeks."),
                      "updated_at": ("When the profile last changed.")}


class PilotActionSerializer(DescribedSerializer):
    working_group = serializers.CharField(source="working_group.code", help_text=(
        "Code of the working group running the pilot."))
    stage = serializers.IntegerField(source="stage.number", help_text=(
        "Number of the operational stage."))
    partner = serializers.PrimaryKeyRelatedField(read_only=True, help_text=(
        "Id of the partner hosting the pilot."))

    class Meta:
        model = PilotAction
        fields = ["id", "title", "objectives", "region", "working_group", "stage", "partner",
                  "status", "created_at", "updated_at"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "title": ("Title of the pilot action."),
                      "objectives": ("What the pilot sets out to show."),
                      "region": ("Where it runs."),
                      "status": ("Lifecycle status."),
                      "created_at": ("When it was proposed."),
                      "updated_at": ("When it last changed.")}


class NotificationSerializer(DescribedSerializer):
    verb = serializers.CharField(source="activity.verb", help_text=(
        "What happened, as a stable code (e.g. consultation.opened)."))
    actor = serializers.SerializerMethodField(help_text=("Who did it, or empty."))
    target = serializers.CharField(source="activity.target_label", help_text=(
        "What it happened to."))
    target_url = serializers.SerializerMethodField(help_text=("Where to read more."))
    is_read = serializers.BooleanField(read_only=True, help_text=("Whether it was read."))

    class Meta:
        model = Notification
        fields = ["id", "category", "verb", "actor", "target", "target_url", "created_at",
                  "read_at", "is_read"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "category": ("Notification category."),
                      "created_at": ("When it happened."),
                      "read_at": ("When it was marked read, or null.")}

    def get_actor(self, notification) -> str:
        actor = notification.activity.actor
        return str(actor) if actor else ""

    @extend_schema_field(OpenApiTypes.STR)
    def get_target_url(self, notification) -> str:
        url = notification.activity.target_url
        return self.context["request"].build_absolute_uri(url) if url else ""


class MarkedReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=("How many notifications were marked read."))


class DocumentSerializer(DescribedSerializer):
    partner = serializers.PrimaryKeyRelatedField(read_only=True, help_text=(
        "Id of the partner whose workspace holds the document."))
    filename = serializers.CharField(source="current_version.filename", default="",
                                     help_text=("File name of the current version."))
    size = serializers.IntegerField(source="current_version.size", default=0,
                                    help_text=("Size of the current version in bytes."))
    url = serializers.SerializerMethodField(help_text=("Address of the document's page."))

    class Meta:
        model = Document
        fields = ["id", "title", "description", "partner", "visibility", "filename", "size",
                  "created_at", "updated_at", "url"]
        help_texts = {"id": ("Stable numeric identifier."),
                      "title": ("Title of the document."),
                      "description": ("What the document is."),
                      "visibility": ("Who it is shared with."),
                      "created_at": ("When it was uploaded."),
                      "updated_at": ("When it last changed.")}

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, document) -> str:
        return self.context["request"].build_absolute_uri(document.get_absolute_url())


class DocumentUploadSerializer(serializers.Serializer):
    title = serializers.CharField(help_text=("Title of the document (at most 200 characters)."))
    description = serializers.CharField(required=False, allow_blank=True, default="",
                                        help_text=("What the document is."))
    file = serializers.FileField(help_text=(
        "The file; its type is checked by content and must match its extension."))


class RegistrationSerializer(serializers.Serializer):
    event = serializers.IntegerField(help_text=("Id of the event."))
    registered = serializers.BooleanField(help_text=("Whether the user is now registered."))


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=("Why the request was refused."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text="For invalid input: the messages per field.")
