"""Fixtures borrowed from the areas whose objects the isolation tests plant."""
from tests.consultations.conftest import cast, make_consultation  # noqa: F401
from tests.knowledge.conftest import library, make_practice, taxonomy  # noqa: F401
from tests.notifications.conftest import record  # noqa: F401
