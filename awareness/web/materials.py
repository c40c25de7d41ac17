"""Materials: the home page (choose, co-brand), the preview frame and its images, the download,
and the stable address /materials/<material>.pdf?lang=<code>&region=<region>."""

from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.datastructures import ImmutableMultiDict
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..model.material import Material
from ..model.project import Project
from ..pipeline.build import BuildRequest
from .engine import Download, Preview, WebEngine
from .errors import PageError, off_the_loop
from .orders import DEFAULT_REGION, WEB_CAMPAIGN, Fields, MaterialOrder, material_order
from .packaging import attachment, merged_bundles, single_or_zip
from .pagetext import PageText
from .uploads import logo_of, read_form, workspace
from .views import engine_of, render, text_of

DEFAULT_MATERIAL = "poster"
DEFAULT_LANGUAGE = "en"
CONTENT_KEY = re.compile(r"^[0-9a-f]{64}$")
PREVIEW_MAX_AGE = 3600  # an image's address is its content key: it never changes


@dataclass(frozen=True)
class LanguageChoice:
    tag: str
    name: str  # in itself
    name_here: str  # in the page's language
    draft: bool
    review: str


async def home(request: Request) -> Response:
    engine, text = engine_of(request), text_of(request)
    chosen = request.query_params
    context = {
        "materials": {material_id: material_label(material, text) for material_id, material in engine.project.materials.items()},
        "regions": {region_id: text.gettext(region.name) for region_id, region in engine.project.regions.items()},
        "languages": language_choices(engine.project, text),
        "hotlines": {
            line_id: f"{text.gettext(line.name)} ({line.phone.printed})" for line_id, line in engine.project.hotlines.items()
        },
        "colours": {name: engine.project.design.colours[name].rgb for name in ("primary", "accent")},
        "chosen": {
            "material": chosen.get("material", DEFAULT_MATERIAL),
            "region": chosen.get("region", DEFAULT_REGION),
            "languages": chosen.getlist("lang") or [DEFAULT_LANGUAGE],
        },
    }
    return render(request, "home.html", context)


def material_label(material: Material, text: PageText) -> str:
    """A material's name on the page (its `name`; several materials share a title)."""
    name = text.gettext(material.name)
    return text.gettext("%(name)s, discreet", name=name) if material.discreet else name


def language_choices(project: Project, text: PageText) -> list[LanguageChoice]:
    choices = []
    for tag, entry in project.languages.items():
        try:
            name = entry.language.name
        except Exception:  # a language CLDR does not know and whose locale file is broken: its tag
            name = tag
        choices.append(LanguageChoice(tag, name, text.language_name(tag), entry.is_draft, str(entry.review)))
    return choices


async def preview(request: Request) -> Response:
    """The preview frame: the first chosen language's pages, with what the render noted."""
    request.state.frame = True  # a refusal is shown in the frame
    engine, text = engine_of(request), text_of(request)
    if request.method == "POST":
        form = await read_form(request, text)
        order = material_order(form, engine.project, text, await logo_of(form, text))
    else:
        order = material_order(request.query_params, engine.project, text)
    language = order.languages[0]
    key = order.key("preview", language)
    shown = await off_the_loop(
        text.gettext("This material cannot be made with these choices."), _render_preview, engine, order, language, key
    )
    entry = engine.project.languages[language]
    return render(
        request,
        "preview.html",
        {
            "key": key,
            "pages": len(shown.pages),
            "notes": shown.notes,
            "order": order,
            "language": entry.language,
            "draft": entry.is_draft,
            "title": material_label(engine.project.materials[order.material], text),
            "region": text.gettext(engine.project.regions[order.region].name),
            "links": {tag: stable_address(order.material, tag, order.region) for tag in order.languages},
        },
    )


def _render_preview(engine: WebEngine, order: MaterialOrder, language: str, key: str) -> Preview:
    cached = engine.previews.get(key)
    if cached is not None:
        return cached
    with workspace(order.branding.logo if order.branding else None) as room:
        return engine.preview(key, order.campaign(room.logo), order.job(engine.project, language))


def stable_address(material: str, language: str, region: str) -> str:
    return f"/materials/{material}.pdf?lang={language}&region={region}"


async def preview_image(request: Request) -> Response:
    key, page = request.path_params["key"], request.path_params["page"]
    shown = engine_of(request).previews.get(key) if CONTENT_KEY.match(key) else None
    if shown is None or not 1 <= page <= len(shown.pages):
        raise PageError(404, text_of(request).gettext("This preview is no longer kept: choose again to make a new one."))
    return Response(
        shown.pages[page - 1], media_type="image/png", headers={"Cache-Control": f"private, max-age={PREVIEW_MAX_AGE}, immutable"}
    )


async def download(request: Request) -> Response:
    engine, text = engine_of(request), text_of(request)
    form = await read_form(request, text)
    order = material_order(form, engine.project, text, await logo_of(form, text))
    return attachment(await _download(engine, order, text))


async def stable_pdf(request: Request) -> Response:
    """/materials/<material>.pdf?lang=<code>&region=<region>: the plain material, always a PDF."""
    engine, text = engine_of(request), text_of(request)
    asked: Fields = ImmutableMultiDict(
        [
            ("material", request.path_params["material"]),
            ("lang", request.query_params.get("lang", DEFAULT_LANGUAGE)),
            ("region", request.query_params.get("region", DEFAULT_REGION)),
        ]
    )
    order = material_order(asked, engine.project, text)
    return attachment(await _download(engine, order, text), inline=True)


async def _download(engine: WebEngine, order: MaterialOrder, text: PageText) -> Download:
    return await off_the_loop(
        text.gettext("The file could not be made: it did not pass its checks."), _build_download, engine, order
    )


def _build_download(engine: WebEngine, order: MaterialOrder) -> Download:
    """Through the pipeline. A plain single PDF is kept in the cache folder by the pipeline's
    manifest; a co-branded file or a bundle is built in the request's temporary folder (a bundle
    takes every file of its folder, so it needs one of its own)."""
    key = order.key("download")
    cached = engine.downloads.get(key)
    if cached is not None:
        return cached
    kinds = ("bundle",) if order.bundled else ("material",)
    request = BuildRequest(WEB_CAMPAIGN)
    if order.branding is None and not order.bundled:
        files = engine.build_files(order.campaign(), request, engine.cache_dir, kinds)
    else:
        with workspace(order.branding.logo if order.branding else None) as room:
            files = engine.build_files(order.campaign(room.logo), request, room.out_dir, kinds)
    stem = f"{order.material}-{order.region}-{'-'.join(order.languages) if len(order.languages) <= 3 else 'languages'}"
    made = merged_bundles(files, stem) if order.bundled else single_or_zip(files, stem)
    engine.downloads.put(key, made)
    return made


routes = [
    Route("/", home),
    Route("/preview", preview, methods=["GET", "POST"]),
    Route("/preview/{key:str}/{page:int}.png", preview_image),
    Route("/download", download, methods=["POST"]),
    Route("/materials/{material:str}.pdf", stable_pdf),
]
