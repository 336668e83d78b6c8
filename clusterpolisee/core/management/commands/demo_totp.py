"""Print the current two-factor code of the demo admin and editor (development only)."""
import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clusterpolisee.core.demo import DEMO_TOTP_SECRET


def current_demo_code() -> str:
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


class Command(BaseCommand):
    help = "Print the current TOTP code for the demo platform admin and CMS editor."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo two-factor codes are only available with DEBUG on.")
        self.stdout.write(current_demo_code())
