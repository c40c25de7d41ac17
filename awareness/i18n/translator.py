"""gettext at render time: look messages up in a catalog, fall back to English (and say so),
escape every translation, and mark every value filled into a placeholder.

Marking is what the number gate reads: a value that came from a placeholder (a registry
number, a date, a count) is wrapped in an element with `data-v`; any digits left outside such
elements were typed into the text, and the page is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

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
            html = html % {name: mark_value(value) for name, value in variables.items()}
        if self.mark_messages:
            html = Markup('<span data-msg="{}">{}</span>').format(len(self.used) - 1, html)
        return html

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
