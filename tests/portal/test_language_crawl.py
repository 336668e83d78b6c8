"""The portal read in every language as a member reads it: no interface text left in English.

On the demo data, a partner member's crawl starts at the dashboard and follows the links of
the header and the main content (one page per kind of URL). Each page is then fetched with
each language of the settings active, and its text nodes and the attributes people read
(labels, titles, placeholders, alternative texts) are compared with the English interface
strings of our catalogue: a node that is exactly one of them, in a language whose
translation differs, is English the reader did not choose, and so is a seeded label (a WG,
stage, theme or NACE-sector name, ...) shown in English where its translation exists. Other
data (partner names, practice titles) is content in its own language, not mistaken for
interface text.
"""
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils.translation import to_locale
from modeltranslation.translator import NotRegistered, translator

from clusterpolisee.core.labels import column
from clusterpolisee.users.models import User
from tests.browser.test_layout_crawl import SKIP, kind_of
from tests.conftest import ensure_wagtail_root

pytestmark = pytest.mark.django_db

PAGES = 24
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
PLACEHOLDER = re.compile(r"%\(|%[sd]|\{")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
DATA_APPS = ("partners", "workgroups", "knowledge", "consultations", "matchmaking",
             "assessments", "strategies", "wagtailcore")


def translated_fields(model) -> set[str]:
    """A label model's translated fields and their per-language columns."""
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return set()
    return set(fields) | {column.name for columns in fields.values() for column in columns}


def data_texts():
    """What the demo data says (page titles, partner names, ...): content in its own
    language, not interface text, even where it reads like a catalogue string. Labels
    translated per language (WG, stage, theme names, ...) are not in it: they are checked."""
    from django.apps import apps
    from django.db import models

    texts = set()
    for label in DATA_APPS:
        for model in apps.get_app_config(label).get_models():
            skip = translated_fields(model)
            for field in model._meta.concrete_fields:
                if (isinstance(field, models.CharField) and not field.choices
                        and field.name not in skip):
                    texts.update(" ".join(str(v).split()) for v in
                                 model.objects.values_list(field.name, flat=True).distinct())
    return texts


class Text(HTMLParser):
    """The text a reader sees or hears, one stripped string per node or attribute."""

    def __init__(self):
        super().__init__()
        self.nodes, self.links, self._skip, self._stack = [], [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # the language menu names each language in itself (lang="en" on "English")
        skipped = tag in ("script", "style", "template") or (
            "lang" in attrs and tag != "html")
        if tag not in VOID:
            self._stack.append(skipped)
            self._skip += skipped
        if tag == "a" and attrs.get("href") and "download" not in attrs:
            self.links.append(attrs["href"])
        self.nodes.extend(attrs[a].strip() for a in ATTRIBUTES if attrs.get(a))

    def handle_endtag(self, tag):
        if tag not in VOID and self._stack:
            self._skip -= self._stack.pop()

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.nodes.append(" ".join(data.split()))


def english_strings(language):
    """Catalogue msgids of this language whose translation is not the English text itself."""
    path = Path(settings.BASE_DIR) / "locale" / to_locale(language) / "LC_MESSAGES/django.po"
    with open(path, "rb") as handle:
        catalogue = read_po(handle)
    strings, translations = set(), set()
    for message in catalogue:
        if isinstance(message.string, str):  # German "Profile" is the plural of "Profil"
            translations.add(" ".join(message.string.split()))
        if not message.id or not isinstance(message.id, str) or PLACEHOLDER.search(message.id):
            continue
        text = " ".join(message.id.split())
        if message.string and message.string.strip() != message.id.strip() and re.search(
                r"[A-Za-z]{3}", text):
            strings.add(text)
    return strings - translations


def english_labels(language):
    """The seeded labels whose translation into ``language`` differs from the English."""
    texts = set()
    for model in translator.get_registered_models(abstract=False):
        for field in translator.get_options_for_model(model).fields:
            for english, translated in model.objects.values_list(
                    column(field, "en"), column(field, language)).order_by():
                if english and translated and translated != english:
                    texts.add(" ".join(english.split()))
    return texts


def crawl(client):
    paths, kinds, queue = [], set(), ["/dashboard/"]
    while queue and len(paths) < PAGES:
        path = queue.pop(0)
        kind = kind_of(path)
        if kind in kinds:
            continue
        kinds.add(kind)
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        paths.append(path)
        parser = Text()
        parser.feed(response.content.decode())
        for href in parser.links:
            url = urlsplit(urljoin(path, href))
            if not url.netloc and url.path.startswith("/") and not SKIP.search(url.path):
                queue.append(url.path)
    return paths


def test_every_page_speaks_the_members_language(settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    ensure_wagtail_root()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(email__startswith="marche.member@"))
    paths = crawl(client)
    assert len(paths) >= 15, paths
    problems, data = [], data_texts()
    for language, _name in settings.LANGUAGES:
        if language == "en":
            continue
        english = (english_strings(language) - data) | english_labels(language)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (language, path)
            parser = Text()
            parser.feed(response.content.decode())
            left = sorted({node for node in parser.nodes if node in english})
            if left:
                problems.append(f"{language} {path}: {left[:6]}")
    assert problems == [], "\n".join(problems)
