"""Labels translated per language (django-modeltranslation): the English text of rows that
existed before a field became translatable, and the seeded translations of every label.

The seeded translations live in ``locale/<locale>/labels.json``, one object per language
mapping an English label to its translation, beside that language's interface catalogue;
``tests/core/test_labels.py`` fails when a seeded label has no translation in a language.
"""
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils.translation import to_locale

from clusterpolisee.core.management.commands.transliterate_serbian import to_latin

LABELS_DIR = Path(settings.BASE_DIR) / "locale"


def copy_original_to_english(app_label: str, fields: dict[str, tuple[str, ...]]):
    """A migration operation's function: each field's English column takes the value the
    original column holds, for the rows made before the field was translated."""
    def run(apps, schema_editor):
        for model_name, names in fields.items():
            model = apps.get_model(app_label, model_name)
            for name in names:
                model.objects.filter(**{f"{name}_en__isnull": True}).update(
                    **{f"{name}_en": F(name)})
    return run


def label_languages() -> list[str]:
    """The languages a seeded label is translated into: all but English."""
    return [code for code in settings.MODELTRANSLATION_LANGUAGES
            if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]


def column(field: str, language: str) -> str:
    return f"{field}_{language.replace('-', '_')}"


def columns(*fields: str) -> list[str]:
    """The per-language columns of ``fields``, English first: what an editing form shows."""
    return [column(field, language) for field in fields
            for language in settings.MODELTRANSLATION_LANGUAGES]


@cache
def seeded_translations(language: str) -> dict[str, str]:
    """English label -> its translation in ``language``; Serbian Latin is transliterated from
    Serbian Cyrillic, as the interface catalogue is."""
    if language == "sr-latn":
        return {english: to_latin(text)
                for english, text in seeded_translations("sr").items()}
    path = LABELS_DIR / to_locale(language) / "labels.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def translate_rows(queryset, fields: tuple[str, ...]) -> int:
    """Fill each row's empty translation of ``fields`` from the seeded translations of its
    English text; a translation an editor wrote is kept. Returns the number of rows changed."""
    changed = 0
    for row in queryset:
        values = {}
        for field in fields:
            english = getattr(row, column(field, "en")) or ""
            for language in label_languages():
                name = column(field, language)
                text = seeded_translations(language).get(english)
                if english and text and not getattr(row, name):
                    values[name] = text
        if values:
            queryset.model.objects.filter(pk=row.pk).update(**values)
            changed += 1
    return changed


def translate_seeded_labels() -> int:
    """Every registered label model's rows, as the demo seed leaves them."""
    from modeltranslation.translator import translator

    return sum(translate_rows(model.objects.all(), tuple(translator.get_options_for_model(model)
                                                        .fields))
               for model in translator.get_registered_models(abstract=False))



def texts_of(row, *fields: str) -> dict[str, str | None]:
    """Every language's text of ``fields`` of ``row``, by column: what a copy takes over."""
    return {name: getattr(row, name) for name in columns(*fields)}
