"""The translators' pages (read-only; editing stays in the PO files): per language, every
message with its translation, its state and the catalog check's findings, and the materials
laid out in that language, naming the messages of a block that does not fit."""

from __future__ import annotations

from dataclasses import dataclass

from babel.messages.catalog import Catalog
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..i18n.catalogs import MessageKey, load_catalog, parse_po
from ..i18n.checks import CatalogReport, check_catalog
from ..i18n.status import LanguageStatus, language_statuses
from ..model.diagnostics import Diagnostic, ProjectError
from ..model.project import LanguageEntry, Project
from ..render.fitting import DoesNotFit
from .engine import THUMBNAIL_WIDTH_PX, WebEngine
from .errors import PageError
from .materials import language_choices, material_label
from .orders import DEFAULT_REGION, MaterialOrder
from .views import engine_of, render, text_of


@dataclass(frozen=True)
class MessageRow:
    context: str | None
    source: str
    translation: str
    state: str  # translated | fuzzy | missing | source
    line: int | None  # of its msgstr in the PO file
    findings: tuple[Diagnostic, ...]
    overflows: tuple[str, ...]  # materials on which this message's block does not fit


@dataclass(frozen=True)
class Layout:
    material: str
    key: str | None  # of its preview, when it was laid out
    pages: int
    problem: str | None
    overflowing: tuple[MessageKey, ...] = ()


async def translations_index(request: Request) -> Response:
    engine = engine_of(request)
    statuses: list[LanguageStatus] = await run_in_threadpool(
        engine.once, "statuses", lambda: language_statuses(engine.project, DEFAULT_REGION)
    )
    text = text_of(request)
    return render(
        request,
        "translations.html",
        {
            "statuses": statuses,
            "choices": {choice.tag: choice for choice in language_choices(engine.project, text)},
            "titles": {material_id: material_label(material, text) for material_id, material in engine.project.materials.items()},
        },
    )


async def translation_page(request: Request) -> Response:
    engine, text = engine_of(request), text_of(request)
    tag = request.path_params["lang"]
    entry = engine.project.languages.get(tag)
    if entry is None:
        raise PageError(
            404,
            text.gettext(
                "There is no language “%(name)s” here. The languages are: %(known)s.",
                name=tag,
                known=", ".join(sorted(engine.project.languages)),
            ),
        )
    layouts, report, rows = await run_in_threadpool(_language_view, engine, entry, tag)
    return render(
        request,
        "translation.html",
        {
            "tag": tag,
            "entry": entry,
            "name": _name(entry),
            "name_here": text.language_name(tag),
            "general": report.general,
            "rows": rows,
            "layouts": layouts,
            "titles": {material_id: material_label(material, text) for material_id, material in engine.project.materials.items()},
        },
    )


def _language_view(engine: WebEngine, entry: LanguageEntry, tag: str) -> tuple[list[Layout], CatalogReport, list[MessageRow]]:
    """The materials laid out, the catalog checked and its messages listed (off the event loop)."""
    layouts = _layouts(engine, tag)
    report = check_catalog(entry.catalog, tag) if entry.catalog else CatalogReport(None)
    return layouts, report, _rows(engine.project, entry, tag, report, layouts)


def _name(entry: LanguageEntry) -> str:
    try:
        return entry.language.name
    except Exception:  # no locale data for its name: the tag
        return entry.language.tag


def _layouts(engine: WebEngine, tag: str) -> list[Layout]:
    """Each material laid out in this language, as thumbnails (cached like any preview)."""
    found = []
    for material_id in engine.project.materials:
        order = MaterialOrder(material_id, (tag,), DEFAULT_REGION)
        key = order.key("thumbnail", str(THUMBNAIL_WIDTH_PX))
        try:
            shown = engine.previews.get(key) or engine.preview(
                key, order.campaign(), order.job(engine.project, tag), THUMBNAIL_WIDTH_PX
            )
        except DoesNotFit as problem:
            found.append(Layout(material_id, None, 0, problem.first.message, tuple(problem.messages)))
        except ProjectError as problem:
            found.append(Layout(material_id, None, 0, problem.first.message))
        else:
            found.append(Layout(material_id, key, len(shown.pages), None))
    return found


def _rows(project: Project, entry: LanguageEntry, tag: str, report: CatalogReport, layouts: list[Layout]) -> list[MessageRow]:
    overflows: dict[MessageKey, list[str]] = {}
    for layout in layouts:
        for message in layout.overflowing:
            overflows.setdefault(message, []).append(layout.material)
    if entry.catalog is None:  # the source language: its messages are the template's
        return [
            MessageRow(context, source, source, "source", None, (), tuple(overflows.get((context, source), ())))
            for context, source, _string, _fuzzy in _messages(parse_po(project.paths.pot_file))
        ]
    try:
        catalog = load_catalog(entry.catalog, tag)
    except ProjectError:  # a broken catalog: its reading error is among the general findings
        return []
    return [
        MessageRow(
            context,
            source,
            string,
            _state(string, fuzzy),
            catalog.lines.get((context, source)),
            tuple(report.by_message.get((context, source), ())),
            tuple(overflows.get((context, source), ())),
        )
        for context, source, string, fuzzy in _messages(catalog.catalog)
    ]


def _messages(catalog: Catalog) -> list[tuple[str | None, str, str, bool]]:
    """(context, msgid, translation, fuzzy) of every message; plural forms joined by “ | ”."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        forms = message.string or ""
        string = forms if isinstance(forms, str) else " | ".join(form for form in forms if form)
        found.append((message.context, source, string, bool(message.fuzzy)))
    return found


def _state(string: str, fuzzy: bool) -> str:
    if not string:
        return "missing"
    return "fuzzy" if fuzzy else "translated"


routes = [
    Route("/translations", translations_index),
    Route("/translations/{lang:str}", translation_page),
]
