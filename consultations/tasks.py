"""Celery tasks of consultations. They take no objects, re-read state and are safe to run
twice; the schedule is a django-celery-beat periodic task (migration 0002), editable in
the Django admin."""
import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=5 * 60,
             time_limit=6 * 60)
def close_past_deadline() -> list[int]:
    """What celery beat calls every few minutes: stored states follow the closing dates."""
    closed = services.consultations_close_past_deadline()
    if closed:
        logger.info("closed %s consultations past their deadline: %s", len(closed), closed)
    return closed
