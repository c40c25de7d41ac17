"""`translations check`: what is wrong in a catalog, each finding as `path:line: [id] message`.

Errors would print something wrong or crash the build: placeholders, markup, a number or
address typed in, plural forms, syntax, the language header. Warnings are for the
translator's attention (errors under --strict): untranslated, fuzzy, same as English,
length far from the English, stray spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from .catalogs import po_syntax_errors, read_catalog
from .errors import Location, ProjectError
from .hotlines import WEB_ADDRESS
from .languages import parse_locale, tag_from_dir_name

ERROR, WARNING = "error", "warning"
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
_STRAY_PERCENT = re.compile(r"%(?!\(\w+\)[sd]|%)")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&[a-zA-Z]+;|&#\d+;")
_ADDRESS = re.compile(rf"https?://|www\.|{WEB_ADDRESS.pattern}|@[\w-]+\.\w", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"(?:\d[\s().-]?){3,}")
LENGTH_RATIO_LIMITS = (0.3, 3.0)  # of display width (wide CJK characters count twice)
BRAND_NAME = re.compile(r"[a-z]+[A-Z]\w*")  # one word with an inner capital (iWatchTexas): a name kept as it is


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int | None
    check: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{Location(self.path, self.line)}: [{self.check}] {self.message}"


def check_catalog(po_path: Path) -> list[Finding]:
    """Every finding of one catalog; a broken catalog gives its syntax findings only."""
    syntax = [Finding(po_path, line, "po-syntax", ERROR, message) for line, message in po_syntax_errors(po_path)]
    if syntax:
        return syntax
    try:
        catalog = read_catalog(po_path)
    except ProjectError as error:
        return [Finding(po_path, error.location.line if error.location else None, "po-syntax", ERROR, error.message)]
    lines = po_path.read_text(encoding="utf-8").splitlines()
    findings = list(_header_findings(po_path, catalog))
    for message in catalog:
        if message.id:
            line = _msgstr_line(lines, message.lineno)
            findings.extend(Finding(po_path, line, check, severity, text) for check, severity, text in _message_findings(message, catalog))
    return findings


def _header_findings(po_path: Path, catalog: Catalog) -> Iterator[Finding]:
    tag = tag_from_dir_name(po_path.parent.parent.name)
    expected = parse_locale(tag)
    if catalog.locale is None or (catalog.locale.language, catalog.locale.script) != (expected.language, expected.script):
        yield Finding(po_path, _header_line(po_path), "language-header", ERROR,
                      f"the Language header says '{catalog.locale}', but this is the catalog of '{tag}'")


def _header_line(po_path: Path) -> int | None:
    for number, line in enumerate(po_path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith('"Language:'):
            return number
    return None


def _msgstr_line(lines: list[str], msgid_line: int) -> int:
    for number in range(msgid_line, len(lines) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return msgid_line


def _message_findings(message: Message, catalog: Catalog) -> Iterator[tuple[str, str, str]]:
    sources = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    translations = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    # Babel pads a plural entry to the language's number of forms: a form left empty beside
    # filled ones is one the catalog lacks.
    if isinstance(message.id, (list, tuple)) and any(translations) and not all(translations):
        filled = sum(1 for translation in translations if translation)
        yield "plural-forms", ERROR, f"{filled} plural forms, the language has {catalog.num_plurals}"
    if not any(translations):
        yield "untranslated", WARNING, f"not translated: {sources[0]!r}"
        return
    if message.fuzzy:
        yield "fuzzy", WARNING, f"marked fuzzy (printed in English until confirmed): {sources[0]!r}"
    for translation in translations:
        if translation:
            yield from _text_findings(sources[0], translation)


def _text_findings(source: str, translation: str) -> Iterator[tuple[str, str, str]]:
    yield from _placeholder_findings(source, translation)
    if _MARKUP.search(translation):
        yield "markup", ERROR, f"markup is not allowed in a translation: {_MARKUP.search(translation).group(0)!r}"
    typed = _typed_number(source, translation)
    if typed:
        yield "typed-number", ERROR, f"a number is typed in ({typed!r}): numbers come from the registry through placeholders"
    if _ADDRESS.search(translation) and not _ADDRESS.search(source):
        yield "typed-address", ERROR, f"a web or e-mail address is typed in ({_ADDRESS.search(translation).group(0)!r})"
    yield from _style_findings(source, translation)


def _placeholder_findings(source: str, translation: str) -> Iterator[tuple[str, str, str]]:
    expected, found = _PLACEHOLDER.findall(source), _PLACEHOLDER.findall(translation)
    missing = sorted(set(expected) - set(found))
    added = sorted(set(found) - set(expected))
    if missing and added:
        yield "placeholders", ERROR, f"placeholder renamed: %({missing[0]})s became %({added[0]})s"
    elif missing:
        yield "placeholders", ERROR, f"placeholder missing: %({missing[0]})s"
    elif added:
        yield "placeholders", ERROR, f"placeholder added: %({added[0]})s (the tool has no value for it)"
    elif sorted(expected) != sorted(found):
        yield "placeholders", ERROR, "a placeholder is repeated or dropped: keep each exactly once"
    if _PLACEHOLDER.search(source) and _STRAY_PERCENT.search(translation):
        yield "placeholders", ERROR, "a lone '%' breaks the placeholders: write '%%' for a percent sign"


def _typed_number(source: str, translation: str) -> str | None:
    """A run of three or more digits (in any script) that the English does not have."""
    normalized = "".join(str(unicodedata.digit(char)) if char.isdigit() else char for char in translation)
    for run in _DIGIT_RUN.findall(normalized):
        if run.strip(" ().-") and run.strip(" ().-") not in source:
            return run.strip()
    return None


def _style_findings(source: str, translation: str) -> Iterator[tuple[str, str, str]]:
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
