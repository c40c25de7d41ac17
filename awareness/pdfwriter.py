"""Stage 4, write PDF: WeasyPrint lays the HTML out, the page count and size are checked,
and the PDF is written atomically. Fonts and the stylesheet are prepared once per process,
and nothing is fetched but the project's own files."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from .atomic import atomic_write_bytes
from .errors import Location, ProjectError
from .htmlrender import keep_hangul_words_whole
from .resolve import RenderJob
from .units import css_length_in_px

STYLESHEET = "materials.css"
# Tagged PDF for screen readers: structure tree, reading order as in the HTML, language.
PDF_VARIANT = "pdf/ua-1"
SIZE_TOLERANCE_PX = 0.5


class ProjectOnlyFetcher(URLFetcher):
    """Refuses every URL but files inside the project's allowed folders: no network, ever."""

    def __init__(self, allowed_dirs: list[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=True)
        self.allowed_dirs = [folder.resolve() for folder in allowed_dirs]

    def fetch(self, url: str, headers: dict | None = None):
        parsed = urlparse(url)
        if parsed.scheme == "data":  # inline content (the QR codes): nothing is fetched
            return super().fetch(url, headers)
        if parsed.scheme != "file":
            raise ValueError(f"refused to fetch {url}: materials may only use the project's own files")
        path = Path(url2pathname(parsed.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed_dirs):
            raise ValueError(f"refused to fetch {path}: it is outside the project's templates")
        return super().fetch(url, headers)


class PdfWriter:
    """Lays out and writes PDFs; build one per process and reuse it."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir
        self.base_url = templates_dir.resolve().as_uri() + "/"
        self.fetcher = ProjectOnlyFetcher([templates_dir])
        self.font_config = FontConfiguration()
        self.stylesheet = CSS(filename=str(templates_dir / STYLESHEET), font_config=self.font_config, url_fetcher=self.fetcher)

    def lay_out(self, html: str, label: str, template: str) -> Document:
        """Lay the page out; fitting.py decides whether it fits and at which type size."""
        try:
            document = HTML(string=keep_hangul_words_whole(html), base_url=self.base_url, url_fetcher=self.fetcher).render(
                font_config=self.font_config, stylesheets=[self.stylesheet]
            )
        except FatalURLFetchingError as error:  # a BaseException: it must not escape the batch
            raise ProjectError(f"{label}: {error.__cause__ or error}", Location(self.templates_dir / template)) from None
        return document

    @staticmethod
    def check_page_size(document: Document, job: RenderJob) -> None:
        """Every page has the material's trim size on the job's paper."""
        expected = tuple(css_length_in_px(length) for length in job.page_size)
        for number, page in enumerate(document.pages, start=1):
            if abs(page.width - expected[0]) > SIZE_TOLERANCE_PX or abs(page.height - expected[1]) > SIZE_TOLERANCE_PX:
                raise ProjectError(f"{job.item}: page {number} is {page.width:.1f}x{page.height:.1f} px, "
                                   f"expected {' x '.join(job.page_size)}", Location(Path(job.material.source_file)))

    def write(self, document: Document, target: Path) -> bytes:
        """Write the PDF atomically; returns its bytes (no dates, no random ids: the same
        inputs give the same bytes)."""
        data = document.write_pdf(pdf_variant=PDF_VARIANT)
        atomic_write_bytes(target, data)
        return data


def quiet_weasyprint_progress() -> None:
    """WeasyPrint logs its steps at INFO; the build prints its own progress instead."""
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
