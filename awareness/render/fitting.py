"""Fitting a language onto a page: lay out at full size; where the text overflows, step the
body type down together, never below the declared minimum (a statutory or legibility floor,
not a suggestion). The hotline number and the headline are set in fixed sizes and never
shrink, so every language puts them at the same size and place.

Overflow is any of: more pages than the material has; text within the safe margin of an edge;
content running out of a fixed region (an element of class `fit`, such as the body zone of a
poster above its number band). What still does not fit at the floor fails, naming the
messages of the block that overflows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.diagnostics import Location, ProjectError

if TYPE_CHECKING:  # WeasyPrint loads only where pages are laid out (0.4 s): a no-op build needs none
    from weasyprint.document import Document

SCALE_STEP = 0.05
GROWTH = (1.2, 1.1)  # tried when the text fits with room to spare: a short language fills the page
PT_PER_PX = 72 / 96
SMALL_PRINT_CLASS = "small-print"
NUMBER_CLASS = "hotline-number"  # the line every material leads with: the largest text
FIXED_CLASS = "fixed"  # a zone set in pt (the number band): checked against the minimum, never scaled
FIT_CLASS = "fit"
# Not measured: the proof note (on proofs only, in the margin) and turned text (the tear-off
# tabs), whose boxes are laid out before they are rotated into place.
EXEMPT_CLASSES = frozenset({"proof-note", "turned", "marks"})
TOLERANCE_PX = 1.0
TABLE_PARTS = frozenset({"TableBox", "InlineTableBox", "TableRowGroupBox", "TableRowBox", "TableCellBox", "TableColumnGroupBox"})


@dataclass
class TypeSizes:
    body: float  # smallest body type that scales, pt
    small: float  # smallest small print that scales, pt
    number: float  # smallest type of the hotline number, pt
    largest_other: float  # largest type that is not the number, pt
    fixed_body: float = 0.0  # smallest body type of the fixed zones, pt
    fixed_small: float = 0.0


@dataclass
class Fitted:
    document: Document
    scale: float  # 1.0: full size
    sizes: TypeSizes
    payload: Any  # what the layout callback returned beside the document (the rendered HTML)


@dataclass(frozen=True)
class Limits:
    pages: int
    safe_margin_px: float
    min_body_pt: float
    min_small_pt: float
    label: str  # the item, for messages
    where: Location


class DoesNotFit(ProjectError):
    """Overflows even at the smallest type allowed; `messages` are those of the block."""

    def __init__(self, message: str, where: Location, messages: list[Any]) -> None:
        block = f"; the block that does not fit begins: {_excerpt(messages[0][1])!r}" if messages else ""
        super().__init__(ProjectError.of("fit.overflow", message + block, where).diagnostics)
        self.messages = messages  # message keys (context, msgid) of the overflowing block


LayOut = Callable[[float, bool], tuple["Document", Any]]  # (scale, mark messages) -> (document, payload)


def lay_out_to_fit(lay_out: LayOut, limits: Limits, grow: bool = False) -> Fitted:
    fitted = _attempt(lay_out, 1.0)
    _check_design_minimums(fitted, limits)
    if _fits(fitted, limits):
        return _grown(lay_out, limits, fitted) if grow else fitted
    floor = _smallest_scale(fitted.sizes, limits)
    for scale in _scales_down_to(floor):
        fitted = _attempt(lay_out, scale)
        if _fits(fitted, limits):
            return fitted
    marked, payload = lay_out(floor, True)
    used = getattr(payload, "messages", ())
    messages = [used[index] for index in overflowing_messages(marked, limits) if index < len(used)]
    raise DoesNotFit(
        f"{limits.label}: the text does not fit on {limits.pages} page(s), even with body type at {floor:.0%}, the least "
        f"its minimum type sizes allow ({limits.min_body_pt:g} pt body, {limits.min_small_pt:g} pt small print)",
        limits.where,
        messages,
    )


def _grown(lay_out: LayOut, limits: Limits, fitted: Fitted) -> Fitted:
    """Larger body type while the page still holds it (at most two more layouts): a language
    shorter than the design's fills its space rather than leaving an empty band."""
    for scale in GROWTH:
        larger = _attempt(lay_out, scale)
        if _fits(larger, limits):
            return larger
    return fitted


def _fits(fitted: Fitted, limits: Limits) -> bool:
    html = getattr(fitted.payload, "html", "")
    return fits(fitted.document, limits, html_chars(html) if html else 0)


def _attempt(lay_out: LayOut, scale: float) -> Fitted:
    document, payload = lay_out(scale, False)
    return Fitted(document, scale, type_sizes(document), payload)


def fits(document: Document, limits: Limits, expected_chars: int = 0) -> bool:
    return (
        len(document.pages) <= limits.pages
        and not outside_safe_area(document, limits.safe_margin_px)
        and not overflowing_regions(document)
        and laid_out_chars(document) >= expected_chars
    )


def laid_out_chars(document: Document) -> int:
    """Visible characters of every text box laid out: fewer than the page's text has means lines
    were dropped (WeasyPrint drops the lines of a positioned box that fall off the page)."""
    return sum(_visible(box.text) for page in document.pages for box in descendants(page._page_box) if is_text(box))


def html_chars(html: str) -> int:
    """Visible characters of a page's body text, as laid_out_chars counts them."""
    from ..text.gate import body_text

    return _visible(body_text(html))


def _visible(text: str) -> int:
    return sum(1 for char in text if not char.isspace() and unicodedata.category(char) != "Cf")


def outside_safe_area(document: Document, safe_margin_px: float) -> list[Any]:
    """Text boxes that come within the safe margin of a page edge."""
    outside = []
    for page in document.pages:
        limit_x, limit_y = page.width - safe_margin_px + TOLERANCE_PX, page.height - safe_margin_px + TOLERANCE_PX
        for box, top, bottom in text_extents(page._page_box, measured_boxes):
            if (
                box.position_x < safe_margin_px - TOLERANCE_PX
                or top < safe_margin_px - TOLERANCE_PX
                or box.position_x + box.width > limit_x
                or bottom > limit_y
            ):
                outside.append(box)
    return outside


def overflowing_regions(document: Document) -> list[Any]:
    """Text boxes that run out of their fixed region (class `fit`), at its bottom or, where the
    region centres its content, at its top."""
    found = []
    for page in document.pages:
        for region in descendants(page._page_box):
            if FIT_CLASS not in classes(region) or type(region).__name__ in TABLE_PARTS:
                continue  # a centring table: its wrapper has the region's height, the table its content's
            top = region.content_box_y() - TOLERANCE_PX
            bottom = region.content_box_y() + region.height + TOLERANCE_PX
            found += [
                box for box, box_top, box_bottom in text_extents(region, descendants) if box_bottom > bottom or box_top < top
            ]
    return found


def text_extents(root: Any, walk: Callable[[Any], Iterator[Any]]) -> Iterator[tuple[Any, float, float]]:
    """Each text box with its top and bottom, held to its line box: a script whose font is
    taller than the line height (Naskh, Devanagari) has text boxes that stick out of their
    lines, into the leading the line above or below already leaves."""
    for line in walk(root):
        if type(line).__name__ != "LineBox":
            continue
        line_top, line_bottom = line.position_y, line.position_y + line.height
        for box in descendants(line):
            if is_text(box):
                yield box, max(box.position_y, line_top), min(box.position_y + box.height, line_bottom)


def measured_boxes(box: Any) -> Iterator[Any]:
    """Every box but those inside an exempt element."""
    if EXEMPT_CLASSES & set(classes(box)):
        return
    yield box
    for child in getattr(box, "children", ()):
        yield from measured_boxes(child)


def classes(box: Any) -> list[str]:
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None else []


def is_text(box: Any) -> bool:
    return type(box).__name__ == "TextBox" and bool(box.text.strip())


def _check_design_minimums(fitted: Fitted, limits: Limits) -> None:
    """At full size the design itself must respect the minimums: a stylesheet error otherwise."""
    sizes = fitted.sizes
    for kind, found, minimum in (
        ("body", sizes.body, limits.min_body_pt),
        ("small print", sizes.small, limits.min_small_pt),
        ("body", sizes.fixed_body, limits.min_body_pt),
        ("small print", sizes.fixed_small, limits.min_small_pt),
    ):
        if found and found < minimum - 0.01:
            raise ProjectError.of(
                "design.min-type",
                f"{limits.label}: {kind} type of {found:.1f} pt at full size, below the minimum of {minimum:g} pt",
                limits.where,
            )


def _smallest_scale(sizes: TypeSizes, limits: Limits) -> float:
    ratios = [
        minimum / found for found, minimum in ((sizes.body, limits.min_body_pt), (sizes.small, limits.min_small_pt)) if found
    ]
    return min(1.0, max(ratios, default=1.0))


def _scales_down_to(floor: float) -> Iterator[float]:
    scale = 1.0 - SCALE_STEP
    while scale > floor + 1e-6:
        yield round(scale, 3)
        scale -= SCALE_STEP
    if floor < 1.0:
        yield floor


def type_sizes(document: Document) -> TypeSizes:
    """The type sizes on the laid-out pages, in points."""
    sizes: dict[str, list[float]] = {"body": [], "small": [], "number": [], "fixed body": [], "fixed small": []}
    for page in document.pages:
        _collect_sizes(page._page_box, "body", False, sizes)
    others = sizes["body"] + sizes["small"] + sizes["fixed body"] + sizes["fixed small"]
    return TypeSizes(
        min(sizes["body"], default=0.0),
        min(sizes["small"], default=0.0),
        min(sizes["number"], default=0.0),
        max(others, default=0.0),
        min(sizes["fixed body"], default=0.0),
        min(sizes["fixed small"], default=0.0),
    )


def _collect_sizes(box: Any, kind: str, fixed: bool, sizes: dict[str, list[float]]) -> None:
    own = classes(box)
    if "proof-note" in own or "marks" in own:
        return
    fixed = fixed or FIXED_CLASS in own
    kind = "number" if NUMBER_CLASS in own else "small" if SMALL_PRINT_CLASS in own and kind == "body" else kind
    if is_text(box):
        sizes[f"fixed {kind}" if fixed and kind != "number" else kind].append(box.style["font_size"] * PT_PER_PX)
    for child in getattr(box, "children", ()):
        _collect_sizes(child, kind, fixed, sizes)


def overflowing_messages(document: Document, limits: Limits) -> list[int]:
    """Indexes of the messages in the overflow: those of a block that ran on from the page
    before, those pushed past the last page, those out of a region or the safe area."""
    found: dict[int, None] = {}
    boxes = [
        box for page in _continuation_pages(document) + document.pages[limits.pages :] for box in descendants(page._page_box)
    ]
    boxes += overflowing_regions(document) + outside_safe_area(document, limits.safe_margin_px)
    for box in boxes:
        for marker in _message_markers(box):
            found[marker] = None
    return list(found)


def _message_markers(box: Any) -> Iterator[int]:
    """The message a text box belongs to: its inline element carries data-msg="i"."""
    element = getattr(box, "element", None)
    marker = element.get("data-msg") if element is not None else None
    if marker is not None:
        yield int(marker)


def _continuation_pages(document: Document) -> list[Any]:
    """Pages that begin inside a block begun on the page before."""
    tops = [_top_level_elements(page) for page in document.pages]
    return [page for page, before, top in zip(document.pages[1:], tops, tops[1:], strict=False) if top and top[0] in before]


def _top_level_elements(page: Any) -> list[Any]:
    html = page._page_box.children[0] if page._page_box.children else None
    body = html.children[0] if html is not None and html.children else None
    return [child.element for child in getattr(body, "children", ()) if getattr(child, "element", None) is not None]


def descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from descendants(child)


def _excerpt(text: str, limit: int = 80) -> str:
    """The start of a block, short enough for one line of a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
