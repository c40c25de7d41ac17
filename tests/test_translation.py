"""Rendering through catalogs: escaped translations, marked values, English fallback, context."""

from __future__ import annotations

import datetime

from markupsafe import Markup

from awareness.i18n.catalogs import load_catalog
from awareness.i18n.languages import Language
from awareness.i18n.translator import Translator
from awareness.render.html import isolate_ltr


def _catalog(tmp_path, messages: dict[str, str], contexts: dict[tuple[str, str], str] | None = None):
    po = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    entries = "".join(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for msgid, msgstr in messages.items())
    entries += "".join(
        f'msgctxt "{ctx}"\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for (ctx, msgid), msgstr in (contexts or {}).items()
    )
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries, encoding="utf-8"
    )
    return load_catalog(po, "fr", datetime.date(2026, 12, 3))


def test_markup_in_a_translation_is_printed_as_text(tmp_path):
    translator = Translator(_catalog(tmp_path, {"Call %(number)s": "<b>Appelez</b> le %(number)s"}))
    html = translator.gettext("Call %(number)s", number=isolate_ltr("1-888-373-7888"))
    assert "&lt;b&gt;Appelez&lt;/b&gt;" in html
    assert '<span class="ltr" data-v="">\u20661-888-373-7888\u2069</span>' in html


def test_placeholder_values_are_escaped_and_marked_as_values():
    translator = Translator(None)
    assert translator.gettext("Text %(keyword)s", keyword="<HELP>") == Markup('Text <span data-v="">&lt;HELP&gt;</span>')


def test_missing_and_fuzzy_messages_fall_back_to_english_and_are_noted(tmp_path):
    translator = Translator(_catalog(tmp_path, {"Hello": "Bonjour"}))
    assert translator.gettext("Hello") == "Bonjour"
    assert translator.gettext("Goodbye") == "Goodbye"
    assert translator.fallbacks == {(None, "Goodbye")}


def test_context_tells_messages_with_the_same_words_apart(tmp_path):
    translator = Translator(
        _catalog(
            tmp_path, {"Text %(number)s": "SMS %(number)s"}, {("keyword HELP", "Text %(number)s"): "Écrivez HELP au %(number)s"}
        )
    )
    assert translator.pgettext("keyword HELP", "Text %(number)s", number="1") == Markup(
        'Écrivez HELP au <span data-v="">1</span>'
    )
    assert translator.gettext("Text %(number)s", number="1") == Markup('SMS <span data-v="">1</span>')


def test_source_language_notes_no_fallback():
    translator = Translator(None)
    translator.gettext("Hello")
    assert translator.fallbacks == set()


def test_direction_and_names_come_from_cldr():
    assert Language("ar").direction == "rtl"
    assert Language("fa").direction == "rtl"
    assert Language("zh-Hans").direction == "ltr"
    assert Language("tl").english_name == "Tagalog"
    assert Language("es").language_name("en") == "inglés"
