"""The hotline registry: numbers checked with `phonenumbers`, known-bad forms refused.

A number reaches a page only through these objects, so no translation can change a digit.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import phonenumbers

from .errors import Collector, Location
from .yamlfile import location_of

# A web address as printed ("iwatchtx.org"), also where no space or punctuation ends it, as
# before a Korean particle ("iwatchtx.org에"), where a word boundary would not match.
WEB_ADDRESS = re.compile(r"(?i:(?<![a-z0-9-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|gov|net|info)(?![a-z0-9-]))")


@dataclass(frozen=True)
class Number:
    """One dialable number: E.164 or a short code, with the forms that are printed."""

    dial: str
    display: str
    vanity: str | None = None
    keyword: str | None = None  # SMS keyword ("HELP"), sent as the message body
    vanity_only: bool = False  # the digit form is derived, not verified: never print it

    def __str__(self) -> str:
        """The printed form: the vanity number with its digits, or the display form."""
        if self.vanity and self.vanity_only:
            return self.vanity
        return f"{self.vanity} ({self.display})" if self.vanity else self.display

    @property
    def tel_uri(self) -> str:
        return f"tel:{self.dial}"

    @property
    def sms_uri(self) -> str:
        return f"sms:{self.dial}" + (f"?body={self.keyword}" if self.keyword else "")


@dataclass(frozen=True)
class Hotline:
    id: str
    name: str  # translatable
    about: str  # translatable
    country: str
    phone: Number
    tty: Number | None
    sms: Number | None
    web: str | None
    hours: str  # "24/7", or "" when the source does not say
    phone_languages: tuple[str, ...]
    interpreted_languages: int | None
    text_languages: tuple[str, ...]
    source: str
    verified: datetime.date

    @property
    def open_always(self) -> bool:
        return self.hours == "24/7"


@dataclass(frozen=True)
class KnownBadNumber:
    form: str
    correct: str
    why: str

    @property
    def digits(self) -> str:
        return digits_of(self.form)


def digits_of(text: str) -> str:
    """Digits of a printed number, letters converted by the phone keypad (1-800-4-A-CHILD)."""
    return "".join(ch for ch in phonenumbers.convert_alpha_characters_in_number(text) if ch.isdigit())


def spells(vanity: str, digits: str) -> bool:
    """Whether a vanity number dials these digits. Letters past the last digit dialled are
    a convention ("1-888-KEY-2-FREE", "1-888-KEY-2-FRE(EDOM)"): the phone ignores them."""
    letters_dialled = digits_of(re.sub(r"\([A-Za-z]+\)", "", vanity))
    extra = letters_dialled[len(digits):]
    return letters_dialled.startswith(digits) and (not extra or vanity.rstrip(")").rstrip()[-len(extra):].isalpha())


def build_registry(data: dict[str, Any], known_bad: list[KnownBadNumber], problems: Collector) -> dict[str, Hotline]:
    """Hotlines from validated YAML; every number is checked, problems are located."""
    registry = {}
    for line_id, entry in data.items():
        hotline = _build_hotline(line_id, entry, known_bad, problems)
        if hotline:
            registry[line_id] = hotline
    return registry


def _build_hotline(line_id: str, entry: dict[str, Any], known_bad: list[KnownBadNumber], problems: Collector) -> Hotline | None:
    country = entry["country"]
    numbers = {
        field: _checked_number(entry[field], country, known_bad, location_of(entry, field), problems)
        for field in ("phone", "tty", "sms")
        if field in entry
    }
    if None in numbers.values():
        return None
    languages = entry.get("languages", {})
    return Hotline(
        id=line_id,
        name=entry["name"],
        about=entry["about"],
        country=country,
        phone=numbers["phone"],
        tty=numbers.get("tty"),
        sms=numbers.get("sms"),
        web=entry.get("web"),
        hours=entry.get("hours", ""),
        phone_languages=tuple(languages.get("phone", ())),
        interpreted_languages=languages.get("interpreted"),
        text_languages=tuple(languages.get("text", ())),
        source=entry["source"],
        verified=datetime.date.fromisoformat(entry["verified"]),
    )


def _checked_number(spec: dict[str, Any], country: str, known_bad: list[KnownBadNumber],
                    where: Location | None, problems: Collector) -> Number | None:
    dial = spec["dial"]
    display = spec.get("display", dial)
    problem = _known_bad_problem(spec, known_bad) or _dial_problem(dial, country) or _display_problem(dial, display, country)
    if not problem and spec.get("vanity") and not spells(spec["vanity"], digits_of(display)):
        problem = f"vanity form '{spec['vanity']}' does not spell {display}"
    if problem:
        problems.add(problem, where)
        return None
    return Number(dial=dial, display=display, vanity=spec.get("vanity"), keyword=spec.get("keyword"),
                  vanity_only=spec.get("vanity_only", False))


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
        return None if digits_of(display) == dial else f"display '{display}' does not match {dial}"
    parsed = phonenumbers.parse(dial, None)
    national = str(parsed.national_number)
    accepted = {digits_of(dial), national, _national_prefix(country) + national}
    if digits_of(display) in accepted:
        return None
    return f"display '{display}' does not match {dial}"


def _national_prefix(country: str) -> str:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country)
    return (metadata.national_prefix if metadata else None) or ""


def _known_bad_problem(spec: dict[str, Any], known_bad: list[KnownBadNumber]) -> str | None:
    """First, so that a known misprint is named as such rather than as a mismatch."""
    forms = {digits_of(spec[key]) for key in ("dial", "display", "vanity") if spec.get(key)}
    for bad in known_bad:
        if bad.digits in forms:
            return f"{bad.form} is a known wrong number ({bad.why}); the correct number is {bad.correct}"
    return None
