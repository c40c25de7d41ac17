"""Stage 3b, lay out and write PDF bytes with WeasyPrint. Fonts and stylesheets are prepared
once per process, and nothing is fetched but the project's own files and the system's icon set
and colour profiles: no network, ever.

Tagged PDF (PDF/UA-1 for screens and office printers; PDF/X-4 or X-1a with tags for a print
shop) with these fixes to WeasyPrint 70's structure tree, each read back by the tests:
- every text run carries /ActualText, its logical text, so that screen readers and text
  extraction get Devanagari, Thai and Khmer clusters right whatever glyphs the shaper chose.
  A left-to-right run carries it on its marked content, which viewers (PDFium, poppler) honour
  when they copy text. A right-to-left run (Arabic, Persian, Hebrew) carries it on its structure
  element instead: the tag tree reads in logical order, with Persian's zero-width non-joiners,
  while viewers read its glyphs and put them in reading order themselves (they lay a marked
  content's /ActualText out left to right and then reverse it, which reversed every word);
- a figure's /BBox is in PDF user space (WeasyPrint writes CSS pixels from the top);
- an element whose language differs from the document's carries /Lang;
- a PDF/X file's XMP DocumentID is derived from the document, not random.
"""

from __future__ import annotations

import logging
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from ..i18n.linebreak import BREAK_HINTS
from ..model.diagnostics import Location, ProjectError
from ..model.material import PdfVariant
from ..model.units import css_length_in_px
from .pdfmeta import PdfMeta

STYLESHEET = "materials.css"
SIZE_TOLERANCE_PX = 0.5


class ProjectOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Refuses every URL but files inside the allowed folders, and data: URIs."""

    def __init__(self, allowed_dirs: list[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=True)
        self.allowed_dirs = [folder.resolve() for folder in allowed_dirs]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        parsed = urlparse(url)
        if parsed.scheme == "data":  # inline content (QR codes, icons): nothing is fetched
            return super().fetch(url, headers)
        if parsed.scheme != "file":
            raise ValueError(f"refused to fetch {url}: materials may only use the project's own files")
        path = Path(url2pathname(parsed.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed_dirs):
            raise ValueError(f"refused to fetch {path}: it is outside the project")
        return super().fetch(url, headers)


class PdfWriter:
    """Lays out and writes PDFs; build one per process and reuse it."""

    def __init__(self, templates_dir: Path, allowed_dirs: list[Path]) -> None:
        _patch_weasyprint_tagging()
        self.templates_dir = templates_dir
        self.base_url = templates_dir.resolve().as_uri() + "/"
        self.fetcher = ProjectOnlyFetcher([templates_dir, *allowed_dirs])
        self.font_config = FontConfiguration()
        self.stylesheet = CSS(filename=str(templates_dir / STYLESHEET), font_config=self.font_config, url_fetcher=self.fetcher)
        self._extra: dict[str, tuple[CSS, dict[str, Any]]] = {}

    def css(self, text: str) -> CSS:
        """A generated stylesheet (design tokens, colour profile), parsed once per text."""
        return self._parsed(text)[0]

    def _parsed(self, text: str) -> tuple[CSS, dict[str, Any]]:
        """The stylesheet and the colour profiles its @color-profile rules load (WeasyPrint
        keeps them apart: a profile reaches the PDF only when passed to render)."""
        if text not in self._extra:
            profiles: dict[str, Any] = {}
            sheet = CSS(
                string=text,
                font_config=self.font_config,
                url_fetcher=self.fetcher,
                base_url=self.base_url,
                color_profiles=profiles,
            )
            self._extra[text] = (sheet, profiles)
        return self._extra[text]

    def lay_out(self, html: str, extra_css: list[str], label: str, template: str) -> Document:
        parsed = [self._parsed(text) for text in extra_css]
        profiles = {name: profile for _sheet, found in parsed for name, profile in found.items()}
        try:
            return HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher).render(
                font_config=self.font_config,
                stylesheets=[self.stylesheet, *(sheet for sheet, _found in parsed)],
                color_profiles=profiles,
            )
        except FatalURLFetchingError as error:  # a BaseException: it must not escape the batch
            raise ProjectError.of(
                "render.fetch", f"{label}: {error.__cause__ or error}", Location(self.templates_dir / template)
            ) from None

    @staticmethod
    def check_page_size(document: Document, size: tuple[str, str], label: str, where: Location) -> None:
        """Every page has the trim size it should."""
        expected = tuple(css_length_in_px(length) for length in size)
        for number, page in enumerate(document.pages, start=1):
            if abs(page.width - expected[0]) > SIZE_TOLERANCE_PX or abs(page.height - expected[1]) > SIZE_TOLERANCE_PX:
                raise ProjectError.of(
                    "render.page-size",
                    f"{label}: page {number} is {page.width:.1f}x{page.height:.1f} px, expected {' x '.join(size)}",
                    where,
                )

    def write(self, document: Document, variant: PdfVariant, meta: PdfMeta) -> bytes:
        """The PDF as bytes (no dates or random ids beyond `meta`: same inputs, same bytes)."""
        document.metadata.created = document.metadata.modified = meta.created
        token = _document_id.set(meta.created + (document.metadata.title or ""))
        try:
            if variant.is_print:
                return document.write_pdf(  # type: ignore[no-any-return]
                    pdf_variant=variant.name, pdf_tags=True, finisher=_output_intent_finisher(variant)
                )
            return document.write_pdf(pdf_variant="pdf/ua-1")  # type: ignore[no-any-return]
        finally:
            _document_id.reset(token)


def _output_intent_finisher(variant: PdfVariant) -> Any:
    """WeasyPrint names the output intent after the profile's URL; a print shop's preflight
    reads its registered condition (CGATS TR 001, FOGRA39) and the ICC registry instead."""

    def finish(document: Document, pdf: Any) -> None:
        import pydyf

        intents = pdf.catalog.get("OutputIntents")
        if not intents:
            raise ProjectError.of(
                "pdf.output-intent",
                f"{variant.name}: WeasyPrint wrote no output intent (is {variant.icc_profile} a CMYK profile?)",
            )
        for intent in intents:
            condition = variant.output_condition or ""
            intent["OutputConditionIdentifier"] = pydyf.String(condition)
            intent["OutputCondition"] = pydyf.String(condition)
            intent["Info"] = pydyf.String(condition)
            intent["RegistryName"] = pydyf.String("http://www.color.org")

    return finish


def quiet_weasyprint_progress() -> None:
    """WeasyPrint logs its steps at INFO; the build prints its own progress instead."""
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


_document_id: ContextVar[str] = ContextVar("document_id", default="")


def _stable_uuid() -> uuid.UUID:
    """WeasyPrint gives PDF/X files a random XMP DocumentID; ours derives from the document."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "awareness:" + _document_id.get())


@cache
def _patch_weasyprint_tagging() -> None:
    """Install the structure-tree fixes described above (WeasyPrint 70, pinned below 71)."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import metadata as metadata_module
    from weasyprint.pdf import stream as stream_module
    from weasyprint.pdf import tags as tags_module

    @contextmanager
    def marked(self: Any, box: Any, tag: str) -> Iterator[None]:
        # WeasyPrint's Stream.marked, with the run's logical text as /ActualText.
        if self._tags is not None:
            mcid = len(self._tags)
            self._tags[box] = {"tag": tag, "mcid": mcid}
            properties = pydyf.Dictionary({"MCID": mcid})
            if isinstance(box, boxes.TextBox):
                text = box.text.translate(BREAK_HINTS)
                if _is_right_to_left(text):
                    self._tags[box]["actual_text"] = text  # for its structure element (build, below)
                else:
                    properties["ActualText"] = pydyf.String(text)
            pydyf.Stream.begin_marked_content(self, tag, properties)
        try:
            yield
        finally:
            if self._tags is not None:
                pydyf.Stream.end_marked_content(self)

    stream_module.Stream.marked = marked
    metadata_module.uuid4 = _stable_uuid
    original_build = tags_module._build_box_tree
    page_heights: dict[int, float] = {}

    def build(box: Any, parent: Any, pdf: Any, page_number: int, nums: Any, annotations: Any, tags: Any) -> Iterator[Any]:
        page = isinstance(box, boxes.PageBox)
        if page:
            page_heights[page_number] = box.margin_height()
            right_to_left = {kid["mcid"]: kid["actual_text"] for kid in tags.values() if "actual_text" in kid}
        own = getattr(box, "element", None) is not None and box.element_tag not in ("html", "body")
        for element in original_build(box, parent, pdf, page_number, nums, annotations, tags):
            if own and element.get("S") != "/Document":
                _fix_element(element, box, pdf, page_heights.get(page_number, 0.0), pydyf)
            yield element
        if page:
            _attach_actual_text(right_to_left, nums, pdf, pydyf)

    tags_module._build_box_tree = build


def _is_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _attach_actual_text(texts: dict[int, str], nums: Any, pdf: Any, pydyf: Any) -> None:
    """Each right-to-left run's logical text on the structure element that holds its marked
    content (a link holding several runs gets them all, in order)."""
    by_element: dict[bytes, list[str]] = {}
    for mcid in sorted(texts):
        if mcid in nums:
            by_element.setdefault(nums[mcid], []).append(texts[mcid])
    for reference, parts in by_element.items():
        element = pdf.objects[int(reference.split()[0])]
        element["ActualText"] = pydyf.String("".join(parts))


def _fix_element(element: Any, box: Any, pdf: Any, page_height: float, pydyf: Any) -> None:
    lang = box.element.get("lang")
    document_lang = pdf.catalog.get("Lang")
    if lang and (document_lang is None or getattr(document_lang, "string", None) != lang):
        element["Lang"] = pydyf.String(lang)
    attributes = element.get("A")
    if element.get("S") == "/Figure" and attributes is not None and "BBox" in attributes:
        x1, y1, x2, y2 = (float(value) for value in attributes["BBox"])
        attributes["BBox"] = pydyf.Array([round(value * 0.75, 2) for value in (x1, page_height - y2, x2, page_height - y1)])
