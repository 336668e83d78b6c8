"""Write-side services for accounts."""
from allauth.account.models import EmailAddress
from django.db import transaction

from .models import User


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
