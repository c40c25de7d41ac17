"""One item, start to finish: resolve, render HTML, lay out, check the fit, write the PDF.
A worker process holds one ItemBuilder: Jinja, fonts and the stylesheet are set up once."""

from __future__ import annotations

import hashlib
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from .errors import ProjectError
from .fitting import lay_out_to_fit
from .imposition import impose, sheet_path
from .htmlrender import HtmlRenderer
from .model import Project
from .resolve import BuildItem, resolve_job


@dataclass
class ItemResult:
    item: BuildItem
    path: Path | None = None
    pages: int = 0
    sha256: str = ""
    error: str | None = None
    fallbacks: frozenset[str] = frozenset()
    seconds: float = 0.0
    up_to_date: bool = False  # not rendered: its inputs had not changed
    text_scale: float = 1.0  # below 1: auto-fit shrank the type to make the text fit
    sheet_path: Path | None = None  # the office sheet imposed from this PDF, if asked for
    sheet_sha256: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


class ItemBuilder:
    def __init__(self, project: Project, out_dir: Path, release: bool = False, sheets: bool = False) -> None:
        from .pdfwriter import PdfWriter, quiet_weasyprint_progress  # WeasyPrint loads only where PDFs are made

        quiet_weasyprint_progress()
        self.project = project
        self.out_dir = out_dir
        self.release = release
        self.sheets = sheets
        self.html = HtmlRenderer(project.paths.templates)
        self.pdf = PdfWriter(project.paths.templates)

    def build(self, item: BuildItem) -> ItemResult:
        started = time.perf_counter()
        result = ItemResult(item)
        try:
            job = resolve_job(self.project, item, proof=not self.release, sheets=self.sheets)
            fitted = lay_out_to_fit(self.html, self.pdf, job)
            self.pdf.check_page_size(fitted.document, job)
            result.path = item.output_path(self.out_dir)
            data = self.pdf.write(fitted.document, result.path)
            result.pages, result.fallbacks, result.text_scale = len(fitted.document.pages), fitted.rendered.fallbacks, fitted.scale
            result.sha256 = hashlib.sha256(data).hexdigest()
            if job.sheet:
                result.sheet_path = sheet_path(result.path)
                result.sheet_sha256 = hashlib.sha256(impose(data, job.sheet, result.sheet_path)).hexdigest()
        except ProjectError as error:
            result.error = str(error)
        except OSError as error:  # the output folder cannot be written: the user's to fix
            result.error = f"cannot write {error.filename or item.output_path(self.out_dir)}: {error.strerror or error}"
        except Exception:  # a crash is a bug in the tool: say so, keep building the rest
            result.error = "internal error (a bug, please report it):\n" + traceback.format_exc()
        result.seconds = time.perf_counter() - started
        return result
