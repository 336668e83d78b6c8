"""List endpoints make a fixed number of queries, the same at 1x and 10x data."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import add_world, token_for
from tests.factories import stakeholder

pytestmark = pytest.mark.django_db

# queries per list request with a token, for a partner member (measured, then pinned):
# the token with its user (1), the rows (1) and one per prefetched relation
PINNED = {
    "countries": 2, "partners": 2, "working-groups": 2, "work-packages": 2,
    "deliverables": 2, "events": 5, "practices": 5, "consultations": 2,
    "opportunities": 4, "profiles": 3, "pilot-actions": 2, "notifications": 3,
    "documents": 4,
}


def _count(api, url):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url, {"page_size": 200})
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("endpoint", sorted(PINNED))
def test_list_endpoint_query_count_is_pinned_and_constant_as_data_grows(
        people, api, endpoint, django_assert_num_queries):
    people.approved_stakeholder = stakeholder(email="approved@cluster.example.org")
    add_world(people, copies=1)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(people.marche_member)}")
    api.get(f"/api/v1/{endpoint}/")  # the token's first use writes its last-use time
    small, rows_small = _count(api, f"/api/v1/{endpoint}/")
    add_world(people, copies=9)
    with django_assert_num_queries(PINNED[endpoint]):
        response = api.get(f"/api/v1/{endpoint}/", {"page_size": 200})
    assert response.status_code == 200
    assert small == PINNED[endpoint]
    rows_large = len(response.json()["results"])
    assert endpoint in {"countries", "partners", "working-groups", "work-packages",
                        "profiles"} or rows_large > rows_small
