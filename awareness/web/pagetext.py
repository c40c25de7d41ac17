"""The page's own words in the visitor's language.

A page string is looked up in the language's web catalog, `translations/<lang>/LC_MESSAGES/web.po`
(`translations extract` writes its template, translations/web.pot, from the web templates, the
`gettext(...)` calls of this package and the names of what the page offers), then in the
language's materials catalog (names of hotlines and materials printed on the pages); what
neither has is shown in English. The page is offered in English and in each language that has
a web catalog.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from starlette.requests import Request

from ..i18n.catalogs import load_catalog
from ..i18n.languages import SOURCE_LANGUAGE, Language, LocaleDataMissing, catalog_dir_name, cldr_locale, tag_from_dir_name
from ..model.diagnostics import ProjectError
from ..model.paths import WEB_DOMAIN
from ..model.project import Project

COOKIE = "ui"  # the page language a visitor chose, kept between pages


def page_languages(project: Project) -> tuple[str, ...]:
    """English, and each language with a web catalog."""
    found = sorted(tag_from_dir_name(path.parent.parent.name) for path in project.paths.catalog_files(WEB_DOMAIN))
    return (SOURCE_LANGUAGE, *(tag for tag in found if tag in project.languages))


@dataclass(frozen=True)
class PageText:
    """`_()` of the templates for one page language."""

    language: Language
    catalog: Mapping[tuple[str | None, str], object] = field(default_factory=dict)

    @property
    def tag(self) -> str:
        return self.language.tag

    def gettext(self, message: str, **values: object) -> str:
        found = self.catalog.get((None, message))
        text = found if isinstance(found, str) else message
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
    if entry is None or entry.catalog is None or project.problem("language", tag):
        return PageText(entry.language if entry else Language(tag))
    strings: dict[tuple[str | None, str], object] = {}
    for path in (entry.catalog, project.paths.po_file(catalog_dir_name(tag), WEB_DOMAIN)):
        if path.is_file():
            with contextlib.suppress(ProjectError):  # a broken catalog: English rather than no page
                strings.update(load_catalog(path, tag).strings)
    return PageText(entry.language, strings)


def chosen_language(request: Request, project: Project) -> str:
    """The page language: asked for in the address (?ui=es), kept in a cookie, or the
    browser's first acceptable one; English otherwise."""
    offered = page_languages(project)
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
