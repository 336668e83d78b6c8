"""Every language of the partnership ships complete: each translatable string of the code has
a text in every catalogue, no entry is fuzzy, plural entries have all their forms, the
compiled catalogues match, and Serbian Latin is the transliteration of Serbian Cyrillic."""
import io
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils.translation import to_locale

from clusterpolisee.core.management.commands.transliterate_serbian import (
    transliterate_catalogue,
)

ROOT = Path(settings.BASE_DIR)
LOCALES = [to_locale(code) for code, _name in settings.LANGUAGES if code != "en"]
HAND_TRANSLATED = [locale for locale in LOCALES if locale != "sr_Latn"]  # transliterated


# what makemessages need not read: environments, build output, data, caches
NOT_SOURCE = (".git", ".venv", "node_modules", "staticfiles", "test-artifacts", "build",
              "media", "private-media", "backups", ".hypothesis", ".ruff_cache",
              ".schemathesis", "__pycache__", "*.egg-info", "*.sqlite3", "*.pyc")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """makemessages in a copy of the tree, so the check never edits the checkout.

    makemessages writes each file's messages into the nearest ``locale`` directory above
    it, which for the project's files is the checkout's own whatever LOCALE_PATHS says;
    run in a copy, it updates the copy's catalogues only.
    """
    assert shutil.which("xgettext"), "GNU gettext is missing; `make test` installs it"
    tree = tmp_path_factory.mktemp("tree") / "src"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(*NOT_SOURCE), symlinks=True)
    locale = tree / "locale"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tree)
        with override_settings(LOCALE_PATHS=[locale]):
            call_command("makemessages", locale=HAND_TRANSLATED, no_obsolete=True,
                         verbosity=0,
                         ignore_patterns=[".venv/*", "tests/*", "node_modules/*",
                                          "staticfiles/*", "test-artifacts/*", "build/*"])
    return locale


def _read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def test_every_language_of_the_settings_has_a_catalogue():
    assert LOCALES and "en" not in LOCALES
    for locale in LOCALES:
        assert (ROOT / "locale" / locale / "LC_MESSAGES/django.po").exists(), locale


@pytest.mark.parametrize("locale", HAND_TRANSLATED)
def test_catalogue_covers_every_string_in_the_code(extracted, locale):
    catalogue = _read(extracted / locale / "LC_MESSAGES/django.po")
    forms = int(re.search(r"nplurals=(\d+)", catalogue.plural_forms).group(1))
    missing = [m.id for m in catalogue if m.id and (not m.string or (
        isinstance(m.string, tuple) and (len(m.string) != forms or not all(m.string))))]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert missing == [], f"{locale} untranslated: {missing[:10]}"
    assert fuzzy == [], f"{locale} fuzzy: {fuzzy[:10]}"


def test_serbian_latin_is_the_transliteration_of_serbian_cyrillic():
    cyrillic = (ROOT / "locale/sr/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    latin = (ROOT / "locale/sr_Latn/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    expected = read_po(io.StringIO(transliterate_catalogue(cyrillic)))
    shipped = read_po(io.StringIO(latin))
    # The messages, not the line references or the header's dates: moving code must not fail it.
    def messages(catalogue):
        return {(m.context, m.id): m.string for m in catalogue if m.id}
    assert messages(shipped) == messages(expected), "run `make messages`"
    assert not re.search(r"msgstr.*[\u0400-\u04FF]", latin)


def test_serbian_cyrillic_becomes_latin_letter_by_letter_and_leaves_markup_alone():
    source = ('msgid "Ljubljana"\nmsgstr "Љубљана, ЉУБЉАНА, Ђорђе, %(count)s <a href=\\"x\\">'
              'веза</a>"\n"\\"Language: sr\\\\n\\""\n')
    latin = transliterate_catalogue(source)
    assert 'Ljubljana, LJUBLJANA, Đorđe, %(count)s <a href=\\"x\\">veza</a>' in latin
    assert latin.startswith('msgid "Ljubljana"')


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_is_up_to_date(locale):
    folder = ROOT / "locale" / locale / "LC_MESSAGES"
    assert (folder / "django.mo").exists(), "run `make messages` and commit django.mo"

    def key(message):  # an entry is its context and its msgid ("activity" + "uploaded")
        return (message.context, message.id if isinstance(message.id, str) else tuple(message.id))

    with open(folder / "django.mo", "rb") as handle:
        compiled = {key(m): m.string for m in read_mo(handle) if m.id}
    source = {key(m): m.string for m in _read(folder / "django.po") if m.id}
    assert source.keys() == compiled.keys(), f"{locale}: django.mo is stale: `make messages`"
    assert {k: v for k, v in source.items() if isinstance(k[1], str)} == {
        k: v for k, v in compiled.items() if isinstance(k[1], str)}, f"{locale}: stale django.mo"
