"""Languages: BCP 47 tags on the command line and in output paths, gettext names on disk,
and everything else (names, text direction, plural rules) from Babel's CLDR data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from babel import Locale, UnknownLocaleError

SOURCE_LANGUAGE = "en"


def catalog_dir_name(tag: str) -> str:
    """`zh-Hans` -> `zh_Hans`: gettext's directory convention."""
    return tag.replace("-", "_")


def tag_from_dir_name(name: str) -> str:
    return name.replace("_", "-")


def parse_locale(tag: str) -> Locale:
    """Babel's Locale for a tag; raises ValueError for a tag CLDR does not know."""
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError) as error:
        raise ValueError(f"unknown language '{tag}' ({error})") from None


@dataclass(frozen=True)
class Language:
    """A language the project can print, as the templates and the writer need it."""

    tag: str

    @cached_property
    def locale(self) -> Locale:
        return parse_locale(self.tag)

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def name(self) -> str:
        """The language's name in itself, as a reader of it would look for it."""
        return self._name_in(self.locale)

    @property
    def english_name(self) -> str:
        return self._name_in(Locale("en"))

    def _name_in(self, reader: Locale) -> str:
        base = self.tag.split("-")[0]
        if self.locale.language != base:  # CLDR alias (tl -> fil_PH): keep the name asked for
            return reader.languages.get(base, self.tag)
        return self.locale.get_display_name(reader) or self.tag

    def language_name(self, other_tag: str) -> str:
        """The name of another language, written in this one ("inglés" for en in es)."""
        return self.locale.languages.get(other_tag.split("-")[0], other_tag)
