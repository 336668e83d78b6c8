from django import forms
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.models import Category

from .models import Channel


class PreferencesForm(forms.Form):
    """One choice per category of activity, and the categories of public news wanted."""

    def __init__(self, *args, initial_channels: dict[str, str], initial_public: set[str],
                 **kwargs):
        super().__init__(*args, **kwargs)
        for category in Category:
            self.fields[category.value] = forms.ChoiceField(
                label=category.label, choices=Channel.choices,
                initial=initial_channels[category.value])
        self.fields["public_news"] = forms.MultipleChoiceField(
            label=_("Public news"), choices=Category.choices, required=False,
            widget=forms.CheckboxSelectMultiple, initial=sorted(initial_public),
            help_text=_("News that is public to everybody reaches you only in the categories "
                        "ticked here."))

    def channels(self) -> dict[str, str]:
        return {c: self.cleaned_data[c] for c in Category.values}
