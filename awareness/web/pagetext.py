"""The page's own words in the visitor's language.

A page string is looked up in the project's gettext catalog of that language (the same catalogs
the materials use; `translations extract` collects the `_()` strings of the web templates), then
in awareness/web/messages_<lang>.yaml, a fallback until those strings are merged into the PO
file; what neither has is shown in English. The page is offered in English and in each language
that has such a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from starlette.requests import Request

from ..i18n.catalogs import load_catalog
from ..i18n.languages import SOURCE_LANGUAGE, Language, LocaleDataMissing, cldr_locale
from ..load.yamlsafe import load_yaml
from ..model.diagnostics import ProjectError
from ..model.project import Project

MESSAGES_DIR = Path(__file__).resolve().parent
COOKIE = "ui"  # the page language a visitor chose, kept between pages


@cache
def page_languages() -> tuple[str, ...]:
    """English, and each language with a messages_<lang>.yaml beside this file."""
    found = sorted(path.stem.removeprefix("messages_") for path in MESSAGES_DIR.glob("messages_*.yaml"))
    return (SOURCE_LANGUAGE, *found)


@cache
def fallback_messages(tag: str) -> Mapping[str, str]:
    path = MESSAGES_DIR / f"messages_{tag}.yaml"
    return dict(load_yaml(path) or {}) if path.is_file() else {}


@dataclass(frozen=True)
class PageText:
    """`_()` of the templates for one page language."""

    language: Language
    catalog: Mapping[tuple[str | None, str], object] = field(default_factory=dict)
    fallback: Mapping[str, str] = field(default_factory=dict)

    @property
    def tag(self) -> str:
        return self.language.tag

    def gettext(self, message: str, **values: object) -> str:
        found = self.catalog.get((None, message))
        text = found if isinstance(found, str) else self.fallback.get(message, message)
        if not values:
            return text
        try:
            return text % values
        except (KeyError, ValueError, TypeError):  # a translation with broken placeholders: the English
            return message % values

    def language_name(self, tag: str) -> str:
        """Another language's name in the page's language, with its script where the tag names
        one ("chino (tradicional)"); its tag when the locale data lacks it."""
        try:
            name = self.language.language_name(tag)
        except LocaleDataMissing:
            return tag
        locale = cldr_locale(tag)
        script = self.language.locale.scripts.get(locale.script) if locale is not None and locale.script else None
        return f"{name} ({script})" if script else name


def page_text(project: Project, tag: str) -> PageText:
    entry = project.languages.get(tag)
    strings: Mapping[tuple[str | None, str], object] = {}
    if entry is not None and entry.catalog is not None and not project.problem("language", tag):
        try:
            strings = load_catalog(entry.catalog, tag).strings
        except ProjectError:  # a broken catalog: the page falls back to its own strings
            strings = {}
    return PageText(entry.language if entry else Language(tag), strings, fallback_messages(tag))


def chosen_language(request: Request) -> str:
    """The page language: asked for in the address (?ui=es), kept in a cookie, or the
    browser's first acceptable one; English otherwise."""
    offered = page_languages()
    for asked in (request.query_params.get(COOKIE), request.cookies.get(COOKIE)):
        if asked in offered:
            return asked
    for tag in _accepted(request.headers.get("accept-language", "")):
        base = tag.split("-")[0]
        if base in offered:
            return base
    return SOURCE_LANGUAGE


def _accepted(header: str) -> list[str]:
    """Accept-Language tags, most wanted first."""
    ranked = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, index, tag.lower()))
    return [tag for _quality, _index, tag in sorted(ranked)]
