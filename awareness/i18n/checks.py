"""Catalog checks: what is wrong in a catalog, each finding a located diagnostic.

Errors would print something wrong: a placeholder dropped, added or renamed (a card without its
hotline); markup; a number or address typed in; an untrusted character (a bidi control that
reorders digits, a zero-width character, a look-alike letter); plural forms the language does
not have; a review header that does not parse; a glossary term contradicted. The build runs
these same checks on every message it is about to print, and refuses the page on an error.

Warnings are for the translator's attention: untranslated, fuzzy, same as English, length far
from the English, stray spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Message

from ..model.diagnostics import Diagnostic, Location, ProjectError, Severity
from ..text.numbers import typed_numbers
from ..text.trust import untrusted_characters
from .catalogs import CatalogData, MessageKey, load_catalog
from .glossary import Glossary, glossary_for
from .languages import cldr_locale, tag_from_dir_name

ERROR, WARNING = Severity.ERROR, Severity.WARNING
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
_PLACEHOLDER_FORM = re.compile(r"%\((\w+)\)([sd])")
MAX_TRANSLATION_CHARS = 2_000  # the longest message is a few hundred; a huge one would stall layout
_STRAY_PERCENT = re.compile(r"%(?!\(\w+\)[sd]|%)")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&[a-zA-Z]+;|&#\d+;")
WEB_ADDRESS = re.compile(r"(?i:(?<![a-z0-9-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|gov|net|info|ca|mx|uk|au|eu)(?![a-z0-9-]))")
_ADDRESS = re.compile(rf"https?://|www\.|{WEB_ADDRESS.pattern}|@[\w-]+\.\w", re.IGNORECASE)
LENGTH_RATIO_LIMITS = (0.3, 3.0)  # of display width (wide CJK characters count twice)
BRAND_NAME = re.compile(r"[a-z]+[A-Z]\w*")  # one word with an inner capital (iWatchTexas): a name kept as it is


@dataclass
class CatalogReport:
    """Findings of one catalog: those of the whole file, and those of each message."""

    catalog: CatalogData | None
    general: list[Diagnostic] = field(default_factory=list)
    by_message: dict[MessageKey, list[Diagnostic]] = field(default_factory=dict)

    def all(self) -> list[Diagnostic]:
        return [*self.general, *(d for found in self.by_message.values() for d in found)]

    def errors_for(self, keys: list[MessageKey]) -> list[Diagnostic]:
        """What stops a page that prints these messages."""
        found = [d for d in self.general if d.is_error]
        for key in dict.fromkeys(keys):
            found.extend(d for d in self.by_message.get(key, ()) if d.is_error)
        return found


def check_catalog(path: Path, tag: str | None = None) -> CatalogReport:
    """Every finding of one catalog; a broken catalog gives its reading error only."""
    tag = tag or tag_from_dir_name(path.parent.parent.name)
    try:
        catalog = load_catalog(path, tag)
    except ProjectError as error:
        return CatalogReport(None, list(error.diagnostics))
    try:
        glossary = glossary_for(catalog.path)
    except ProjectError as error:
        report = _report(catalog, None)
        return CatalogReport(catalog, [*report.general, *error.diagnostics], report.by_message)
    return _report(catalog, glossary)


@lru_cache(maxsize=128)
def _report(catalog: CatalogData, glossary: Glossary | None) -> CatalogReport:
    report = CatalogReport(catalog, list(_header_findings(catalog)))
    for message in catalog.catalog:
        if not message.id:
            continue
        key: MessageKey = (message.context, message.id if isinstance(message.id, str) else message.id[0])
        where = Location(catalog.path, catalog.lines.get(key, message.lineno))
        found = [
            Diagnostic(f"catalog.{check}" if "." not in check else check, text, severity, where)
            for check, severity, text in _message_findings(message, catalog, glossary)
        ]
        if found:
            report.by_message[key] = found
    return report


def _header_findings(catalog: CatalogData) -> Iterator[Diagnostic]:
    expected = cldr_locale(catalog.tag)
    found = catalog.catalog.locale
    if expected is not None and (found is None or (found.language, found.script) != (expected.language, expected.script)):
        yield Diagnostic(
            "catalog.language-header",
            f"the Language header says '{found}', but this is the catalog of '{catalog.tag}'",
            ERROR,
            Location(catalog.path, _header_line(catalog)),
        )
    if catalog.review.problem:
        yield Diagnostic(
            "catalog.review-header", f"{catalog.review.problem}: the catalog counts as a draft", ERROR, Location(catalog.path, 1)
        )


def _header_line(catalog: CatalogData) -> int | None:
    for number, line in enumerate(catalog.path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith('"Language:'):
            return number
    return None


# Weblate's flag for "the same as the English on purpose" (Poedit keeps flags): a translator
# marks a word the language shares ("Hospital", "Texas") so the warning does not come back.
IGNORE_SAME = "ignore-same"


def _message_findings(message: Message, catalog: CatalogData, glossary: Glossary | None) -> Iterator[tuple[str, Severity, str]]:
    sources = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    translations = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    # Babel pads a plural entry to the language's number of forms: a form left empty beside
    # filled ones is one the catalog lacks.
    if isinstance(message.id, (list, tuple)) and any(translations) and not all(translations):
        filled = sum(1 for translation in translations if translation)
        yield "plural-forms", ERROR, f"{filled} plural forms, the language has {catalog.catalog.num_plurals}"
    if not any(translations):
        yield "untranslated", WARNING, f"not translated: {sources[0]!r}"
        return
    if message.fuzzy:
        yield "fuzzy", WARNING, f"marked fuzzy (printed in English until confirmed): {sources[0]!r}"
    for index, translation in enumerate(translations):
        if not translation:
            continue
        source = sources[min(index, len(sources) - 1)] if len(sources) > 1 else sources[0]
        findings = [*text_findings(source, translation), *(glossary.findings(source, translation) if glossary else ())]
        for check, severity, text in findings:
            if check == "same-as-source" and IGNORE_SAME in message.flags:
                continue  # the translator said so: a place name, a word the language borrows
            # A fuzzy entry is not printed (English is): what is wrong in it waits for the translator.
            yield (check, WARNING, f"{text} (in a fuzzy entry, not printed)") if message.fuzzy else (check, severity, text)


def text_findings(source: str, translation: str) -> Iterator[tuple[str, Severity, str]]:
    """Findings of one translated text against its English source."""
    if len(translation) > MAX_TRANSLATION_CHARS:
        yield "too-long", ERROR, f"{len(translation):,} characters; a message may have at most {MAX_TRANSLATION_CHARS:,}"
        return
    yield from _placeholder_findings(source, translation)
    for problem in untrusted_characters(translation):
        yield "text.untrusted", ERROR, problem
    markup = _MARKUP.search(translation)
    if markup:
        yield "markup", ERROR, f"markup is not allowed in a translation: {markup.group(0)!r}"
    source_digits = {number.digits for number in typed_numbers(source, strict=True)}
    for number in typed_numbers(_PLACEHOLDER.sub("", translation), strict=True):
        if number.digits not in source_digits:
            yield (
                "number.typed",
                ERROR,
                (f"a number is typed in ({number.text!r}): numbers come from the registry through placeholders"),
            )
    address = _ADDRESS.search(translation)
    if address and not _ADDRESS.search(source):
        yield "typed-address", ERROR, f"a web or e-mail address is typed in ({address.group(0)!r})"
    yield from _style_findings(source, translation)


def _placeholder_findings(source: str, translation: str) -> Iterator[tuple[str, Severity, str]]:
    expected, found = _PLACEHOLDER.findall(source), _PLACEHOLDER.findall(translation)
    missing = sorted(set(expected) - set(found))
    added = sorted(set(found) - set(expected))
    if missing and added:
        yield "placeholder", ERROR, f"placeholder renamed: %({missing[0]})s became %({added[0]})s"
    elif missing:
        yield "placeholder", ERROR, f"placeholder missing: %({missing[0]})s (the page would lose what it stands for)"
    elif added:
        yield "placeholder", ERROR, f"placeholder added: %({added[0]})s (the tool has no value for it)"
    elif sorted(expected) != sorted(found):
        yield "placeholder", ERROR, "a placeholder is repeated or dropped: keep each exactly once"
    elif sorted(_PLACEHOLDER_FORM.findall(source)) != sorted(_PLACEHOLDER_FORM.findall(translation)):
        yield "placeholder", ERROR, "a placeholder's form changed (%(name)s became %(name)d or the reverse): copy it exactly"
    if _PLACEHOLDER.search(source) and _STRAY_PERCENT.search(translation):
        yield "placeholder", ERROR, "a lone '%' breaks the placeholders: write '%%' for a percent sign"


def _style_findings(source: str, translation: str) -> Iterator[tuple[str, Severity, str]]:
    if translation == source and not BRAND_NAME.fullmatch(source):
        yield "same-as-source", WARNING, "the translation is the English text"
    ratio = _width(translation) / max(_width(source), 1)
    if not LENGTH_RATIO_LIMITS[0] <= ratio <= LENGTH_RATIO_LIMITS[1]:
        yield "length", WARNING, f"{ratio:.1f} times as long as the English: check nothing is missing or added"
    if "  " in translation:
        yield "double-space", WARNING, "doubled space"
    if translation != translation.strip() and source == source.strip():
        yield "whitespace", WARNING, "leading or trailing space"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
