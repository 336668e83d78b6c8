"""Write the Serbian Latin catalogue (sr_Latn) from the Cyrillic one (sr).

Serbian has one language in two scripts and a one-to-one transliteration between them, so
the Latin catalogue is made, never translated by hand: ``make messages`` runs this after
``makemessages``. Only the translations (``msgstr``) change; placeholders, HTML and the
product names are Latin already and stay as they are.
"""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

UPPER = {"А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž",
         "З": "Z", "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N",
         "Њ": "Nj", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U",
         "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Č", "Џ": "Dž", "Ш": "Š"}
LOWER = {c.lower(): latin.lower() for c, latin in UPPER.items()}


def to_latin(text: str) -> str:
    out = []
    for i, char in enumerate(text):
        if char in LOWER:
            out.append(LOWER[char])
        elif char in UPPER:
            latin = UPPER[char]
            following = text[i + 1:i + 2]
            # a digraph in a word written in capitals stays capitals: ЉУБЉАНА → LJUBLJANA
            if len(latin) == 2 and following and following.isupper():
                latin = latin.upper()
            out.append(latin)
        else:
            out.append(char)
    return "".join(out)


def transliterate_catalogue(source: str) -> str:
    lines, in_msgstr = [], False
    for line in source.splitlines(keepends=True):
        if line.startswith("msgstr"):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        if in_msgstr:
            line = to_latin(line)
        lines.append(line)
    return "".join(lines).replace('"Language: sr\\n"', '"Language: sr_Latn\\n"', 1)


class Command(BaseCommand):
    help = "Write locale/sr_Latn/LC_MESSAGES/django.po from locale/sr/LC_MESSAGES/django.po."

    def handle(self, *args, **options):
        locale = Path(settings.LOCALE_PATHS[0])
        source = locale / "sr" / "LC_MESSAGES" / "django.po"
        target = locale / "sr_Latn" / "LC_MESSAGES" / "django.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(transliterate_catalogue(source.read_text(encoding="utf-8")),
                          encoding="utf-8")
        self.stdout.write(f"wrote {target}")
