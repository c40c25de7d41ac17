"""Outputs made from other outputs (phase 2): office sheets of cards, tiles of large signs,
and each material's text as accessible HTML."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from ..files import sha256_file
from ..model.diagnostics import Diagnostic, Location, ProjectError
from ..model.project import Project
from ..model.units import css_length_in_points
from ..render.impose import spoken_page_texts
from ..render.sheets import SheetLayout, impose_sheet, sheet_layout
from ..render.tiles import TileLayout, impose_tiles, key_html, tile_layout
from .jobs import JobKey, target_path
from .resolve import MaterialSpec, resolve_material
from .stages import BuildOptions, Rendered, read_input
from .tools import WorkerTools

LayoutT = TypeVar("LayoutT", SheetLayout, TileLayout)


@dataclass(frozen=True)
class DerivedSpec(Generic[LayoutT]):
    """An output made from a material's PDF: where that PDF is, its hash, and the layout."""

    key: JobKey
    source: Path  # the material's PDF
    source_sha256: str
    material: MaterialSpec
    layout: LayoutT


SheetSpec = DerivedSpec[SheetLayout]
TilesSpec = DerivedSpec[TileLayout]


def _source(project: Project, key: JobKey, options: BuildOptions) -> tuple[MaterialSpec, Path, str]:
    material_key = JobKey("material", key.campaign, key.region, key.language, key.subject)
    spec = resolve_material(project, material_key, options.release)
    source = target_path(options.out_dir, material_key)
    if not source.is_file():
        raise ProjectError.of("derived.source", f"{material_key.name} was not built, so its {key.kind} cannot be made")
    return spec, source, sha256_file(source)


class SheetJob:
    kind = "sheet"

    def resolve(self, project: Project, key: JobKey, options: BuildOptions) -> SheetSpec:
        material, source, sha = _source(project, key, options)
        where = Location(project.paths.root / material.material.source_file)
        layout = sheet_layout(
            material.material.sheet,
            material.paper,
            material.page_size,
            material.bleed,
            material.material.pages == 2,
            where,
            f"sheet of {material.material.id}",
        )
        return SheetSpec(key, source, sha, material, layout)

    def render(self, spec: SheetSpec, tools: WorkerTools) -> Rendered:
        data = read_input(spec.source)
        texts = spoken_page_texts(data)
        if spec.layout.full_page:
            alts = texts  # the page itself, trimmed: its own text
        else:
            faces = ["the front", "the back"] if len(texts) > 1 else ["the card"]
            alts = [f"{spec.layout.copies} copies of {face} to cut out: {text}" for face, text in zip(faces, texts, strict=False)]
        sheet = impose_sheet(data, spec.layout, alts, spec.material.language.tag)
        return Rendered(
            sheet,
            len(texts),
            facts={"copies": spec.layout.copies, "turned": spec.layout.turned, "source_sha256": spec.source_sha256},
        )

    def verify(self, spec: SheetSpec, path: Path, tools: WorkerTools) -> list[Diagnostic]:
        from ..verify.sheet import verify_sheet

        return verify_sheet(tools.project, spec, path)


class TilesJob:
    """A large sign on office paper: a grid of sheets with overlaps, trim lines and a key."""

    kind = "tiles"

    def resolve(self, project: Project, key: JobKey, options: BuildOptions) -> TilesSpec:
        material, source, sha = _source(project, key, options)
        where = Location(project.paths.root / material.material.source_file)
        size = (css_length_in_points(material.page_size[0]), css_length_in_points(material.page_size[1]))
        layout = tile_layout(size, key.place, where, f"tiles of {material.material.id}")
        return TilesSpec(key, source, sha, material, layout)

    def render(self, spec: TilesSpec, tools: WorkerTools) -> Rendered:
        from weasyprint import HTML

        data = read_input(spec.source)
        title = _title(data)
        keys = HTML(string=key_html(spec.layout, title, spec.material.language.tag, spec.key.place)).write_pdf(
            pdf_variant="pdf/ua-1", font_config=tools.pdf.font_config
        )
        tiles = impose_tiles(data, keys, spec.layout, " ".join(spoken_page_texts(data)), spec.material.language.tag)
        return Rendered(
            tiles,
            spec.layout.sheets,
            facts={
                "sheets": spec.layout.sheets,
                "grid": [spec.layout.columns, spec.layout.rows],
                "source_sha256": spec.source_sha256,
            },
        )

    def verify(self, spec: TilesSpec, path: Path, tools: WorkerTools) -> list[Diagnostic]:
        from ..verify.sheet import verify_tiles

        return verify_tiles(tools.project, spec, path)


def _title(pdf: bytes) -> str:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return str(document.docinfo.get("/Title", ""))


@dataclass(frozen=True)
class TextSpec:
    key: JobKey
    source_sha256: str  # the material's PDF: the text is exported only of what passed its checks
    material: MaterialSpec


class TextJob:
    """A material's text as accessible HTML, rendered through the same template and catalog."""

    kind = "text"

    def resolve(self, project: Project, key: JobKey, options: BuildOptions) -> TextSpec:
        material, _source_pdf, sha = _source(project, key, options)
        return TextSpec(key, sha, material)

    def render(self, spec: TextSpec, tools: WorkerTools) -> Rendered:
        from ..render.textexport import accessible_html
        from .material import material_html

        material = spec.material
        text = accessible_html(material_html(material, tools).html, material.language.tag, material.language.direction)
        return Rendered(text.encode("utf-8"), 0, facts={"source_sha256": spec.source_sha256})

    def verify(self, spec: TextSpec, path: Path, tools: WorkerTools) -> list[Diagnostic]:
        from ..verify.textexport import verify_text_export

        return verify_text_export(spec.material, path)
