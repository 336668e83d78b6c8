"""Celery tasks of working groups and governance. They take no objects, re-read state and
are safe to run twice; the schedule is a django-celery-beat periodic task (migration
0003), editable in the Django admin."""
import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=5 * 60,
             time_limit=6 * 60)
def close_decisions_past_deadline() -> list[int]:
    """What celery beat calls every few minutes: Steering Committee decisions close at
    their deadline even when nobody opens them."""
    closed = services.decisions_close_past_deadline()
    if closed:
        logger.info("closed %s decisions past their deadline: %s", len(closed), closed)
    return closed
