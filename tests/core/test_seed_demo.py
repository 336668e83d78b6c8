"""`manage.py seed_demo`: the partnership and demo accounts; idempotent; refused in production."""
import io
import re

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from modeltranslation.translator import translator

from clusterpolisee.core.demo import DEMO_EMAIL_DOMAIN
from clusterpolisee.core.labels import column
from clusterpolisee.core.management.commands.transliterate_serbian import to_latin
from clusterpolisee.users.models import User
from partners.models import Country, Membership, Partner
from workgroups.models import (
    Committee,
    OperationalStage,
    SteeringCommitteeSeat,
    WorkingGroup,
    WorkPackage,
)
from workgroups.selectors import stab_composition

pytestmark = pytest.mark.django_db


def seed(*args):
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return (Country.objects.count(), Partner.objects.count(), WorkingGroup.objects.count(),
            WorkPackage.objects.count(), OperationalStage.objects.count(),
            Committee.objects.count(), SteeringCommitteeSeat.objects.count(),
            User.objects.count(), Membership.objects.count())


def test_seed_loads_the_partnership_and_every_role():
    output = seed()
    assert counts()[:7] == (11, 25, 6, 7, 2, 2, 25)
    per_country = {c.iso_code: c.partners.count() for c in Country.objects.all()}
    assert per_country == {"IT": 4, "RO": 4, "GR": 3, "SK": 3, "AT": 2, "HU": 2, "SI": 2,
                           "RS": 2, "BG": 1, "AL": 1, "HR": 1}
    assert Partner.objects.get(is_lead_partner=True).name == "Marche Region"
    wg3 = WorkingGroup.objects.get(code="WG3")
    assert wg3.lead_partner.short_name == "BSMEPA"
    coordinator = wg3.coordinators.get()
    assert coordinator.membership.partner == wg3.lead_partner
    assert User.objects.get(email=f"admin@{DEMO_EMAIL_DOMAIN}").is_superuser
    assert User.objects.get(email=f"editor@{DEMO_EMAIL_DOMAIN}").is_cms_editor
    assert not hasattr(User.objects.get(email=f"stakeholder@{DEMO_EMAIL_DOMAIN}"), "membership")
    roles = dict(Membership.objects.values_list("user__email", "role"))
    assert roles[f"marche.admin@{DEMO_EMAIL_DOMAIN}"] == "admin"
    assert roles[f"marche.member@{DEMO_EMAIL_DOMAIN}"] == "member"
    assert f"veneto.member@{DEMO_EMAIL_DOMAIN}" in roles
    assert f"bsmepa.member@{DEMO_EMAIL_DOMAIN}" in roles
    assert "ClusterPoliSEE-demo-2026" in output
    for key in ["admin", "editor", "wg3.coordinator", "marche.admin", "marche.member",
                "veneto.member", "bsmepa.member", "stakeholder"]:
        assert f"{key}@{DEMO_EMAIL_DOMAIN}" in output
        assert User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}").check_password(
            "ClusterPoliSEE-demo-2026")


def test_seed_twice_changes_nothing_and_keeps_admin_corrections():
    seed()
    before = counts()
    Partner.objects.filter(slug="veneto-region").update(name="Regione del Veneto")
    Country.objects.filter(iso_code="BG").update(programme_status="eu")
    seed()
    assert counts() == before
    assert Partner.objects.get(slug="veneto-region").name == "Regione del Veneto"
    assert Country.objects.get(iso_code="BG").programme_status == "eu"


def test_stab_is_derived_from_current_leaders():
    seed()
    leaders = {e["partner"].short_name: e["leads"] for e in stab_composition()["leaders"]}
    assert leaders == {"BSMEPA": ["WG3"], "Marche": ["WP0", "WP1"]}
    WorkingGroup.objects.filter(code="WG1").update(
        lead_partner=Partner.objects.get(slug="corallia"))
    leaders = {e["partner"].short_name for e in stab_composition()["leaders"]}
    assert "Corallia" in leaders
    assert stab_composition()["coordinator"].email == f"marche.admin@{DEMO_EMAIL_DOMAIN}"


@override_settings(DEBUG=False)
def test_seed_refuses_demo_accounts_when_debug_is_off():
    with pytest.raises(CommandError, match="Refusing to create demo accounts"):
        call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.count() == 0 and Partner.objects.count() == 0


@override_settings(DEBUG=False)
def test_seed_data_only_and_explicit_override_work_without_debug():
    call_command("seed_demo", "--data-only", stdout=io.StringIO())
    assert Partner.objects.count() == 25 and User.objects.count() == 0
    call_command("seed_demo", "--i-know-this-is-not-production", stdout=io.StringIO())
    demo = User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN)
    # one account per role, and a named Steering Committee representative on every other seat
    assert demo.exclude(email__startswith="sc.").count() == 9
    assert demo.filter(email__startswith="sc.").count() == 24


def test_demo_admins_have_mfa_and_demo_totp_prints_a_valid_code():
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    seed()
    admin = User.objects.get(email=f"admin@{DEMO_EMAIL_DOMAIN}")
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("demo_totp", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6
    assert TOTP(Authenticator.objects.get(user=admin, type="totp")).validate_code(code)


def test_every_sc_seat_of_the_demo_has_a_named_person_not_a_role_placeholder(client):
    seed()
    seats = SteeringCommitteeSeat.objects.select_related("representative", "partner")
    assert all(seat.representative and seat.representative.membership.partner == seat.partner
               for seat in seats)
    client.force_login(User.objects.get(email=f"marche.member@{DEMO_EMAIL_DOMAIN}"))
    page = client.get(reverse("workgroups:sc")).content.decode()
    assert "partner admin</span>" not in page and "not named yet" not in page
    assert "Jelena Jovanović" in page and "Chiara Montanari" in page


def test_every_seeded_label_ships_in_every_language():
    """WG, WP, stage, committee, theme, instrument, NACE-sector, deliverable and framework
    texts: each has its own text in every language of the settings (Serbian Latin the
    transliteration of the Cyrillic), and English is what a missing one falls back to."""
    seed()
    missing = []
    for model in translator.get_registered_models(abstract=False):
        fields = translator.get_options_for_model(model).fields
        for row in model.objects.all():
            for field in fields:
                english = getattr(row, column(field, "en"))
                for language, _name in settings.LANGUAGES:
                    if english and not getattr(row, column(field, language)):
                        missing.append(f"{model.__name__}.{field} {language}: {english[:40]}")
    assert missing == []
    wg1 = WorkingGroup.objects.get(code="WG1")
    with translation.override("el"):
        greek = wg1.title
    with translation.override("sr-latn"):
        latin = wg1.title
    with translation.override("sr"):
        assert to_latin(wg1.title) == latin
    assert greek != wg1.title_en and re.search("[α-ω]", greek)
    wg1.title_el = None
    wg1.save()
    with translation.override("el"):
        assert wg1.title == wg1.title_en


def test_a_label_an_editor_translated_is_kept_by_another_seed():
    seed("--data-only")
    stage = OperationalStage.objects.get(number=1)
    stage.title_it = "Titolo scelto dalla redazione"
    stage.save()
    seed("--data-only")
    stage.refresh_from_db()
    assert stage.title_it == "Titolo scelto dalla redazione"
