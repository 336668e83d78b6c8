"""The labels of the project's structure, one column per language (django-modeltranslation)."""
from modeltranslation.translator import TranslationOptions, register

from .models import Committee, Deliverable, OperationalStage, WorkingGroup, WorkPackage


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("title", "description")


@register(WorkPackage)
class WorkPackageTranslation(TranslationOptions):
    fields = ("title", "description")


@register(OperationalStage)
class OperationalStageTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Committee)
class CommitteeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Deliverable)
class DeliverableTranslation(TranslationOptions):
    fields = ("title",)
