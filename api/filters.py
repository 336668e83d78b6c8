"""Query filters of the list endpoints (django-filter). Where a filter is a rule the
owning app already has (a consultation's phase), it asks that app's selector."""
import django_filters
from django.utils import timezone

from consultations.selectors import consultation_list
from knowledge.models import GoodPracticePage
from matchmaking.models import Opportunity
from notifications.models import Notification
from partners.models import Partner
from workgroups.models import Deliverable, Event, PilotAction


class PartnerFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="country__iso_code", lookup_expr="iexact",
                                        help_text=("ISO code of the partner's country."))
    type = django_filters.ChoiceFilter(choices=Partner.Type.choices,
                                       help_text=("Kind of organisation."))

    class Meta:
        model = Partner
        fields = ["country", "type"]


class DeliverableFilter(django_filters.FilterSet):
    work_package = django_filters.CharFilter(field_name="work_package__code",
                                             help_text=("Code of the work package."))
    status = django_filters.ChoiceFilter(choices=Deliverable.Status.choices,
                                         help_text=("Where the deliverable stands."))

    class Meta:
        model = Deliverable
        fields = ["work_package", "status"]


class EventFilter(django_filters.FilterSet):
    upcoming = django_filters.BooleanFilter(method="filter_upcoming", help_text=(
        "true: events not yet over; false: past events."))
    working_group = django_filters.CharFilter(field_name="working_groups__code", distinct=True,
                                              help_text=("Code of a working group."))
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, help_text=("Kind of event."))

    class Meta:
        model = Event
        fields = ["upcoming", "working_group", "kind"]

    def filter_upcoming(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(ends_at__gte=now) if value else queryset.filter(ends_at__lt=now)


class PracticeFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="country__iso_code", lookup_expr="iexact",
                                        help_text=("ISO code of the practice's country."))
    working_group = django_filters.CharFilter(field_name="working_groups__code", distinct=True,
                                              help_text=("Code of a working group."))
    theme = django_filters.CharFilter(field_name="themes__slug", distinct=True,
                                      help_text="Slug of a theme.")
    stage = django_filters.NumberFilter(field_name="stage__number",
                                        help_text=("Operational stage, 1 or 2."))
    language = django_filters.CharFilter(field_name="locale__language_code",
                                         help_text=("Language code, e.g. en or bg."))

    class Meta:
        model = GoodPracticePage
        fields = ["country", "working_group", "theme", "stage", "language"]


class ConsultationFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(
        method="filter_phase", choices=[("open", ("open")), ("closed", ("closed")),
                                        ("draft", ("draft"))],
        help_text=("open, closed (including past their deadline) or draft."))
    working_group = django_filters.CharFilter(field_name="working_group__code",
                                              help_text=("Code of the working group."))

    def filter_phase(self, queryset, name, value):
        return queryset.filter(id__in=consultation_list(self.request.user, phase=value)
                               .values("id"))


class OpportunityFilter(django_filters.FilterSet):
    direction = django_filters.ChoiceFilter(choices=Opportunity.Direction.choices,
                                            help_text=("offer or request."))
    kind = django_filters.ChoiceFilter(choices=Opportunity.Kind.choices,
                                       help_text=("Kind of cooperation."))
    country = django_filters.CharFilter(field_name="country__iso_code", lookup_expr="iexact",
                                        help_text=("ISO code of the owner's country."))
    sector = django_filters.CharFilter(field_name="sectors__code", distinct=True,
                                       help_text=("NACE code of a sector."))

    class Meta:
        model = Opportunity
        fields = ["direction", "kind", "country", "sector"]


class PilotActionFilter(django_filters.FilterSet):
    working_group = django_filters.CharFilter(field_name="working_group__code",
                                              help_text=("Code of the working group."))
    status = django_filters.ChoiceFilter(choices=PilotAction.Status.choices,
                                         help_text=("Lifecycle status."))
    stage = django_filters.NumberFilter(field_name="stage__number",
                                        help_text=("Operational stage, 1 or 2."))

    class Meta:
        model = PilotAction
        fields = ["working_group", "status", "stage"]


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull",
                                          help_text=("true: only unread notifications."))

    class Meta:
        model = Notification
        fields = ["unread"]
