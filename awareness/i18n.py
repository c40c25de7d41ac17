"""gettext at render time: compile catalogs when needed, translate with English fallback.

Catalogs are `translations/<lang>/LC_MESSAGES/messages.po`; the `.mo` beside each is built
when missing or older than the `.po` (never committed). A message that a catalog lacks, or
has only as fuzzy, prints in English and is reported as a warning.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from .atomic import atomic_write_bytes
from .catalogs import read_catalog

_REVIEW_LINE = re.compile(r"^#\s*(Review-State|Reviewed-By|Reviewed-On):[ \t]*(.*?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ReviewState:
    """From the catalog's header comment: `Review-State`, `Reviewed-By`, `Reviewed-On`."""

    state: str = "draft"
    reviewer: str = ""
    date: str = ""

    @property
    def reviewed(self) -> bool:
        return self.state == "reviewed" and bool(self.reviewer) and bool(self.date)

    def __str__(self) -> str:
        if self.state == "source":
            return "source text"
        return f"reviewed by {self.reviewer} on {self.date}" if self.reviewed else "draft, not reviewed"

    def as_dict(self) -> dict[str, str | bool]:
        return {"state": self.state, "reviewed": self.reviewed, "reviewer": self.reviewer, "date": self.date}


@dataclass(frozen=True)
class CatalogFile:
    """One language's catalog on disk."""

    tag: str
    po_path: Path

    @property
    def mo_path(self) -> Path:
        return self.po_path.with_suffix(".mo")

    def is_outdated(self) -> bool:
        return not self.mo_path.exists() or self.mo_path.stat().st_mtime < self.po_path.stat().st_mtime

    def read(self) -> Catalog:
        return read_catalog(self.po_path)

    def compile(self) -> Catalog:
        """Write the .mo (atomically) from the .po and return the parsed catalog."""
        catalog = self.read()
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        atomic_write_bytes(self.mo_path, buffer.getvalue())
        return catalog

    def review_state(self) -> ReviewState:
        """The reviewer and date recorded in the catalog's header comment."""
        with self.po_path.open(encoding="utf-8", errors="replace") as handle:
            header = "".join(line for line in handle if line.startswith("#"))
        found = dict(_REVIEW_LINE.findall(header))
        return ReviewState(found.get("Review-State", "draft"), found.get("Reviewed-By", ""), found.get("Reviewed-On", ""))


@dataclass
class Translator:
    """The gettext callables of one language, escaping translations and noting fallbacks."""

    translations: NullTranslations
    mark_messages: bool = False  # wrap each message in <span data-msg="i"> (the fit check)
    fallbacks: set[str] = field(default_factory=set)
    used: list[str] = field(default_factory=list)  # msgids in the order the page uses them

    def gettext(self, message: str, **variables: object) -> Markup:
        translated = Markup(escape(self._lookup(message)))
        return self._marked(message, translated % variables if variables else translated)

    def ngettext(self, singular: str, plural: str, count: int, **variables: object) -> Markup:
        translated = self.translations.ngettext(singular, plural, count)
        if translated in (singular, plural) and not self._has(singular):
            self.fallbacks.add(singular)
        variables.setdefault("num", count)
        return self._marked(singular, Markup(escape(translated)) % variables)

    def _marked(self, message: str, html: Markup) -> Markup:
        self.used.append(message)
        if not self.mark_messages:
            return html
        return Markup('<span data-msg="{}">{}</span>').format(len(self.used) - 1, html)

    def _lookup(self, message: str) -> str:
        if not self._has(message):
            self.fallbacks.add(message)
            return message
        return self.translations.gettext(message)

    def _has(self, message: str) -> bool:
        if not isinstance(self.translations, Translations):
            return True  # the source language: every message is its own text
        return message in self.translations._catalog
