"""Forms partner admins use on their own partner."""
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import Partner


class PartnerProfileForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = ["short_name", "city", "website", "description", "logo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # ImageField has already opened the file with Pillow, so the content is an image;
        # here only the size is left to check.
        if logo and hasattr(logo, "size") and logo.size > settings.LOGO_MAX_BYTES:
            raise forms.ValidationError(
                _("The logo is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(logo.size),
                   "limit": filesizeformat(settings.LOGO_MAX_BYTES)}
            )
        return logo
