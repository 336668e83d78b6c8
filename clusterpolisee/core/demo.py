"""Plumbing for ``manage.py seed_demo``: each app may have a ``demo.py`` with ``seed(ctx)``.

The command calls them in INSTALLED_APPS order, so an app can rely on the demo data of the
apps below it. Every ``seed`` is idempotent: it only creates what is missing and never
overwrites what an administrator has corrected.
"""
import json
from dataclasses import dataclass, field
from pathlib import Path

DEMO_EMAIL_DOMAIN = "demo.clusterpolisee.example.org"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - printed for demo logins


@dataclass
class DemoContext:
    password: str
    with_accounts: bool
    write: callable
    accounts: list = field(default_factory=list)  # (role description, email, note)

    def account(self, *, key: str, role: str, full_name: str, note: str = "", **extra):
        """Get or create a demo user ``key@DEMO_EMAIL_DOMAIN`` and list it for the summary."""
        from clusterpolisee.users.models import User
        from clusterpolisee.users.services import user_create

        email = f"{key}@{DEMO_EMAIL_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(email=email, password=self.password, full_name=full_name, **extra)
        self.accounts.append((role, email, note))
        return user


def load_data(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
