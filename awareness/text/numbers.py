"""Numbers in text: finding what could be dialled, in any script and any format.

The rule of the project is that a phone number reaches a page only from the registry, through
a placeholder. So any digit run in printed text that did not come from a placeholder is a
suspect. Text is first normalised as a reader sees it: compatibility forms (full-width digits)
folded, digits of every script (Arabic-Indic, Devanagari, Thai ...) read as 0-9, format
characters dropped, and letters of a vanity number read on the phone keypad (1-855-FLA-SAFE).

Two strictness levels:
- ``strict`` (catalogs, material text, names): any run of three or more digits is a typed
  number; such text has no business printing one. Six digits or more count too when any
  punctuation or symbols (at most three in a row) stand between them, as a reader's eye joins
  them: "18,00,37·37_88 8" is a phone number, but "24 heures sur 24, 7 jours sur 7" is not.
- lenient (a statute's wording, which names its numbers and also says "160 languages" or
  "Section 52.6"): a run is phone-like when it has seven digits or more, or six or more in
  groups split by hyphens or spaces (233-733, 131 237), or is a vanity form; and digits joined
  by any punctuation count when there are ten or more of them (1,800,373,7888).

Digits of every kind are read as digits: full-width and mathematical forms, other scripts'
digits, dingbat and circled digits, and a run of three or more CJK numerals (一八八八, 一 八 八).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

from .trust import strip_format_characters

_SEPARATORS = " \u00a0\u2007\u202f\t\n-\u2010\u2011\u2012\u2013\u2014\u2015.()/"
_DIGIT_RUN = re.compile(rf"\d(?:[{re.escape(_SEPARATORS)}]*\d)*")
# 1-800-4-A-CHILD, 1-855-FLA-SAFE, 1-888-KEY-2-FRE(EDOM), 131 AFP: a digit group, then groups
# of digits or capitals joined by hyphens or spaces, with at least one capital letter.
# Digits that a reader joins: separated only by non-letters (spaces, punctuation, symbols).
_JOINED_RUN = re.compile(r"\d(?:[\W_]{0,3}\d)*")
# In a statute's wording a comma or semicolon before a space ends a list item: "Sections 25, 26,
# 28, 32, 69, 71" is six section numbers, while "1,800,373,7888" is still one number.
_JOINED_RUN_IN_WORDING = re.compile(r"\d(?:(?:(?![,;]\s)[\W_]){0,3}\d)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_CJK_DIGITS = {char: str(value) for value, char in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_CJK_CLASS = f"[{''.join(_CJK_DIGITS)}]"
_CJK_RUN = re.compile(rf"{_CJK_CLASS}(?:[\W_]{{0,3}}{_CJK_CLASS}){{2,}}")  # 一八八, 一 八 八, 一·八·八
_VANITY = re.compile(r"(?<![\w-])\d{1,4}(?:[-\s.]\(?[0-9A-Z]{1,7}\)?){1,5}(?![\w-])")


@dataclass(frozen=True)
class FoundNumber:
    text: str  # as printed
    digits: str  # as dialled (keypad letters converted)

    def national(self) -> str:
        return national_digits(self.digits)


def normalise(text: str) -> str:
    """Text as a reader's eye takes it: NFKC, every script's digits as ASCII, no format characters."""
    folded = unicodedata.normalize("NFKC", strip_format_characters(text))
    folded = _CJK_RUN.sub(lambda run: "".join(_CJK_DIGITS.get(char, char) for char in run.group(0)), folded)
    return "".join(_ascii_digit(char) for char in folded)


def _ascii_digit(char: str) -> str:
    """A digit of any kind (Arabic-Indic, Thai, dingbat ❶) as 0-9; any other character as it is."""
    if char.isascii() or not char.isdigit():
        return char
    value = unicodedata.digit(char, None)
    return char if value is None else str(value)


def keypad_digits(text: str) -> str:
    """Digits as a phone dials them: letters by the keypad, everything else dropped."""
    return "".join(char for char in phonenumbers.convert_alpha_characters_in_number(text) if char.isdigit())


def national_digits(digits: str, country: str = "US") -> str:
    """The national significant number: no country code, no trunk prefix (so that 1-800-…,
    +1 800 … and (800) … compare equal)."""
    try:
        parsed = phonenumbers.parse("+" + digits if digits.startswith("1") and len(digits) == 11 else digits, country)
        return str(parsed.national_number) or digits
    except phonenumbers.NumberParseException:
        return digits


def typed_numbers(text: str, strict: bool) -> list[FoundNumber]:
    """Every digit run (strict) or phone-like run (lenient) in `text`, and every vanity form."""
    normal = normalise(text)
    found = [
        FoundNumber(match.group(0).strip(), keypad_digits(match.group(0)))
        for match in _VANITY.finditer(normal)
        if re.search("[A-Z]", match.group(0)) and len(keypad_digits(match.group(0))) >= 6
    ]
    covered = [match.span() for match in _VANITY.finditer(normal) if re.search("[A-Z]", match.group(0))]
    for match in _DIGIT_RUN.finditer(normal):
        if any(start <= match.start() < end for start, end in covered):
            continue
        run = match.group(0).strip(_SEPARATORS)
        digits = keypad_digits(run)
        if _counts(run, digits, strict):
            found.append(FoundNumber(run, digits))
            covered.append(match.span())
    # Digits disguised by unusual separators (18,88,37,37,88,8 or 1·800·373·7888): phone-like
    # when there are six or more (strict) or ten or more (lenient); "24 heures sur 24, 7 jours"
    # is not a number.
    least = 6 if strict else 10
    for match in (_JOINED_RUN if strict else _JOINED_RUN_IN_WORDING).finditer(normal):
        run = match.group(0)
        digits = keypad_digits(run)
        if (
            len(digits) >= least
            and not _THOUSANDS.fullmatch(run)
            and not any(start < match.end() and match.start() < end for start, end in covered)
        ):
            found.append(FoundNumber(run, digits))
    return found


def _counts(run: str, digits: str, strict: bool) -> bool:
    if strict:
        return len(digits) >= 3
    if re.fullmatch(r"\d+\.\d+", run):
        return False  # a section or a decimal ("§ 402.0351"), never how a phone number is written
    grouped = bool(re.search(r"\d[-\s\u00a0\u2010\u2011]+\d", run))
    return len(digits) >= 7 or (grouped and len(digits) >= 6)


def contains_digits_of(text: str, digits: str) -> bool:
    """Whether `digits` (a national number) appear in text, whatever the separators between
    them: the read-back test for a known-bad number in any format."""
    return national_digits(digits) in "".join(char for char in normalise(text) if char.isdigit())
