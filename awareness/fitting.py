"""Fitting a language onto a material: lay out at full size; where the text overflows, step
all type down together, never below the material's declared minimum (a statutory or
legibility floor, not a suggestion). What still does not fit fails, naming the messages of
the block that overflows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Location, ProjectError
from .htmlrender import HtmlRenderer, RenderedHtml
from .resolve import RenderJob
from .units import css_length_in_px

if TYPE_CHECKING:
    from weasyprint.document import Document

    from .pdfwriter import PdfWriter

SCALE_STEP = 0.05
PT_PER_PX = 72 / 96
SMALL_PRINT_CLASS = "small-print"
# Not measured: the proof note (on proofs only, outside the layout) and turned text (the
# tear-off tabs), whose boxes are laid out before they are rotated into place.
EXEMPT_CLASSES = frozenset({"proof-note", "turned"})
TOLERANCE_PX = 0.5


@dataclass
class Fitted:
    document: Document
    rendered: RenderedHtml
    scale: float  # 1.0: full size
    smallest_body_pt: float
    smallest_small_pt: float
    inside_safe_area: bool


class DoesNotFit(ProjectError):
    """Overflows even at the smallest type allowed; `messages` are those of the block."""

    def __init__(self, message: str, location: Location, messages: list[str]) -> None:
        super().__init__(message, location)
        self.messages = messages


def lay_out_to_fit(html: HtmlRenderer, pdf: PdfWriter, job: RenderJob) -> Fitted:
    fitted = _attempt(html, pdf, job, 1.0)
    _check_minimum_type(job, fitted)
    if _fits(fitted, job):
        return fitted
    floor = _smallest_scale(job, fitted)
    for scale in _scales_down_to(floor):
        fitted = _attempt(html, pdf, job, scale)
        if _fits(fitted, job):
            return fitted
    raise _does_not_fit(html, pdf, job, floor)


def _attempt(html: HtmlRenderer, pdf: PdfWriter, job: RenderJob, scale: float, mark: bool = False) -> Fitted:
    rendered = html.render(job, mark_messages=mark, text_scale=scale)
    document = pdf.lay_out(rendered.html, str(job.item), job.material.template)
    body, small = smallest_type(document)
    safe = not _outside_safe_area(document, css_length_in_px(job.material.safe_margin))
    return Fitted(document, rendered, scale, body, small, safe)


def _fits(fitted: Fitted, job: RenderJob) -> bool:
    """No more pages than the material has, and no text within its safe margin of an edge
    (a block whose bottom padding ran off the page still counts its pages right)."""
    return len(fitted.document.pages) <= job.material.pages and fitted.inside_safe_area


def _outside_safe_area(document: Document, safe_margin_px: float) -> list:
    """Text boxes that come within the safe margin of a page edge."""
    outside = []
    for page in document.pages:
        limit_x, limit_y = page.width - safe_margin_px + TOLERANCE_PX, page.height - safe_margin_px + TOLERANCE_PX
        for box in _measured_boxes(page._page_box):
            if type(box).__name__ != "TextBox" or not box.text.strip():
                continue
            if (box.position_x < safe_margin_px - TOLERANCE_PX or box.position_y < safe_margin_px - TOLERANCE_PX
                    or box.position_x + box.width > limit_x or box.position_y + box.height > limit_y):
                outside.append(box)
    return outside


def _measured_boxes(box) -> Iterator:
    """Every box but those inside an exempt element."""
    element = getattr(box, "element", None)
    classes = (element.get("class") or "").split() if element is not None else []
    if EXEMPT_CLASSES & set(classes):
        return
    yield box
    for child in getattr(box, "children", ()):
        yield from _measured_boxes(child)


def _check_minimum_type(job: RenderJob, fitted: Fitted) -> None:
    """At full size the design itself must respect the minimums: a stylesheet error otherwise."""
    material = job.material
    for kind, found, minimum in (("body", fitted.smallest_body_pt, material.min_body_pt),
                                 ("small print", fitted.smallest_small_pt, material.min_small_pt)):
        if found and found < minimum - 0.01:
            raise ProjectError(f"{job.item}: {kind} type of {found:.1f} pt, below the minimum of {minimum:g} pt for {material.id}",
                               Location(Path(material.source_file)))


def _smallest_scale(job: RenderJob, fitted: Fitted) -> float:
    material = job.material
    limits = [minimum / found for found, minimum in ((fitted.smallest_body_pt, material.min_body_pt),
                                                     (fitted.smallest_small_pt, material.min_small_pt)) if found]
    return min(1.0, max(limits, default=1.0))


def _scales_down_to(floor: float) -> Iterator[float]:
    scale = 1.0 - SCALE_STEP
    while scale > floor + 1e-6:
        yield round(scale, 3)
        scale -= SCALE_STEP
    if floor < 1.0:
        yield floor


def _does_not_fit(html: HtmlRenderer, pdf: PdfWriter, job: RenderJob, floor: float) -> DoesNotFit:
    marked = _attempt(html, pdf, job, floor, mark=True)
    indexes = overflowing_messages(marked.document, job.material.pages)
    if not indexes:  # it fits the pages but runs into the safe margin
        margin = css_length_in_px(job.material.safe_margin)
        indexes = list(dict.fromkeys(int(box.element.get("data-msg")) for box in _outside_safe_area(marked.document, margin)
                                     if box.element is not None and box.element.get("data-msg") is not None))
    messages = [marked.rendered.messages[index] for index in indexes]
    block = f"; the block that does not fit begins: {messages[0]!r}" if messages else ""
    return DoesNotFit(
        f"{job.item}: the {job.language.tag} text does not fit on {job.material.pages} page(s) of {job.material.id}, "
        f"even with type at {floor:.0%}, the least its minimum type sizes allow "
        f"({job.material.min_body_pt:g} pt body, {job.material.min_small_pt:g} pt small print){block}",
        Location(Path(job.material.source_file)), messages)


def smallest_type(document: Document) -> tuple[float, float]:
    """The smallest font size, in points, of body text and of small print on the pages."""
    sizes = {False: [], True: []}
    for page in document.pages:
        _collect_sizes(page._page_box, False, sizes)
    return min(sizes[False], default=0.0), min(sizes[True], default=0.0)


def _collect_sizes(box, small: bool, sizes: dict[bool, list[float]]) -> None:
    classes = (box.element.get("class") or "").split() if getattr(box, "element", None) is not None else []
    if "proof-note" in classes:
        return
    small = small or SMALL_PRINT_CLASS in classes
    if type(box).__name__ == "TextBox" and box.text.strip():
        sizes[small].append(box.style["font_size"] * PT_PER_PX)
    for child in getattr(box, "children", ()):
        _collect_sizes(child, small, sizes)


def overflowing_messages(document: Document, page_count: int) -> list[int]:
    """Indexes of the messages in the overflow: first those of a block that ran on from the
    page before (the culprit), then those pushed past the material's last page."""
    found: dict[int, None] = {}
    for page in _continuation_pages(document) + document.pages[page_count:]:
        for box in descendants(page._page_box):
            element = getattr(box, "element", None)
            marker = element.get("data-msg") if element is not None else None
            if marker is not None:
                found[int(marker)] = None
    return list(found)


def _continuation_pages(document: Document) -> list:
    """Pages that begin inside a block begun on the page before."""
    tops = [_top_level_elements(page) for page in document.pages]
    return [page for page, before, top in zip(document.pages[1:], tops, tops[1:]) if top and top[0] in before]


def _top_level_elements(page) -> list:
    html = page._page_box.children[0] if page._page_box.children else None
    body = html.children[0] if html is not None and html.children else None
    return [child.element for child in getattr(body, "children", ()) if getattr(child, "element", None) is not None]


def descendants(box) -> Iterator:
    yield box
    for child in getattr(box, "children", ()):
        yield from descendants(child)
