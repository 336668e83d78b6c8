"""Rules of the governance structure that the database and model validation enforce."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from workgroups.models import Committee, SteeringCommitteeSeat

pytestmark = pytest.mark.django_db


def test_sc_representative_must_work_for_the_partner(people):
    seat = SteeringCommitteeSeat.objects.create(partner=people.marche)
    seat.representative = people.veneto_member
    with pytest.raises(ValidationError, match="staff member of this partner"):
        seat.full_clean()
    seat.representative = people.marche_admin
    seat.full_clean()


def test_one_sc_seat_per_partner(people):
    SteeringCommitteeSeat.objects.create(partner=people.marche)
    with pytest.raises(IntegrityError), transaction.atomic():
        SteeringCommitteeSeat.objects.create(partner=people.marche)


def test_one_committee_of_each_kind(db):
    Committee.objects.create(kind=Committee.Kind.STEERING, name="SC")
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.create(kind=Committee.Kind.STEERING, name="SC again")


def test_working_group_code_is_validated(people):
    people.wg3.code = "Group 3"
    with pytest.raises(ValidationError):
        people.wg3.full_clean()
