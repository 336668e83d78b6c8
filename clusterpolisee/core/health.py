"""Checks behind /healthz/ (django-health-check) that the package does not ship as we need.

The web instances' probe asks whether *this process* can serve: database, cache, both file
storages and the Celery broker. Whether a worker is listening is asked separately
(/healthz/worker/), so a stopped worker does not take every web instance out of the proxy.
"""
import dataclasses

from health_check import HealthCheck
from health_check.exceptions import ServiceUnavailable


@dataclasses.dataclass
class CeleryBroker(HealthCheck):
    """A connection to the broker the web processes queue tasks on."""

    def run(self):
        from clusterpolisee.celery import app

        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception as exc:  # any transport error means tasks cannot be queued
            raise ServiceUnavailable("Celery broker unreachable") from exc
