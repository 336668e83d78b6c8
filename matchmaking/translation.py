"""NACE section names, one column per language (django-modeltranslation)."""
from modeltranslation.translator import TranslationOptions, register

from .models import Sector


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)
