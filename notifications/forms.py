from django import forms
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.models import Category

from .models import Channel


class PreferencesForm(forms.Form):
    """One choice per category of activity."""

    def __init__(self, *args, initial_channels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for category in Category:
            self.fields[category.value] = forms.ChoiceField(
                label=category.label, choices=Channel.choices,
                initial=initial_channels[category.value],
                help_text=_("Public news in this category reaches you only if you choose "
                            "something other than the default here."),
            )
