"""Forms of the matchmaking pages; services do the checking that needs the database."""
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.forms import SensibleDatesMixin
from clusterpolisee.core.widgets import DateInput, DateTimeLocalInput
from partners.models import Country

from .models import Interest, Opportunity, Profile, Sector


class ProfileForm(forms.ModelForm):
    sectors = forms.ModelMultipleChoiceField(Sector.objects.all(), required=False,
                                             widget=forms.CheckboxSelectMultiple,
                                             label=_("Sectors"))
    countries = forms.ModelMultipleChoiceField(Country.objects.all(), required=False,
                                               widget=forms.CheckboxSelectMultiple,
                                               label=_("Countries active in"))

    class Meta:
        model = Profile
        fields = ["sectors", "countries", "regions", "size", "offers", "seeks", "languages",
                  "contact_persons"]
        widgets = {"offers": forms.Textarea(attrs={"rows": 4}),
                   "seeks": forms.Textarea(attrs={"rows": 4}),
                   "contact_persons": forms.Textarea(attrs={"rows": 3})}


class OpportunityForm(SensibleDatesMixin, forms.ModelForm):
    sectors = forms.ModelMultipleChoiceField(Sector.objects.all(),
                                             widget=forms.CheckboxSelectMultiple,
                                             label=_("Sectors"))
    target_countries = forms.ModelMultipleChoiceField(
        Country.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Target countries"), help_text=_("None means any country."))

    class Meta:
        model = Opportunity
        fields = ["direction", "kind", "title", "description", "sectors", "target_countries",
                  "deadline"]
        widgets = {"direction": forms.RadioSelect, "deadline": DateInput(),
                   "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # radio buttons: no blank "---------" choice, and none ticked until the author picks
        self.fields["direction"].choices = Opportunity.Direction.choices


class RetagForm(forms.Form):
    kind = forms.ChoiceField(choices=Opportunity.Kind.choices, label=_("Kind"))
    sectors = forms.ModelMultipleChoiceField(Sector.objects.all(), label=_("Sectors"),
                                             widget=forms.CheckboxSelectMultiple)
    target_countries = forms.ModelMultipleChoiceField(
        Country.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Target countries"))


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        ("publish", _("Publish")), ("return", _("Return to the author with a comment")),
        ("reject", _("Reject"))])
    comment = forms.CharField(label=_("Comment to the author"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Number of the opportunity to keep"), min_value=1,
                              help_text=_("This one is marked as its duplicate and its "
                                          "expressions of interest move there."))


class InterestForm(forms.ModelForm):
    class Meta:
        model = Interest
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        labels = {"message": _("Your message to the coordinators")}


class BrokerForm(forms.Form):
    to_state = forms.ChoiceField(label=_("Move to"), choices=Interest.State.choices)
    comment = forms.CharField(label=_("Comment (the reason, when declining)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class SlotForm(SensibleDatesMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts (event's local time)"),
                                    widget=DateTimeLocalInput(),
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    minutes = forms.IntegerField(label=_("Length in minutes"), initial=30, min_value=10,
                                 max_value=120)

    def __init__(self, *args, event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)

    def clean_starts_at(self):
        # the person types the time where the event happens, not their own time zone
        value = self.cleaned_data["starts_at"]
        naive = value.replace(tzinfo=None)
        return naive.replace(tzinfo=zoneinfo.ZoneInfo(self.event.timezone))


class CoordinateFilter(forms.Form):
    country = forms.ModelChoiceField(Country.objects.all(), required=False, label=_("Country"))
    sector = forms.ModelChoiceField(Sector.objects.all(), required=False, label=_("Sector"))
    status = forms.ChoiceField(choices=[("", _("Any"))] + Opportunity.Status.choices,
                               required=False, label=_("Status"))


class OpportunityFilter(forms.Form):
    direction = forms.ChoiceField(choices=[("", _("Any"))] + Opportunity.Direction.choices,
                                  required=False, label=_("Offer or request"))
    kind = forms.ChoiceField(choices=[("", _("Any"))] + Opportunity.Kind.choices,
                             required=False, label=_("Kind"))
    sector = forms.ModelChoiceField(Sector.objects.all(), required=False, label=_("Sector"))
    country = forms.ModelChoiceField(Country.objects.all(), required=False, label=_("Country"))


