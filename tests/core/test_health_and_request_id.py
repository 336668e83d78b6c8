"""/healthz/ answers without a login, and every answer carries a request id."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_anonymous_visitors_with_each_check(client):
    response = client.get(reverse("healthz"), HTTP_ACCEPT="application/json")
    body = response.json()
    assert {"Database", "Cache", "CeleryBroker"} <= {name.split("(")[0] for name in body}
    assert sum(name.startswith("Storage") for name in body) == 2


def test_every_answer_carries_a_new_request_id(client):
    first = client.get(reverse("healthz"))["X-Request-ID"]
    second = client.get(reverse("healthz"))["X-Request-ID"]
    assert first and second and first != second


def test_a_proxys_request_id_is_kept_and_a_hostile_one_replaced(client):
    kept = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="proxy-1234abcd")
    assert kept["X-Request-ID"] == "proxy-1234abcd"
    replaced = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="x\nforged log line")
    assert replaced["X-Request-ID"] != "x\nforged log line"
