"""The assessment framework's texts, one column per language (django-modeltranslation)."""
from modeltranslation.translator import TranslationOptions, register

from .models import Criterion, Dimension, Framework, Level


@register(Framework)
class FrameworkTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("title", "guidance")


@register(Level)
class LevelTranslation(TranslationOptions):
    fields = ("descriptor",)
