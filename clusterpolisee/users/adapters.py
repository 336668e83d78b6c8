"""allauth adapter: sign-up is closed until the stakeholder tier opens it; account e-mails
carry the site's name and link to its configured public address."""
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.encoding import force_str

from clusterpolisee.core.address import site_name, site_url


def _on_site(url: str) -> str:
    """The same page on the configured address, whatever host the request came in on."""
    parts = urlsplit(url)
    return site_url(parts.path + (f"?{parts.query}" if parts.query else ""))


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return settings.ACCOUNT_ALLOW_SIGNUPS

    def format_email_subject(self, subject: str) -> str:
        # "[ClusterPoliSEE] …", not the host and port a request happened to use
        return f"[{site_name()}] {force_str(subject)}"

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return _on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return _on_site(super().get_reset_password_from_key_url(key))
