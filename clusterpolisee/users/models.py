"""The platform's user: e-mail is the login; partner membership lives in ``partners``."""
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Used for the interface after login and for e-mails."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=40, blank=True,
        help_text=_("Times on pages, in e-mails and in digests. Empty: the time zone of your "
                    "organisation's country."),
    )
    is_staff = models.BooleanField(
        _("platform admin"), default=False,
        help_text=_("Can log into the Django admin. Platform admins must use two-factor login."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name.split(" ")[0] if self.full_name else self.email)

    @property
    def is_cms_editor(self) -> bool:
        """May enter the Wagtail admin at /cms/."""
        return self.is_active and self.has_perm("wagtailadmin.access_admin")

    @property
    def must_use_mfa(self) -> bool:
        """Platform admins and CMS editors must log in with a second factor."""
        return self.is_superuser or self.is_staff or self.is_cms_editor


class StakeholderProfile(models.Model):
    """The user-group tier: a person from an outside organisation who signed up.

    Approval by a platform admin or a WG coordinator lets them take part in consultations
    opened to stakeholders; partner staff never have a profile (they join by invitation).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="stakeholder_profile",
                                verbose_name=_("user"))
    organisation = models.CharField(_("organisation"), max_length=200,
                                    help_text=_("The organisation the person works for."))
    country = models.ForeignKey("partners.Country", on_delete=models.PROTECT,
                                related_name="stakeholders", verbose_name=_("country"))
    interests = models.ManyToManyField("workgroups.WorkingGroup", blank=True,
                                       related_name="interested_stakeholders",
                                       verbose_name=_("interests"),
                                       help_text=_("Working groups whose themes interest them."))
    terms_accepted_at = models.DateTimeField(_("terms accepted"))
    state = models.CharField(_("approval"), max_length=10, choices=State.choices,
                             default=State.PENDING, db_index=True)
    approved_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("decided by"))
    approved_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)

    class Meta:
        verbose_name = _("stakeholder profile")
        verbose_name_plural = _("stakeholder profiles")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} ({self.organisation})"

    @property
    def is_approved(self) -> bool:
        return self.state == self.State.APPROVED
