"""The consultation cast: the shared personas plus stakeholders in both approval states."""
import pytest

from tests.factories import ConsultationFactory, stakeholder


@pytest.fixture
def cast(people):
    people.approved_stakeholder = stakeholder(email="approved@cluster.example.org",
                                              full_name="Ana Approved")
    people.pending_stakeholder = stakeholder(approved=False, email="pending@cluster.example.org",
                                             full_name="Pavel Pending",
                                             country=people.marche.country)
    return people


@pytest.fixture
def make_consultation(cast):
    """A consultation owned by the WG3 coordinator, in WG3 unless told otherwise."""
    def _make(**fields):
        fields.setdefault("owner", cast.wg3_coordinator)
        fields.setdefault("working_group", cast.wg3)
        return ConsultationFactory(**fields)
    return _make
