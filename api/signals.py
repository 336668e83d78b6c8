"""Public data changed: rebuild the open-data zip, debounced.

The first change schedules one rebuild ``OPEN_DATA_DEBOUNCE_SECONDS`` later (after the
transaction commits); further changes until that rebuild starts add nothing, so a bulk
edit or ``seed_demo`` costs one build, not one per row."""
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from knowledge.models import GoodPracticePage, InstrumentType, Theme, Transfer
from partners.models import Country, Partner
from workgroups.models import WorkingGroup, WorkPackage

PUBLIC_MODELS = (Country, Partner, WorkingGroup, WorkPackage, Transfer, Theme, InstrumentType)


def schedule_open_data_rebuild(**kwargs) -> bool:
    delay = settings.OPEN_DATA_DEBOUNCE_SECONDS
    if not cache.add("api:open-data:scheduled", True, timeout=delay + 300):
        return False

    def enqueue():
        from .tasks import open_data_rebuild

        open_data_rebuild.apply_async(countdown=delay)

    transaction.on_commit(enqueue)
    return True


for model in PUBLIC_MODELS:
    post_save.connect(schedule_open_data_rebuild, sender=model,
                      dispatch_uid=f"open-data-save-{model.__name__}")
    post_delete.connect(schedule_open_data_rebuild, sender=model,
                        dispatch_uid=f"open-data-delete-{model.__name__}")
m2m_changed.connect(schedule_open_data_rebuild, sender=WorkingGroup.member_partners.through,
                    dispatch_uid="open-data-wg-members")
page_published.connect(schedule_open_data_rebuild, sender=GoodPracticePage,
                       dispatch_uid="open-data-practice-published")
page_unpublished.connect(schedule_open_data_rebuild, sender=GoodPracticePage,
                         dispatch_uid="open-data-practice-unpublished")
