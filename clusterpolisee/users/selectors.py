"""Read-side queries for accounts."""
from .models import StakeholderProfile, User


def account_exists_for(email: str) -> bool:
    """Is there an account with this e-mail address (in any letter case)?"""
    return User.objects.filter(email__iexact=email).exists()


def stakeholders_waiting_count() -> int:
    """How many signed-up stakeholders wait for a platform admin or WG coordinator."""
    return StakeholderProfile.objects.filter(state=StakeholderProfile.State.PENDING).count()
