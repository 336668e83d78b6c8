from tests.consultations.conftest import cast, make_consultation  # noqa: F401
from tests.knowledge.conftest import library, make_practice, taxonomy  # noqa: F401
