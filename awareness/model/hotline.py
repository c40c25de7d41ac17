"""A hotline line, defined once: its numbers (dial, display, vanity, text keyword), its web
address, how each is printed, and how each is validated.

A number reaches a page only through these objects, so no translation can change a digit;
the QR payload and the printed label come from the same validated value.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from ..text.numbers import keypad_digits, national_digits
from ..text.trust import first_untrusted
from .diagnostics import Collector, Location

# Registry fields are ASCII by pattern: no look-alike letter or invisible character fits.
DIAL = re.compile(r"^\+?[0-9]{3,15}$")
DISPLAY = re.compile(r"^[0-9][0-9 ()+.\-]*[0-9]$|^[0-9]$")
VANITY = re.compile(r"^[0-9A-Z][0-9A-Z ()+.\-]*[0-9A-Z)]$")
KEYWORD = re.compile(r"^[A-Z0-9]{2,16}$")
# https, a plain host name, an optional path; no port, user, query or fragment (no tracking).
WEB = re.compile(r"^https://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:/[A-Za-z0-9._~/-]*)?$")

NUMBER_KINDS = ("phone", "tty", "sms")
ADDRESS_KINDS = ("web", "chat")


def web_label(url: str) -> str:
    """An address as people type it: no scheme, no "www.", no trailing slash."""
    return url.removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")


@dataclass(frozen=True)
class PhoneNumber:
    """One dialable number: E.164 or a short code, with the forms that are printed."""

    dial: str
    display: str
    country: str
    vanity: str | None = None
    keyword: str | None = None  # SMS keyword ("HELP"), sent as the message body
    vanity_only: bool = False  # the digit form is derived, not verified: never print it

    @property
    def printed(self) -> str:
        """The one printed form: the vanity number with its digits, or the display form."""
        if self.vanity and self.vanity_only:
            return self.vanity
        return f"{self.vanity} ({self.display})" if self.vanity else self.display

    @property
    def short(self) -> str:
        """The shortest printed form that dials it (tabs, small cards)."""
        return self.vanity if self.vanity and self.vanity_only else self.display

    def __str__(self) -> str:
        return self.printed

    @property
    def tel_uri(self) -> str:
        return f"tel:{self.dial}"

    @property
    def sms_uri(self) -> str:
        return f"sms:{self.dial}" + (f"?body={self.keyword}" if self.keyword else "")

    @property
    def national(self) -> str:
        """Digits of the national significant number, to compare any printed format."""
        return national_digits(self.dial.lstrip("+"), self.country) if self.dial.startswith("+") else self.dial

    def printed_forms(self) -> tuple[str, ...]:
        """Every form in which this number may legitimately appear in text."""
        forms = [self.vanity] if self.vanity else []
        if not self.vanity_only:
            forms.append(self.display)
        return tuple(forms)


@dataclass(frozen=True)
class WebAddress:
    url: str

    @property
    def label(self) -> str:
        return web_label(self.url)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Hotline:
    id: str
    name: str  # translatable
    about: str  # translatable
    country: str
    phone: PhoneNumber
    tty: PhoneNumber | None
    sms: PhoneNumber | None
    web: WebAddress | None
    chat: WebAddress | None
    hours: str  # "24/7", or "" when the source does not say
    phone_languages: tuple[str, ...]
    interpreted_languages: int | None
    text_languages: tuple[str, ...]  # text and chat answered in these only
    source: str
    verified: datetime.date

    @property
    def open_always(self) -> bool:
        return self.hours == "24/7"

    def numbers(self) -> dict[str, PhoneNumber]:
        return {kind: number for kind in NUMBER_KINDS if (number := getattr(self, kind)) is not None}

    def field(self, kind: str) -> PhoneNumber | WebAddress | None:
        """`phone`, `tty`, `sms`, `web` or `chat`."""
        value = getattr(self, kind, None) if kind in NUMBER_KINDS + ADDRESS_KINDS else None
        return value if isinstance(value, (PhoneNumber, WebAddress)) else None

    def printed(self, kind: str) -> str:
        value = self.field(kind)
        if value is None:
            raise KeyError(f"{self.id} has no {kind}")
        return value.short if isinstance(value, PhoneNumber) else value.label


@dataclass(frozen=True)
class KnownBadNumber:
    form: str
    correct: str
    why: str
    country: str = "US"
    patterns: tuple[str, ...] = field(default=())  # digit strings to look for in any text

    @property
    def digits(self) -> str:
        return keypad_digits(self.form)


def known_bad_numbers(entries: list[dict[str, Any]], registry_nationals: set[str]) -> list[KnownBadNumber]:
    """Each misprint with the digit strings that betray it in any format: its full digits, and
    its national number unless that is a good number (Mexico's "01 800 ..." is bad only with
    its old prefix)."""
    found = []
    for entry in entries:
        digits = keypad_digits(entry["form"])
        national = national_digits(digits, entry.get("country", "US"))
        patterns = (digits,) if national in registry_nationals or national == digits else (digits, national)
        found.append(KnownBadNumber(entry["form"], entry["correct"], entry["why"], entry.get("country", "US"), patterns))
    return found


def known_bad_in(digits: str, known_bad: list[KnownBadNumber]) -> KnownBadNumber | None:
    """The known-bad number whose digits are these, in any format."""
    national = national_digits(digits)
    for bad in known_bad:
        if digits in bad.patterns or national in bad.patterns:
            return bad
    return None


def registry_entry_for(printed: str, registry: dict[str, Hotline]) -> tuple[str, str] | None:
    """The registry entry (hotline id, kind) a printed number dials, in any format: digits
    grouped any way, with or without the country code, letters read on the keypad (and the
    extra letters a vanity number may carry past its last digit)."""
    digits = keypad_digits(printed)
    national = national_digits(digits)
    for line in registry.values():
        for kind, number in line.numbers().items():
            dial = number.dial.lstrip("+")
            if (
                digits in (dial, number.national)
                or national == number.national
                or spells(printed, dial)
                or spells(printed, number.national)
            ):
                return line.id, kind
    return None


def spells(vanity: str, digits: str) -> bool:
    """Whether a vanity number dials these digits. Letters past the last digit dialled are
    a convention ("1-888-KEY-2-FREE", "1-888-KEY-2-FRE(EDOM)"): the phone ignores them."""
    letters_dialled = keypad_digits(re.sub(r"\([A-Za-z]+\)", "", vanity))
    extra = letters_dialled[len(digits) :]
    return letters_dialled.startswith(digits) and (not extra or vanity.rstrip(")").rstrip()[-len(extra) :].isalpha())


# ---------------------------------------------------------------- building and validating


def build_hotline(
    line_id: str, entry: dict[str, Any], known_bad: list[KnownBadNumber], problems: Collector, where: Any
) -> Hotline | None:
    """A hotline from validated YAML; every number and address is checked, problems located."""
    from ..load.yamlsafe import location_of

    country = entry["country"]
    before = len(problems.errors)
    numbers = {
        kind: _checked_number(entry[kind], country, known_bad, location_of(where, kind), problems)
        for kind in NUMBER_KINDS
        if kind in entry
    }
    addresses = {
        kind: _checked_address(entry[kind], location_of(where, kind), problems) for kind in ADDRESS_KINDS if kind in entry
    }
    for key in ("name", "about"):
        _check_words(entry[key], key, location_of(where, key), problems)
    phone = numbers["phone"]
    if len(problems.errors) > before or phone is None:
        return None
    languages = entry.get("languages", {})
    return Hotline(
        id=line_id,
        name=entry["name"],
        about=entry["about"],
        country=country,
        phone=phone,
        tty=numbers.get("tty"),
        sms=numbers.get("sms"),
        web=addresses.get("web"),
        chat=addresses.get("chat"),
        hours=entry.get("hours", ""),
        phone_languages=tuple(languages.get("phone", ())),
        interpreted_languages=languages.get("interpreted"),
        text_languages=tuple(languages.get("text", ())),
        source=entry["source"],
        verified=entry["verified"],
    )


def _check_words(text: str, key: str, where: Location | None, problems: Collector) -> None:
    from ..text.numbers import typed_numbers

    untrusted = first_untrusted(text)
    if untrusted:
        problems.add("text.untrusted", f"{key}: {untrusted}", where)
    for number in typed_numbers(text, strict=True):
        problems.add(
            "number.typed",
            f"{key}: a number is typed into the text ({number.text!r}); numbers "
            "are printed from the registry's number fields only",
            where,
        )


def _checked_address(url: str, where: Location | None, problems: Collector) -> WebAddress | None:
    if not WEB.match(url):
        problems.add("registry.web", f"{url!r} is not a plain https:// address (ASCII host, no port, query or fragment)", where)
        return None
    return WebAddress(url)


def _checked_number(
    spec: dict[str, Any], country: str, known_bad: list[KnownBadNumber], where: Location | None, problems: Collector
) -> PhoneNumber | None:
    dial = spec["dial"]
    display = spec.get("display", dial)
    problem = (
        _known_bad_problem(spec, known_bad)
        or _pattern_problem(spec)
        or _dial_problem(dial, country)
        or _display_problem(dial, display, country)
    )
    if not problem and spec.get("vanity") and not spells(spec["vanity"], keypad_digits(display)):
        problem = f"vanity form '{spec['vanity']}' does not spell {display}"
    if problem:
        problems.add("registry.number", problem, where)
        return None
    return PhoneNumber(
        dial=dial,
        display=display,
        country=country,
        vanity=spec.get("vanity"),
        keyword=spec.get("keyword"),
        vanity_only=spec.get("vanity_only", False),
    )


def _pattern_problem(spec: dict[str, Any]) -> str | None:
    for key, pattern in (("dial", DIAL), ("display", DISPLAY), ("vanity", VANITY), ("keyword", KEYWORD)):
        value = spec.get(key)
        if value is not None and (not isinstance(value, str) or not pattern.match(value)):
            untrusted = first_untrusted(value) if isinstance(value, str) else None
            detail = f": {untrusted}" if untrusted else ""
            capitals = ", capitals" if key in ("vanity", "keyword") else ""
            return f"{key} {value!r} is not a well-formed {key} (ASCII digits{capitals} and separators){detail}"
    return None


def _dial_problem(dial: str, country: str) -> str | None:
    try:
        if dial.startswith("+"):
            valid = phonenumbers.is_valid_number(phonenumbers.parse(dial, None))
        else:  # a short code (711, 233733) or a national number without prefix (AU 131 237)
            parsed = phonenumbers.parse(dial, country)
            valid = phonenumbers.is_valid_short_number(parsed) or phonenumbers.is_valid_number(parsed)
    except phonenumbers.NumberParseException:
        valid = False
    if valid:
        return None
    return f"{dial} is not a valid phone number" if dial.startswith("+") else f"{dial} is not a valid short number in {country}"


def _display_problem(dial: str, display: str, country: str) -> str | None:
    """The printed form must carry exactly the digits that are dialled."""
    if not dial.startswith("+"):
        return None if keypad_digits(display) == dial else f"display '{display}' does not match {dial}"
    parsed = phonenumbers.parse(dial, None)
    national = str(parsed.national_number)
    accepted = {keypad_digits(dial), national, _national_prefix(country) + national}
    if keypad_digits(display) in accepted:
        return None
    return f"display '{display}' does not match {dial}"


def _national_prefix(country: str) -> str:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country)
    return (metadata.national_prefix if metadata else None) or ""


def _known_bad_problem(spec: dict[str, Any], known_bad: list[KnownBadNumber]) -> str | None:
    """First, so that a known misprint is named as such rather than as a mismatch."""
    for key in ("dial", "display", "vanity"):
        if spec.get(key):
            bad = known_bad_in(keypad_digits(spec[key]), known_bad)
            if bad:
                return f"{bad.form} is a known wrong number ({bad.why}); the correct number is {bad.correct}"
    return None
