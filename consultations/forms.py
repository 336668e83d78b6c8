"""Forms of the consultation pages; validation beyond field types lives in the services."""
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.forms import SensibleDatesMixin
from clusterpolisee.core.widgets import DateTimeLocalInput
from workgroups.selectors import public_working_groups

from .models import Consultation, Reaction


class ConsultationForm(SensibleDatesMixin, forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["title", "background", "working_group", "work_package", "audience",
                  "opens_at", "closes_at", "rating_question"]
        widgets = {
            "background": forms.Textarea(attrs={"rows": 8}),
            "opens_at": DateTimeLocalInput(),
            "closes_at": DateTimeLocalInput(),
        }
        help_texts = {
            "opens_at": _("In the platform's time zone (Europe/Sofia)."),
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Add a document"),
                           help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, "
                                       "GIF or CSV."))


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text; you may use <strong>, <em>, lists, quotes and links."))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # counted by the service, after markup is removed; the browser limit only helps
        self.fields["body"].widget.attrs["maxlength"] = settings.CONSULTATION_COMMENT_MAX_CHARS


class CommentEditForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 6}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class BlockForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = participants


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Official summary and response"), widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What you heard and what the project will do about it. Participants are "
                    "notified when you publish it."))


class RatingForm(forms.Form):
    value = forms.TypedChoiceField(label=_("Your rating"), coerce=int,
                                   choices=[(n, str(n)) for n in range(1, 6)],
                                   widget=forms.RadioSelect)


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.Kind.choices)


class ListFilterForm(forms.Form):
    PHASES = [("", _("All")), ("open", _("Open")), ("closed", _("Closed"))]
    phase = forms.ChoiceField(label=_("State"), choices=PHASES, required=False)
    wg = forms.ModelChoiceField(label=_("Working group"), required=False,
                                queryset=public_working_groups(),
                                to_field_name="code", empty_label=_("All working groups"))


class ModerationQueueFilterForm(forms.Form):
    STATES = [("flagged", _("Flagged, waiting for a moderator")), ("hidden", _("Hidden"))]
    state = forms.ChoiceField(label=_("Show"), choices=STATES, required=False)
    consultation = forms.ModelChoiceField(label=_("Consultation"), queryset=None,
                                          required=False, empty_label=_("All consultations"))
    wg = forms.ModelChoiceField(label=_("Working group"), required=False,
                                queryset=public_working_groups(),
                                to_field_name="code", empty_label=_("All working groups"))
    reason = forms.CharField(label=_("Reason contains"), max_length=100, required=False)

    def __init__(self, *args, consultations, **kwargs):
        super().__init__(*args, **kwargs)
        # only the consultations this moderator moderates can be chosen
        self.fields["consultation"].queryset = consultations.order_by("title", "id")
