"""`preview`: a translator's look at one language, as PDFs and PNG pages, in seconds."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from .build import BuildOptions, BuildReport, build_items
from .model import Project
from .resolve import BuildItem

PREVIEW_SCALE = 1.5  # 108 dpi: readable on a screen, quick to make


def build_preview(project: Project, items: list[BuildItem], out_dir: Path) -> tuple[BuildReport, list[Path]]:
    report = build_items(project, items, BuildOptions(out_dir, jobs=1, force=True))
    pictures = [picture for result in report.results if result.ok for picture in _pages_as_png(result.path)]
    return report, pictures


def _pages_as_png(pdf_path: Path) -> list[Path]:
    document = pdfium.PdfDocument(pdf_path)
    try:
        pictures = []
        for number, page in enumerate(document, start=1):
            picture = pdf_path.with_name(f"{pdf_path.stem}-page{number}.png")
            page.render(scale=PREVIEW_SCALE).to_pil().save(picture)
            pictures.append(picture)
        return pictures
    finally:
        document.close()
