"""Forms partner admins use on their own partner."""
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .logos import reencode_logo
from .models import Document, Folder, Membership, Note, Partner
from .sharing import share_groups


class PartnerProfileForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = ["short_name", "city", "website", "description", "logo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # A new upload is re-encoded (partners.logos); the stored logo is kept as it is.
        if logo and hasattr(logo, "content_type"):
            try:
                return reencode_logo(logo)
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return logo


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the colleague"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices,
                             initial=Membership.Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class InvitationSignupForm(forms.Form):
    """Create an account for the invited address; the e-mail is proven by the link."""

    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False)
    password2 = forms.CharField(label=_("Password (again)"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False)

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        from django.contrib.auth import password_validation

        from clusterpolisee.users.models import User

        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(
                    p1, User(email=self.email, full_name=cleaned.get("full_name", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class FolderForm(forms.ModelForm):
    class Meta:
        model = Folder
        fields = ["name"]
        labels = {"name": _("New folder")}


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["title", "folder", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"body": ""}  # the Markdown help sits under the field, with Preview

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = Folder.objects.filter(partner=partner)
        if self.instance.pk and not self.is_bound:
            # edit what the author typed; notes written before Markdown have only HTML
            self.initial["body"] = self.instance.source or self.instance.body


class DocumentForm(forms.ModelForm):
    """Upload a new document (with ``with_file``) or edit its description and tags.

    The tags are the document's own many-to-many fields; their choices (every working
    group, every work package) come from the model, so this form imports no feature app."""

    file = forms.FileField(label=_("File"), required=True,
                           help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, images or "
                                       "CSV."))
    field_order = ["title", "description", "folder", "file", "working_groups",
                   "work_packages"]

    class Meta:
        model = Document
        fields = ["title", "description", "folder", "working_groups", "work_packages"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}),
                   "working_groups": forms.CheckboxSelectMultiple,
                   "work_packages": forms.CheckboxSelectMultiple}
        labels = {"working_groups": _("Tags: working groups"),
                  "work_packages": _("Tags: work packages")}
        help_texts = {
            "working_groups": _("Tags help people find the document; they do not share it. "
                                "A new document is private to your partner: share it from "
                                "its page."),
            "work_packages": _("Tags only; they do not share the document."),
        }

    def __init__(self, *args, partner, with_file=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = Folder.objects.filter(partner=partner)
        if not with_file:
            del self.fields["file"]
        else:
            self.fields["file"].help_text = _(
                "PDF, Word, Excel, PowerPoint, OpenDocument, images or CSV; at most %(limit)s."
            ) % {"limit": filesizeformat(settings.DOCUMENT_MAX_BYTES)}


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version of the file"))
    comment = forms.CharField(label=_("What changed"), max_length=255, required=False)


class ShareForm(forms.Form):
    visibility = forms.ChoiceField(label=_("Who may see this document"),
                                   choices=Document.Visibility.choices,
                                   widget=forms.RadioSelect)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"), required=False, queryset=Partner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Used when sharing with named partners and working groups."))
    working_groups = forms.ModelMultipleChoiceField(
        label=_("Working groups"), required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = (Partner.objects.active()
                                            .exclude(pk=document.partner_id)
                                            .select_related("country"))
        self.fields["working_groups"].queryset = share_groups()
