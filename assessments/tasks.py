"""Celery tasks of assessments: they take no objects, re-read state and are safe to run
twice. The schedule is a django-celery-beat periodic task (migration 0002)."""
import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=5 * 60,
             time_limit=6 * 60)
def close_rounds_past_deadline() -> list[int]:
    """Rounds stop accepting self-assessments at their deadline."""
    closed = services.rounds_close_past_deadline()
    if closed:
        logger.info("closed %s assessment rounds past their deadline: %s", len(closed), closed)
    return closed
