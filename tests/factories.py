"""factory-boy factories and the named personas the tests talk about."""
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from clusterpolisee.users.models import User
from partners.models import Country, Membership, Partner
from workgroups.models import WorkingGroup, WorkPackage

PASSWORD = "correct-horse-battery-staple"


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("iso_code",)

    iso_code = factory.Sequence(lambda n: f"{chr(65 + (n // 26) % 26)}{chr(65 + n % 26)}")
    name = factory.LazyAttribute(lambda o: f"Country {o.iso_code}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    country = factory.SubFactory(CountryFactory)
    type = Partner.Type.DEVELOPMENT_AGENCY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        obj.save()
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = Membership.Role.MEMBER


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup
        django_get_or_create = ("code",)

    # two digits at most, as the model and the API schema allow
    code = factory.Sequence(lambda n: f"WG{n + 1}" if n < 99 else f"WG{n % 90 + 10}")
    title = factory.LazyAttribute(lambda o: f"Theme of {o.code}")


class WorkPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPackage
        django_get_or_create = ("code",)

    # WP10..WP99: the model (and the API schema) allow two digits; the demo uses WP1-WP7
    code = factory.Sequence(lambda n: f"WP{n % 90 + 10}")
    title = factory.LazyAttribute(lambda o: f"Work package {o.code}")


def staff(partner, *, role=Membership.Role.MEMBER, **user_fields):
    return MembershipFactory(partner=partner, role=role, user=UserFactory(**user_fields)).user


def cms_editor(**user_fields):
    user = UserFactory(**user_fields)
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin",
                                                 content_type__app_label="wagtailadmin"))
    # what migrations give the Editors group, which a transactional test's flush removes
    from assessments.services import framework_editors_grant

    framework_editors_grant(group=group)
    user.groups.add(group)
    return user


def with_totp(user, secret="JBSWY3DPEHPK3PXP"):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    return user


class Personas:
    """The cast: two Italian regions, BSMEPA leading WG3, and people in every role."""

    def __init__(self):
        italy = CountryFactory(iso_code="IT", name="Italy")
        bulgaria = CountryFactory(iso_code="BG", name="Bulgaria")
        self.marche = PartnerFactory(name="Marche Region", short_name="Marche",
                                     slug="marche-region", country=italy, is_lead_partner=True,
                                     type=Partner.Type.REGIONAL_AUTHORITY)
        self.veneto = PartnerFactory(name="Veneto Region", short_name="Veneto",
                                     slug="veneto-region", country=italy,
                                     type=Partner.Type.REGIONAL_AUTHORITY)
        self.bsmepa = PartnerFactory(name="Executive Agency for the Promotion of SMEs",
                                     short_name="BSMEPA", slug="bsmepa", country=bulgaria,
                                     type=Partner.Type.NATIONAL_AUTHORITY)
        self.wg3 = WorkingGroupFactory(code="WG3", lead_partner=self.bsmepa,
                                       title="International cluster cooperation and networking")
        self.wg2 = WorkingGroupFactory(code="WG2",
                                       title="Sustainability through cluster development")
        self.wg3.member_partners.set([self.marche, self.bsmepa])
        self.wg2.member_partners.set([self.veneto])
        self.marche_admin = staff(self.marche, role=Membership.Role.ADMIN,
                                  email="admin@marche.example.org", full_name="Marco Rossi")
        self.marche_member = staff(self.marche, email="member@marche.example.org",
                                   full_name="Giulia Bianchi")
        self.veneto_member = staff(self.veneto, email="member@veneto.example.org",
                                   full_name="Luca Ferrari")
        self.bsmepa_member = staff(self.bsmepa, email="member@bsmepa.example.org",
                                   full_name="Petar Ivanov")
        self.wg3_coordinator = staff(self.bsmepa, role=Membership.Role.ADMIN,
                                     email="wg3@bsmepa.example.org", full_name="Maria Georgieva")
        self.wg3.coordinators.add(self.wg3_coordinator)
        self.stakeholder = UserFactory(email="someone@cluster.example.org",
                                       full_name="Stefan Stakeholder")
        self.platform_admin = with_totp(UserFactory(email="root@example.org", is_staff=True,
                                                    is_superuser=True, full_name="Ana Admin"))
        self.cms_editor = with_totp(cms_editor(email="editor@example.org",
                                               full_name="Elena Editor"))


def stakeholder(*, approved=True, organisation="Danube Cluster Network", country=None,
                **user_fields):
    """A signed-up outsider with a stakeholder profile, approved unless told otherwise."""
    from clusterpolisee.users.models import StakeholderProfile

    user = UserFactory(**user_fields)
    StakeholderProfile.objects.create(
        user=user, organisation=organisation,
        country=country or CountryFactory(iso_code="RS", name="Serbia"),
        terms_accepted_at=timezone.now(),
        state=StakeholderProfile.State.APPROVED if approved else StakeholderProfile.State.PENDING)
    return user


class ConsultationFactory(factory.django.DjangoModelFactory):
    """An open consultation, two weeks left, unless told otherwise."""

    class Meta:
        model = "consultations.Consultation"

    title = factory.Sequence(lambda n: f"Consultation {n}")
    background = "<p>What should the project do?</p>"
    audience = "stakeholders"
    state = "open"
    owner = factory.SubFactory(UserFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
