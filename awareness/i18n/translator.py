"""gettext at render time: look messages up in a catalog, fall back to English (and say so),
escape every translation, and mark every value filled into a placeholder.

Marking is what the number gate reads: a value that came from a placeholder (a registry
number, a date, a count) is wrapped in an element with `data-v`; any digits left outside such
elements were typed into the text, and the page is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..model.diagnostics import Location, ProjectError
from .catalogs import CatalogData, MessageKey

VALUE_MARK = "data-v"


def mark_value(value: object) -> Markup:
    """A placeholder's value, marked as data (not typed text)."""
    if isinstance(value, Markup) and VALUE_MARK in value:
        return value
    return Markup('<span {}="">{}</span>').format(Markup(VALUE_MARK), value)


@dataclass
class Translator:
    """The gettext callables of one language for one page."""

    catalog: CatalogData | None  # None for the source language
    mark_messages: bool = False  # wrap each message in <span data-msg="i"> (the fit check)
    fallbacks: set[MessageKey] = field(default_factory=set)
    used: list[MessageKey] = field(default_factory=list)  # in the order the page uses them

    def gettext(self, message: str, **variables: object) -> Markup:
        return self._render((None, message), self._lookup((None, message), 0), variables)

    def pgettext(self, context: str, message: str, **variables: object) -> Markup:
        return self._render((context, message), self._lookup((context, message), 0), variables)

    def ngettext(self, singular: str, plural: str, count: int, **variables: object) -> Markup:
        key: MessageKey = (None, singular)
        variables.setdefault("num", count)
        translated = self._plural(key, singular, plural, count)
        return self._render(key, translated, variables)

    def _render(self, key: MessageKey, text: str, variables: dict[str, object]) -> Markup:
        self.used.append(key)
        html = Markup(escape(text))
        if variables:
            try:
                html = html % {name: mark_value(value) for name, value in variables.items()}
            except (TypeError, ValueError, KeyError) as problem:
                raise self._unfillable(key, text, problem) from None
        if self.mark_messages:
            html = Markup('<span data-msg="{}">{}</span>').format(len(self.used) - 1, html)
        return html

    def _unfillable(self, key: MessageKey, text: str, problem: Exception) -> ProjectError:
        """A translation whose placeholders the tool cannot fill (%(number)d, % (number)s, a
        renamed one): located at its line in the catalog, never a crash or a page without it."""
        where = Location(self.catalog.path, self.catalog.lines.get(key)) if self.catalog and text != key[1] else None
        detail = f"unknown placeholder {problem}" if isinstance(problem, KeyError) else str(problem)
        if "int()" in detail or "number is required" in detail:
            detail = "%(...)d needs a count, but the tool fills in text here: write %(...)s as in the English"
        return ProjectError.of(
            "catalog.placeholder", f"the translation of {key[1]!r} cannot be filled in ({detail}): {text[:80]!r}", where
        )

    def _lookup(self, key: MessageKey, _index: int) -> str:
        if self.catalog is None:
            return key[1]
        found = self.catalog.get(key)
        if isinstance(found, str):
            return found
        self.fallbacks.add(key)
        return key[1]

    def _plural(self, key: MessageKey, singular: str, plural: str, count: int) -> str:
        if self.catalog is None:
            return singular if count == 1 else plural
        found = self.catalog.get(key)
        if isinstance(found, tuple):
            index = self.catalog.plural(count)
            if 0 <= index < len(found):
                return found[index]
        self.fallbacks.add(key)
        return singular if count == 1 else plural
