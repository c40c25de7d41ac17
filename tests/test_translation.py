"""Rendering through catalogs: escaped translations, isolated numbers, English fallback."""

from __future__ import annotations

import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations
from markupsafe import Markup

from awareness.htmlrender import isolate_ltr
from awareness.i18n import Translator
from awareness.languages import Language


def _translations(messages: dict[str, str]) -> Translations:
    catalog = Catalog(locale="fr")
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def test_markup_in_a_translation_is_printed_as_text():
    translator = Translator(_translations({"Call %(number)s": "<b>Appelez</b> le %(number)s"}))
    html = translator.gettext("Call %(number)s", number=isolate_ltr("1-888-373-7888"))
    assert "&lt;b&gt;Appelez&lt;/b&gt;" in html
    assert '<span class="ltr">\u20661-888-373-7888\u2069</span>' in html


def test_placeholder_values_are_escaped_unless_markup():
    translator = Translator(NullTranslations())
    assert translator.gettext("Text %(keyword)s", keyword="<HELP>") == Markup("Text &lt;HELP&gt;")


def test_missing_and_fuzzy_messages_fall_back_to_english_and_are_noted():
    translator = Translator(_translations({"Hello": "Bonjour"}))
    assert translator.gettext("Hello") == "Bonjour"
    assert translator.gettext("Goodbye") == "Goodbye"
    assert translator.fallbacks == {"Goodbye"}


def test_source_language_notes_no_fallback():
    translator = Translator(NullTranslations())
    translator.gettext("Hello")
    assert translator.fallbacks == set()


def test_direction_and_names_come_from_cldr():
    assert Language("ar").direction == "rtl"
    assert Language("fa").direction == "rtl"
    assert Language("zh-Hans").direction == "ltr"
    assert Language("tl").english_name == "Tagalog"
    assert Language("es").language_name("en") == "inglés"
