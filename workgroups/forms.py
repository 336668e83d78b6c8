"""Forms for WG spaces, pilot actions, SC decisions and events."""
import zoneinfo

import django_filters
from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.forms import SensibleDatesMixin
from clusterpolisee.core.widgets import DateTimeLocalInput
from partners.models import Country
from partners.selectors import active_partners

from .models import (
    Decision,
    Event,
    Finding,
    OperationalStage,
    PilotAction,
    Topic,
    Vote,
    WorkingGroup,
)


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"body": ""}  # the Markdown help sits under the field, with Preview

    def __init__(self, *args, **kwargs):
        # the WG space shows this form beside the finding form: ids of its own
        kwargs.setdefault("auto_id", "topic_%s")
        super().__init__(*args, **kwargs)


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}),
                           max_length=10000)


class TopicEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}),
                           max_length=10000)


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["stage", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "finding_%s")
        super().__init__(*args, **kwargs)


class JoinRequestForm(forms.Form):
    message = forms.CharField(label=_("Why your partner wants to join (optional)"),
                              required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=2000)


class PilotForm(forms.ModelForm):
    class Meta:
        model = PilotAction
        fields = ["title", "stage", "region", "partner", "objectives"]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = active_partners()


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=14, decimal_places=2,
                                  required=False)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2,
                                required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") and (cleaned.get("baseline") is None
                                    or cleaned.get("target") is None):
            raise forms.ValidationError(_("Give a baseline and a target for each indicator."))
        return cleaned


IndicatorFormSet = formset_factory(IndicatorForm, extra=3, max_num=10)


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class EvaluationForm(forms.Form):
    method = forms.CharField(label=_("Method"), widget=forms.Textarea(attrs={"rows": 3}))
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))
    lessons = forms.CharField(label=_("Lessons learned"),
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"achieved_{indicator.pk}"] = forms.DecimalField(
                label=_("%(name)s: achieved") % {"name": indicator.name}, max_digits=14,
                decimal_places=2, initial=indicator.achieved)
            self.fields[f"score_{indicator.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s: score") % {"name": indicator.name}, coerce=int,
                choices=[(n, str(n)) for n in range(1, 6)], initial=indicator.score)

    def results(self):
        return {i.pk: (self.cleaned_data[f"achieved_{i.pk}"], self.cleaned_data[f"score_{i.pk}"])
                for i in self.indicators}


class PilotFilter(django_filters.FilterSet):
    working_group = django_filters.ModelChoiceFilter(
        queryset=WorkingGroup.objects.all(), to_field_name="code", label=_("Working group"),
        empty_label=_("All working groups"))
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(), field_name="partner__country", to_field_name="iso_code",
        label=_("Country"), empty_label=_("All countries"))
    stage = django_filters.ModelChoiceFilter(
        queryset=OperationalStage.objects.all(), to_field_name="number", label=_("Stage"),
        empty_label=_("Both stages"))
    status = django_filters.ChoiceFilter(choices=PilotAction.Status.choices, label=_("Status"),
                                         empty_label=_("Any status"))

    class Meta:
        model = PilotAction
        fields = ["working_group", "country", "stage", "status"]


class DecisionForm(SensibleDatesMixin, forms.ModelForm):
    quorum = forms.IntegerField(label=_("Quorum"), required=False, min_value=1,
                                help_text=_("Empty: more than half of the partners."))

    class Meta:
        model = Decision
        fields = ["title", "text", "meeting", "deadline"]
        widgets = {"deadline": DateTimeLocalInput(), "text": forms.Textarea(attrs={"rows": 5})}


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your partner's vote"), choices=Vote.Choice.choices,
                               widget=forms.RadioSelect)


TIME_ZONES = sorted(zoneinfo.available_timezones() & {
    "Europe/Rome", "Europe/Vienna", "Europe/Sofia", "Europe/Athens", "Europe/Budapest",
    "Europe/Bucharest", "Europe/Bratislava", "Europe/Ljubljana", "Europe/Tirane",
    "Europe/Zagreb", "Europe/Belgrade", "Europe/Brussels", "UTC"})


class EventForm(SensibleDatesMixin, forms.ModelForm):
    timezone = forms.ChoiceField(label=_("Time zone"), choices=[(z, z) for z in TIME_ZONES],
                                 initial="Europe/Sofia",
                                 help_text=_("Start and end are in this time zone."))
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeLocalInput())

    class Meta:
        model = Event
        fields = ["title", "kind", "description", "timezone", "starts_at", "ends_at", "place",
                  "online_url", "capacity", "working_groups", "work_packages"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}),
                   "working_groups": forms.CheckboxSelectMultiple,
                   "work_packages": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["online_url"].assume_scheme = "https"
        if self.instance.pk:
            zone = zoneinfo.ZoneInfo(self.instance.timezone)
            for name in ("starts_at", "ends_at"):
                self.initial[name] = timezone.localtime(getattr(self.instance, name), zone
                                                        ).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone = zoneinfo.ZoneInfo(cleaned.get("timezone") or "UTC")
        for name in ("starts_at", "ends_at"):
            value = cleaned.get(name)
            if value is not None:
                # the widget's wall-clock time is the event's local time, not the viewer's
                cleaned[name] = value.replace(tzinfo=None).replace(tzinfo=zone)
        if cleaned.get("starts_at") and cleaned.get("ends_at") and (
                cleaned["ends_at"] <= cleaned["starts_at"]):
            self.add_error("ends_at", _("The event must end after it starts."))
        return cleaned
