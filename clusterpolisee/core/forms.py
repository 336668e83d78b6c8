"""Helpers shared by the apps' forms."""
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .dates import validate_sensible_date


def refusal_texts(error) -> list[str]:
    """What a service's refusal says: a ValidationError's messages, or a PermissionDenied's
    own message (a general one when it has none)."""
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error) or gettext("You may not do this.")]


def flash_refusal(request, error) -> None:
    """A service's refusal of a POST that answers with a redirect: its texts travel to the
    next page as messages."""
    for text in refusal_texts(error):
        messages.error(request, text)


def add_service_errors(form, error) -> None:
    """Show a service's ValidationError on the form: on its field when the service named one
    the form has, otherwise at the top of the form (a PermissionDenied's message too)."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, refusal_texts(error)[0])
    elif hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class PlainSelect(forms.Select):
    """A ``<select>`` written in Python rather than through the widget templates, which
    render each ``<option>`` as a template of its own: for filter forms with a few dozen
    options on busy list pages. Same attributes and escaping as ``forms.Select``; no
    option groups."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((option["value"], mark_safe(" selected") if option["selected"] else "",
              option["label"])
             for _group, group_options, _index in context["optgroups"]
             for option in group_options))
        return format_html('<select name="{}"{}>{}</select>', context["name"],
                           flatatt(context["attrs"]), options)


class SensibleDatesMixin:
    """A form whose every date and date-time field refuses years outside
    EARLIEST_YEAR–LATEST_YEAR with a readable message (validate_sensible_date)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, (forms.DateField, forms.DateTimeField)):
                field.validators.append(validate_sensible_date)
