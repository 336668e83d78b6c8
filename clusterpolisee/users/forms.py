"""The sign-up form of the stakeholder tier (allauth's ``ACCOUNT_SIGNUP_FORM_CLASS``)."""
from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.widgets import LanguageSelect

from .services import stakeholder_profile_create


class StakeholderSignupForm(forms.Form):
    """Who the person is and why they come; allauth adds e-mail and password fields.

    Models of the apps above are looked up by name: users sits below partners and
    workgroups and does not import them.
    """

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    organisation = forms.CharField(label=_("Organisation"), max_length=200,
                                   help_text=_("The organisation you work for."))
    country = forms.ModelChoiceField(label=_("Country"), queryset=None)
    interests = forms.ModelMultipleChoiceField(
        label=_("Working groups that interest you"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple)
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of participation"),
        help_text=_("Comments are published to the consultation's audience under your name "
                    "and organisation, may be moderated, and are exported for the project's "
                    "reports."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = apps.get_model("partners", "Country").objects.all()
        self.fields["interests"].queryset = apps.get_model(
            "workgroups", "WorkingGroup").objects.order_by("code")

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.save(update_fields=["full_name"])
        stakeholder_profile_create(
            user=user, organisation=self.cleaned_data["organisation"],
            country=self.cleaned_data["country"], interests=self.cleaned_data["interests"])


class PreferencesForm(forms.Form):
    """Language and time zone; the service checks the values again."""

    language = forms.ChoiceField(label=_("Language"), widget=LanguageSelect)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), required=False,
        help_text=_("Times on pages, in e-mails and in digests."))

    def __init__(self, *args, default_zone: str, **kwargs):
        from django.conf import settings
        from django.utils.translation import get_language_info

        from .zones import zone_choices

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES]
        self.fields["time_zone"].choices = [
            ("", _("Your organisation's country (%(zone)s)") % {"zone": default_zone}),
            *zone_choices()]
