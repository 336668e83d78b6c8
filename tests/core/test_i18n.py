"""English and Bulgarian ship complete: every translatable string has a Bulgarian text."""
import shutil
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(settings.BASE_DIR)


def test_bulgarian_catalogue_covers_every_string_in_the_code(tmp_path, monkeypatch):
    assert shutil.which("xgettext"), "GNU gettext is missing; `make test` installs it"
    # run makemessages against a copy of the catalogue, so the check never edits the tree
    locale = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", locale)
    monkeypatch.chdir(ROOT)
    with override_settings(LOCALE_PATHS=[locale]):
        call_command("makemessages", locale=["bg"], no_obsolete=True, verbosity=0,
                     ignore_patterns=[".venv/*", "tests/*", "node_modules/*", "staticfiles/*",
                                      "test-artifacts/*", "build/*"])
    with open(locale / "bg/LC_MESSAGES/django.po", "rb") as handle:
        catalogue = read_po(handle)
    missing = [m.id for m in catalogue if m.id and (not m.string or (
        isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert missing == [], f"untranslated: {missing[:10]}"
    assert fuzzy == [], f"fuzzy: {fuzzy[:10]}"


def test_compiled_catalogue_is_up_to_date():
    po = ROOT / "locale/bg/LC_MESSAGES/django.po"
    mo = ROOT / "locale/bg/LC_MESSAGES/django.mo"
    assert mo.exists(), "run `make messages` and commit django.mo"
    from babel.messages.mofile import read_mo

    def key(message):
        return message.id if isinstance(message.id, str) else tuple(message.id)

    with open(mo, "rb") as handle:
        compiled = {key(m): m.string for m in read_mo(handle) if m.id}
    with open(po, "rb") as handle:
        source = {key(m): m.string for m in read_po(handle) if m.id}
    assert source.keys() == compiled.keys(), "django.mo is stale: run `make messages`"
    assert {k: v for k, v in source.items() if isinstance(k, str)} == {
        k: v for k, v in compiled.items() if isinstance(k, str)}, "django.mo is stale"
