"""The library's taxonomy labels, one column per language (django-modeltranslation)."""
from modeltranslation.translator import TranslationOptions, register

from .models import InstrumentType, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(InstrumentType)
class InstrumentTypeTranslation(TranslationOptions):
    fields = ("name",)
