"""Portal forms of the library: search with facets, partner submissions, transfers."""
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.forms import PlainSelect, SensibleDatesMixin
from clusterpolisee.core.widgets import DateInput
from partners.uploads import check_upload

from .models import GoodPracticePage, Transfer


class LibrarySearchForm(forms.Form):
    SORT_CHOICES = [("relevance", _("Relevance")), ("date", _("Newest first"))]
    # each facet: its label and the choice meaning "any value"
    FACET_FIELDS = {
        "country": (_("Country"), _("Any country")),
        "wg": (_("Working group"), _("Any working group")),
        "stage": (_("Operational stage"), _("Any stage")),
        "theme": (_("Theme"), _("Any theme")),
        "instrument": (_("Policy instrument"), _("Any instrument")),
    }

    q = forms.CharField(label=_("Search the library"), required=False, max_length=200)
    country = forms.ChoiceField(required=False, widget=PlainSelect)
    wg = forms.ChoiceField(required=False, widget=PlainSelect)
    stage = forms.ChoiceField(required=False, widget=PlainSelect)
    theme = forms.ChoiceField(required=False, widget=PlainSelect)
    instrument = forms.ChoiceField(required=False, widget=PlainSelect)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        from .selectors import library_taxonomy

        super().__init__(*args, **kwargs)
        taxonomy = library_taxonomy()
        for name, (label, any_value) in self.FACET_FIELDS.items():
            self.fields[name].label = label
            self.fields[name].choices = [("", any_value), *taxonomy[name]]

    def facet_values(self) -> dict:
        """The chosen facets as plain keys; invalid choices are ignored (with a message)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "country": data.get("country") or "",
            "wg": data.get("wg") or "",
            "stage": int(data["stage"]) if data.get("stage") else None,
            "theme": data.get("theme") or "",
            "instrument": data.get("instrument") or "",
        }


SUBMISSION_FIELDS = [
    "title", "summary", "description", "visibility", "country", "region", "organisation",
    "working_groups", "stage", "themes", "instrument_type", "start_date", "end_date",
    "budget", "evidence", "indicators", "lessons", "transfer_potential", "contact_name",
    "contact_email", "website", "latitude", "longitude",
]
ATTACHMENT_EXTENSIONS = sorted(set(settings.WAGTAILDOCS_EXTENSIONS) & {
    "pdf", "docx", "xlsx", "pptx", "odt", "csv"})


class PracticeSubmissionForm(SensibleDatesMixin, forms.Form):
    """The practice's fields for partner staff, who never enter the CMS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].label = _("Full description")
        self.fields["description"].help_text = _(
            "Context, how it works, who runs it. Plain text; blank lines separate paragraphs.")
        self.fields["description"].required = True
        self.fields["title"].help_text = _("A short name for the practice.")

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        name, _content_type = check_upload(upload)
        ext = name.rpartition(".")[2].lower()
        if ext not in ATTACHMENT_EXTENSIONS:
            raise ValidationError(
                _("Files of type “%(ext)s” cannot be attached to a practice. Allowed: "
                  "%(allowed)s.") % {"ext": ext, "allowed": ", ".join(ATTACHMENT_EXTENSIONS)})
        upload.name = name
        return upload

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data


# Generated from the page model so labels and help texts are the CMS editors' ones.
PracticeSubmissionForm.base_fields = {
    **fields_for_model(
        GoodPracticePage, fields=SUBMISSION_FIELDS,
        widgets={
            "start_date": DateInput(),
            "end_date": DateInput(),
            "working_groups": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
        },
    ),
    "attachment": forms.FileField(
        label=_("Attachment"), required=False,
        help_text=_("Optional: one document (PDF, DOCX, XLSX, PPTX, ODT or CSV)."),
    ),
}


class ExpertOpinionForm(forms.Form):
    opinion = forms.CharField(
        label=_("Expert opinion"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
        help_text=_("Plain text, at most 5,000 characters; blank lines separate paragraphs. "
                    "It is shown on the practice page with your name."))


class TransferForm(forms.Form):
    status = forms.ChoiceField(label=_("Your partner's status"), choices=Transfer.Status.choices)
