"""Languages: BCP 47 tags on the command line and in output paths, gettext names on disk, and
everything a page needs to write in a language: its name, its direction, language names,
dates, numbers and lists.

These come from Babel's CLDR data, except where CLDR has too little for a language (Haitian
Creole has no month names, Hmong no locale at all): there the project's own
`translations/<lang>/locale.yaml` supplies them, so that nothing prints in a fallback
language or as a raw code.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

SOURCE_LANGUAGE = "en"
LOCALE_FILE = "locale.yaml"


def catalog_dir_name(tag: str) -> str:
    """`zh-Hans` -> `zh_Hans`: gettext's directory convention."""
    return tag.replace("-", "_")


def tag_from_dir_name(name: str) -> str:
    return name.replace("_", "-")


@cache
def cldr_locale(tag: str) -> Locale | None:
    """Babel's Locale for a tag, or None where CLDR does not know it."""
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


@dataclass(frozen=True)
class LocaleSupplement:
    """What `translations/<lang>/locale.yaml` gives for a language CLDR lacks or lacks data for."""

    name: str
    english_name: str
    direction: str = "ltr"
    language_names: dict[str, str] = field(default_factory=dict)
    months: tuple[str, ...] = ()
    date_long: str = ""  # "{day} {month} {year}"
    list_pair: str = ""  # "{0} and {1}"
    list_end: str = ""  # "{0} and {1}" for the last two of several
    list_middle: str = "{0}, {1}"
    decimal_separator: str = "."
    group_separator: str = ","
    source: str = ""

    @classmethod
    def from_yaml(cls, data: dict[str, Any]) -> LocaleSupplement:
        return cls(
            name=data["name"],
            english_name=data["english_name"],
            direction=data.get("direction", "ltr"),
            language_names=dict(data.get("language_names", {})),
            months=tuple(data.get("months", ())),
            date_long=data.get("date_long", ""),
            list_pair=data.get("list_pair", ""),
            list_end=data.get("list_end", ""),
            list_middle=data.get("list_middle", "{0}, {1}"),
            decimal_separator=data.get("decimal_separator", "."),
            group_separator=data.get("group_separator", ","),
            source=data.get("source", ""),
        )


@dataclass(frozen=True)
class Language:
    """A language the project can print, as the templates and the writer need it."""

    tag: str
    supplement: LocaleSupplement | None = None

    @cached_property
    def locale(self) -> Locale:
        """Babel's locale; for a language CLDR does not know, English stands in for the few
        things the supplement does not cover (plural rules of the source text)."""
        return cldr_locale(self.tag) or Locale("en")

    @property
    def known_to_cldr(self) -> bool:
        return cldr_locale(self.tag) is not None

    @property
    def base(self) -> str:
        return self.tag.split("-")[0]

    @property
    def direction(self) -> str:
        if self.supplement:
            return self.supplement.direction
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def name(self) -> str:
        """The language's name in itself, as a reader of it would look for it."""
        if self.supplement:
            return self.supplement.name
        return self._name_in(self.locale)

    @property
    def english_name(self) -> str:
        if self.supplement:
            return self.supplement.english_name
        return self._name_in(Locale("en"))

    def _name_in(self, reader: Locale) -> str:
        if self.locale.language != self.base:  # CLDR alias (tl -> fil_PH): keep the name asked for
            return str(reader.languages.get(self.base, self.tag))
        return self.locale.get_display_name(reader) or self.tag

    def language_name(self, other_tag: str) -> str:
        """The name of another language, written in this one ("inglés" for en in es)."""
        base = other_tag.split("-")[0]
        if self.supplement:
            name = self.supplement.language_names.get(other_tag) or self.supplement.language_names.get(base)
            if name:
                return name
            raise LocaleDataMissing(self.tag, f"the name of language '{other_tag}'")
        name = self.locale.languages.get(base)
        if not name:
            raise LocaleDataMissing(self.tag, f"the name of language '{other_tag}'")
        return str(name)

    def format_list(self, items: list[str]) -> str:
        supplement = self.supplement
        if supplement and supplement.list_pair:
            if len(items) <= 1:
                return "".join(items)
            if len(items) == 2:
                return supplement.list_pair.format(*items)
            head = items[0]
            for item in items[1:-1]:
                head = supplement.list_middle.format(head, item)
            return supplement.list_end.format(head, items[-1])
        if supplement or not self.known_to_cldr:
            raise LocaleDataMissing(self.tag, "list patterns (list_pair, list_end)")
        return format_list(items, locale=self.locale)

    def format_date(self, date: datetime.date) -> str:
        supplement = self.supplement
        if supplement and supplement.months and supplement.date_long:
            return supplement.date_long.format(day=date.day, month=supplement.months[date.month - 1], year=date.year)
        if supplement or not _has_month_names(self.locale):
            raise LocaleDataMissing(self.tag, "month names and the long date pattern (months, date_long)")
        return format_date(date, format="long", locale=self.locale)

    def format_number(self, number: int) -> str:
        if self.supplement or not self.known_to_cldr:
            grouped = f"{number:,}"
            supplement = self.supplement
            return grouped.replace(",", supplement.group_separator) if supplement else grouped
        return format_decimal(number, locale=self.locale)


class LocaleDataMissing(Exception):
    """CLDR lacks it and translations/<lang>/locale.yaml does not supply it."""

    def __init__(self, tag: str, what: str) -> None:
        super().__init__(f"no locale data for '{tag}': {what}; add it to translations/{catalog_dir_name(tag)}/{LOCALE_FILE}")
        self.tag = tag


def _has_month_names(locale: Locale) -> bool:
    """CLDR's Haitian Creole has a locale but no month names: its dates print as "2026 M11 22"."""
    months = locale.months.get("format", {}).get("wide", {})
    return bool(months) and months.get(1, "M01") not in ("M01", "1")


def locale_file(translations_dir: Path, tag: str) -> Path:
    return translations_dir / catalog_dir_name(tag) / LOCALE_FILE


def parse_tag(tag: str) -> str:
    """A tag as BCP 47 writes it, or ValueError."""
    if not tag or not all(part.isalnum() and part.isascii() for part in tag.split("-")) or len(tag) > 16:
        raise ValueError(f"'{tag}' is not a language tag (BCP 47, e.g. es, zh-Hans)")
    return tag
