"""Write-side services for accounts."""
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterpolisee.core.permissions import check_perm, membership_of

from .models import StakeholderProfile, User


@transaction.atomic
def user_create(*, email: str, password: str | None, full_name: str = "",
                email_verified: bool = True, **extra) -> User:
    """Create a user with their allauth e-mail record, verified unless told otherwise."""
    user = User(email=User.objects.normalize_email(email).lower(), full_name=full_name, **extra)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=email_verified, primary=True)
    return user


@transaction.atomic
def stakeholder_profile_create(*, user: User, organisation: str, country, interests=(),
                               state: str = StakeholderProfile.State.PENDING
                               ) -> StakeholderProfile:
    """Record a signed-up outsider; they wait for approval unless told otherwise."""
    if membership_of(user) is not None:
        raise ValidationError(_("Partner staff do not need a stakeholder profile."))
    profile = StakeholderProfile(user=user, organisation=organisation, country=country,
                                 terms_accepted_at=timezone.now(), state=state)
    profile.full_clean(exclude=["user"])
    profile.save()
    profile.interests.set(interests)
    return profile


@transaction.atomic
def stakeholder_decide(*, profile: StakeholderProfile, user: User, approve: bool
                       ) -> StakeholderProfile:
    """Approve a stakeholder into the user group, or decline them."""
    check_perm(user, "users.approve_stakeholders",
               message=_("Only platform admins and WG coordinators approve stakeholders."))
    profile = StakeholderProfile.objects.select_for_update().get(pk=profile.pk)
    profile.state = (StakeholderProfile.State.APPROVED if approve
                     else StakeholderProfile.State.DECLINED)
    profile.approved_by = user
    profile.approved_at = timezone.now()
    profile.full_clean()
    profile.save()
    if approve:
        from clusterpolisee.core.models import Activity
        from clusterpolisee.core.services import activity_record

        # for the stakeholder alone: the audit scope keeps it out of everybody's feed
        activity_record(actor=user, verb="stakeholder.approved", target=profile,
                        visibility=Activity.Visibility.AUDIT, target_url="/",
                        addressed_to=[profile.user])
    return profile


def user_language_remember(*, user: User, language: str) -> User:
    """The language picked in the language switcher, kept on the account for e-mails and
    later logins; anything but an offered language is ignored, as the switch ignores it."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


def user_preferences_update(*, user: User, language: str, time_zone: str) -> User:
    """The person's language (pages after login, e-mails, digests) and time zone."""
    from .zones import zone_choices

    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    if time_zone and time_zone not in dict(zone_choices()):
        raise ValidationError({"time_zone": _("Choose one of the time zones offered.")})
    user.language, user.time_zone = language, time_zone
    user.save(update_fields=["language", "time_zone"])
    return user
