"""Celery tasks of the API app. Safe to run twice: each run writes a complete new zip."""
from celery import shared_task
from django.core.cache import cache

from . import open_data

SCHEDULED_KEY = "api:open-data:scheduled"


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=330)
def open_data_rebuild() -> str:
    # forget the debounce mark first, so a change made while this runs schedules a new build
    cache.delete(SCHEDULED_KEY)
    return open_data.rebuild()
