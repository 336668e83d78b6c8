"""Forms of the strategy pages; the rules beyond field types live in the services."""
from django import forms
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.widgets import DateTimeLocalInput
from workgroups.models import Deliverable, WorkPackage

from . import services
from .models import StrategyDocument

MARKDOWN_HELP = _("Markdown: a blank line starts a new paragraph; **bold**, *italics*, lists "
                  "and links are kept.")


class DocumentForm(forms.ModelForm):
    class Meta:
        model = StrategyDocument
        fields = ["title", "kind", "work_package", "deliverable"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_package"].queryset = WorkPackage.objects.order_by("code")
        self.fields["deliverable"].queryset = Deliverable.objects.select_related(
            "work_package").order_by("code")


class ChapterCreateForm(forms.Form):
    title = forms.CharField(label=_("Chapter title"), max_length=200)
    text = forms.CharField(label=_("Text"), help_text=MARKDOWN_HELP,
                           widget=forms.Textarea(attrs={"rows": 12}))


class ChapterEditForm(forms.Form):
    """The title, one box per paragraph (emptied: removed) and a box for new ones."""

    base_version = forms.IntegerField(label="", widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Chapter title"), max_length=200)

    def __init__(self, *args, chapter, **kwargs):
        super().__init__(*args, **kwargs)
        self.paragraph_fields = []
        for paragraph in chapter.paragraphs.order_by("position"):
            name = f"p_{paragraph.pk}"
            self.fields[name] = forms.CharField(
                label=_("Paragraph %(n)s") % {"n": paragraph.number}, required=False,
                initial=paragraph.text, max_length=services.PARAGRAPH_MAX_CHARS,
                help_text=_("Empty it to remove the paragraph."),
                widget=forms.Textarea(attrs={"rows": 4}))
            self.paragraph_fields.append((paragraph.pk, name))
        self.fields["new_text"] = forms.CharField(
            label=_("New paragraphs at the end"), required=False, help_text=MARKDOWN_HELP,
            widget=forms.Textarea(attrs={"rows": 4}))

    def texts(self) -> dict:
        return {pk: self.cleaned_data.get(name, "") for pk, name in self.paragraph_fields}


class PhaseForm(forms.Form):
    closes_at = forms.DateTimeField(label=_("Comments close"), widget=DateTimeLocalInput(),
                                    help_text=_("In the platform's time zone."))
    include_stakeholders = forms.BooleanField(
        label=_("Approved stakeholders take part too"), required=False,
        help_text=_("Otherwise the staff of every partner."))


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}))
    parent = forms.IntegerField(label="", required=False, widget=forms.HiddenInput)


class AmendmentForm(forms.Form):
    base_revision = forms.IntegerField(label="", widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Proposed wording"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The whole paragraph as you would have it; at most %(n)s characters.")
        % {"n": services.AMENDMENT_MAX_CHARS}, strip=True)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Why the paragraph should say this."))


class DecideForm(forms.Form):
    reply = forms.CharField(label=_("Reply to the author"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("Required when rejecting."))


class VoteForm(forms.Form):
    deadline = forms.DateTimeField(label=_("Voting deadline"), widget=DateTimeLocalInput())
    publish_if_adopted = forms.BooleanField(
        label=_("Publish to everybody once adopted"), required=False,
        help_text=_("Otherwise the adopted version is open to the staff of every partner."))


class CoEditorForm(forms.Form):
    email = forms.EmailField(label=_("Co-editor's e-mail"))
