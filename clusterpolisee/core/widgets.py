"""The browser's own date pickers. Their value is always ISO 8601 whatever the interface
language (a `type=date` input shows it in the reader's locale and posts it back as ISO), so
the widgets render that format rather than the active locale's input format."""
from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class LanguageSelect(forms.Select):
    """Languages named in themselves, each option marked with its language (``lang``), so
    that a screen reader pronounces "Deutsch" in German."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option
