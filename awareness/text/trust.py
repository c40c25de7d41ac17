"""Characters that cannot be trusted on a printed page.

A bidi override or isolate can reorder the digits of a number on an Arabic page; a zero-width
character can hide inside a number or a web address so that the QR code and its label
disagree; a Cyrillic "о" in a Latin word makes a look-alike address. None of these has a place
in what this project prints, so text that holds one is refused with the character named:

- C0 and C1 control characters (a line break is allowed only where a file keeps lines);
- bidi controls (embeddings, overrides, isolates, marks): the tool isolates numbers itself;
- invisible characters: zero-width space, word joiner, BOM, soft hyphen, fillers, tags, and
  private-use characters; the tool inserts its own break hints after these checks;
- ZWNJ and ZWJ, except between two letters or marks of a script that needs them (Persian,
  Urdu, Indic scripts): never next to a digit, a Latin letter or a space;
- a word that mixes Latin letters with Cyrillic or Greek ones (look-alikes).

Registry fields (numbers, vanity forms, keywords, web addresses) are stricter still: ASCII
only, checked by their own patterns in `model.hotline`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
INVISIBLE = frozenset("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060\u2061\u2062\u2063\u2064\u3164\ufeff\uffa0")
JOINERS = frozenset("\u200c\u200d")
_WORD = re.compile(r"\w+")
LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})


def character_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"


def untrusted_characters(text: str, allow_newlines: bool = False) -> Iterator[str]:
    """A description of each untrusted character or word in `text`, in order."""
    for index, char in enumerate(text):
        problem = _character_problem(text, index, char, allow_newlines)
        if problem:
            yield problem
    for word in _WORD.findall(text):
        scripts = {_script(char) for char in word if char.isalpha()} & LOOKALIKE_SCRIPTS
        if len(scripts) > 1:
            yield f"the word '{word}' mixes {' and '.join(sorted(scripts)).title()} letters (a look-alike)"


def first_untrusted(text: str, allow_newlines: bool = False) -> str | None:
    return next(untrusted_characters(text, allow_newlines), None)


def _character_problem(text: str, index: int, char: str, allow_newlines: bool) -> str | None:
    category = unicodedata.category(char)
    if char == "\n" and allow_newlines:
        return None
    if category == "Cc":
        return f"control character {character_name(char)}"
    if char in BIDI_CONTROLS:
        return f"bidi control {character_name(char)}: the tool keeps numbers in order itself"
    if char in JOINERS:
        return None if _joins_letters(text, index) else f"{character_name(char)} outside a word that needs it"
    if char in INVISIBLE or category in ("Co", "Cn", "Cs") or 0xE0000 <= ord(char) <= 0xE007F or 0xFE00 <= ord(char) <= 0xFE0F:
        return f"invisible character {character_name(char)}"
    if category == "Cf":
        return f"format character {character_name(char)}"
    if category in ("Zl", "Zp"):
        return f"line separator {character_name(char)}"
    return None


def _joins_letters(text: str, index: int) -> bool:
    """ZWNJ/ZWJ belongs between two non-ASCII letters or marks (e.g. Persian می‌خواهم)."""
    if index == 0 or index == len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    return all(not char.isascii() and unicodedata.category(char)[0] in "LM" for char in (before, after))


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ")[0]


def strip_format_characters(text: str) -> str:
    """Text without any format (Cf) character: what a number looks like to a reader."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf")
