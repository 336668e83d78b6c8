"""Which objects of a model a user may see, looked up by model label.

Each app registers its ``*_visible_to(user)`` selector here (in ``AppConfig.ready``), so
readers below or beside it — activity feeds, notifications, digests, search — can check an
activity's target without importing the app that owns it.
"""
from collections.abc import Callable

from django.db.models import QuerySet

Selector = Callable[[object], QuerySet]
_SELECTORS: dict[str, Selector] = {}


def register_visibility(model_label: str, selector: Selector) -> None:
    """``model_label`` is ``"app_label.modelname"`` (lower case), as ContentType names it."""
    _SELECTORS[model_label.lower()] = selector


def visible_queryset(model_label: str, user) -> QuerySet | None:
    selector = _SELECTORS.get(model_label.lower())
    return selector(user) if selector else None


def registered_labels() -> list[str]:
    return sorted(_SELECTORS)


def target_visible_to(user, activity) -> bool:
    """May ``user`` see the object an activity is about? (Its target only; whether the
    item itself may be shown is ``core.selectors.activity_visible_to``.)

    Targets of models with no registered selector are judged by the activity's own scope
    alone; a target that no longer exists is not shown.
    """
    if activity.target_type_id is None:
        return True
    label = f"{activity.target_type.app_label}.{activity.target_type.model}"
    queryset = visible_queryset(label, user)
    if queryset is None:
        return True
    return queryset.filter(pk=activity.target_id).exists()
