"""`preview`: a translator's look at one language, as PDFs and PNG pages, in seconds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pypdfium2 as pdfium

from ..model.project import Project
from ..pipeline.build import BuildRequest, build
from ..pipeline.stages import BuildOptions
from .build import DEFAULT_CAMPAIGN, finish

PREVIEW_SCALE = 1.5  # 108 dpi: readable on a screen, quick to make


def add_preview_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("preview", help="one language as PDFs and PNG pages in output/preview/")
    parser.add_argument("--lang", required=True, metavar="CODE")
    parser.add_argument("--material", action="append", metavar="ID", help="only this material (repeatable)")
    parser.add_argument("--region", metavar="ID")
    parser.set_defaults(command=run_preview)


def run_preview(args: argparse.Namespace, project: Project) -> int:
    request = BuildRequest(DEFAULT_CAMPAIGN, tuple(args.material) if args.material else None, (args.lang,), args.region)
    report = build(project, request, BuildOptions(project.paths.output / "preview", jobs=1, force=True, debug=args.debug))
    for result in report.results:
        if result.ok and result.path:
            for picture in pages_as_png(result.path):
                print(project.paths.relative(picture))
    return finish(report, project, strict=False, output_format="text")


def pages_as_png(pdf_path: Path, scale: float = PREVIEW_SCALE) -> list[Path]:
    document = pdfium.PdfDocument(pdf_path)
    try:
        pictures = []
        for number, page in enumerate(document, start=1):
            picture = pdf_path.with_name(f"{pdf_path.stem}-page{number}.png")
            page.render(scale=scale).to_pil().save(picture)
            pictures.append(picture)
        return pictures
    finally:
        document.close()


__all__ = ["pages_as_png", "run_preview", "sys"]
