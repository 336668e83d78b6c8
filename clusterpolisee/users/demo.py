"""Demo accounts that belong to no partner: platform admin, CMS editor, stakeholder."""
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group, Permission

from clusterpolisee.core.demo import DEMO_TOTP_SECRET

MFA_NOTE = f"two-factor: TOTP secret {DEMO_TOTP_SECRET}, or `make totp`"


def _ensure_totp(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)


def cms_editors_group() -> Group:
    """Wagtail's Editors group (created by its migrations), able to enter /cms/."""
    group, _ = Group.objects.get_or_create(name="Editors")
    access = Permission.objects.get(content_type__app_label="wagtailadmin",
                                    codename="access_admin")
    group.permissions.add(access)
    return group


def seed(ctx):
    cms_editors_group()
    if not ctx.with_accounts:
        return
    admin = ctx.account(key="admin", role="Platform admin", full_name="Ana Admin",
                        note=MFA_NOTE, is_staff=True, is_superuser=True)
    _ensure_totp(admin)
    editor = ctx.account(key="editor", role="CMS editor", full_name="Elena Editor", note=MFA_NOTE)
    editor.groups.add(cms_editors_group())
    _ensure_totp(editor)
    ctx.account(key="stakeholder", role="Stakeholder (no partner)", full_name="Stefan Stakeholder",
                job_title="Cluster manager, outside organisation")
