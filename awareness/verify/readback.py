"""Reading PDFs back, to prove what was printed: page boxes, title and language, fonts
embedded, glyphs missing, the text layer, and what each QR code decodes to.

Missing glyphs: WeasyPrint writes each font with an encoding CMap from character codes to
glyph ids (CIDs); a character that no font could draw is mapped to CID 0, `.notdef`, the
empty box. The font's ToUnicode map then says which characters those were.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import zxingcpp
from PIL import ImageFilter
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from ..model.diagnostics import Diagnostic, Severity

POINTS_PER_INCH = 72.0
QR_RENDER_SCALE = 300 / POINTS_PER_INCH  # rasterise at 300 dpi, as a phone would see print
DESCENT = 0.25  # of the type size: where a glyph box starts below the baseline
# QR codes only: read as any barcode, a line of Armenian was once taken for a film-edge code.
QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

_CIDCHAR = re.compile(r"<([0-9a-fA-F]+)>\s+(\d+)")
_CIDRANGE = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s+(\d+)")
_BFCHAR = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


@dataclass(frozen=True)
class FontFacts:
    name: str
    embedded: bool
    missing_glyphs: tuple[str, ...]  # characters printed as .notdef boxes


@dataclass
class PdfFacts:
    path: Path
    page_sizes_pt: list[tuple[float, float]] = field(default_factory=list)
    trim_sizes_pt: list[tuple[float, float]] = field(default_factory=list)
    bleed_sizes_pt: list[tuple[float, float]] = field(default_factory=list)
    page_texts: list[str] = field(default_factory=list)  # logical order, as extracted
    page_lines: list[list[str]] = field(default_factory=list)  # visual order, left to right
    page_line_type_pt: list[list[float]] = field(default_factory=list)  # smallest type of each of those lines
    title: str | None = None
    language: str | None = None
    fonts: list[FontFacts] = field(default_factory=list)
    qr_payloads: list[list[str]] = field(default_factory=list)  # per page
    qr_payloads_blurred: list[list[str]] = field(default_factory=list)  # per page, after a 0.3 mm blur
    chars: list[list[PrintedChar]] = field(default_factory=list)  # per page, every printed character
    trim_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # per page, in glyph coordinates
    qr_sizes_mm: list[list[float]] = field(default_factory=list)  # per page, the side of each code decoded
    previews: list[Any] = field(default_factory=list)  # per page, a grey image at PREVIEW_DPI (trim box only)
    covered: list[list[PrintedChar]] = field(default_factory=list)  # per page, characters painted over

    @property
    def text(self) -> str:
        return "\n".join(self.page_texts)

    @property
    def visual_lines(self) -> list[str]:
        return [line for lines in self.page_lines for line in lines]

    @property
    def missing_glyphs(self) -> list[str]:
        return sorted({char for font in self.fonts for char in font.missing_glyphs})

    @property
    def unembedded_fonts(self) -> list[str]:
        return [font.name for font in self.fonts if not font.embedded]


def read_pdf(path: Path, decode_qr: bool = True, blur_mm: float = 0.0) -> PdfFacts:
    facts = PdfFacts(path)
    reader = PdfReader(path)
    metadata: Any = reader.metadata or {}
    facts.title = metadata.get("/Title")
    root: Any = reader.trailer["/Root"]  # pypdf's objects are untyped dictionaries
    language = root.get("/Lang")
    facts.language = str(language) if language is not None else None
    for page in reader.pages:
        facts.page_sizes_pt.append((float(page.mediabox.width), float(page.mediabox.height)))
        facts.trim_sizes_pt.append((float(page.trimbox.width), float(page.trimbox.height)))
        facts.bleed_sizes_pt.append((float(page.bleedbox.width), float(page.bleedbox.height)))
        # Glyph coordinates (pdfminer) start at the media box's corner: the trim box relative to it.
        x0, y0 = float(page.mediabox.left), float(page.mediabox.bottom)
        facts.trim_boxes.append(
            (
                float(page.trimbox.left) - x0,
                float(page.trimbox.bottom) - y0,
                float(page.trimbox.right) - x0,
                float(page.trimbox.top) - y0,
            )
        )
    facts.fonts = _fonts(reader)
    _read_with_pdfium(path, facts, decode_qr, blur_mm)
    return facts


def _read_with_pdfium(path: Path, facts: PdfFacts, decode_qr: bool, blur_mm: float) -> None:
    """Text in logical order (PDFium honours /ActualText), glyphs where they are printed
    (pdfminer, which reads the glyphs themselves), and the pages as a phone camera sees them."""
    document = pdfium.PdfDocument(path)
    glyphs, covered = _printed_chars(path)
    facts.covered = covered
    try:
        for index, page in enumerate(document):
            text_page = page.get_textpage()
            facts.page_texts.append(text_page.get_text_range())
            chars = glyphs[index] if index < len(glyphs) else []
            facts.chars.append(chars)
            lines = _visual_lines(chars)
            facts.page_lines.append([text for text, _size in lines])
            facts.page_line_type_pt.append([size for _text, size in lines])
            facts.previews.append(_preview(page, facts.trim_boxes[index] if index < len(facts.trim_boxes) else None))
            if decode_qr:
                image = page.render(scale=QR_RENDER_SCALE, grayscale=True).to_pil()
                codes = zxingcpp.read_barcodes(image, formats=QR_ONLY)
                facts.qr_payloads.append([code.text for code in codes])
                facts.qr_sizes_mm.append([_side_mm(code) for code in codes])
                if blur_mm:
                    blurred = image.filter(ImageFilter.GaussianBlur(blur_mm / 25.4 * 300))
                    facts.qr_payloads_blurred.append([code.text for code in zxingcpp.read_barcodes(blurred, formats=QR_ONLY)])
    finally:
        document.close()


PREVIEW_DPI = 40


def _preview(page: Any, trim: tuple[float, float, float, float] | None) -> Any:
    """The page as a grey image at 40 dpi, cut to its trim box: enough to see empty bands."""
    image = page.render(scale=PREVIEW_DPI / POINTS_PER_INCH, grayscale=True).to_pil()
    if trim is None:
        return image
    scale = PREVIEW_DPI / POINTS_PER_INCH
    height = image.height
    return image.crop(
        (round(trim[0] * scale), round(height - trim[3] * scale), round(trim[2] * scale), round(height - trim[1] * scale))
    )


def _side_mm(code: Any) -> float:
    """The side of a decoded QR symbol, from its corners found at 300 dpi."""
    top_left, top_right, bottom_left = code.position.top_left, code.position.top_right, code.position.bottom_left
    width = ((top_right.x - top_left.x) ** 2 + (top_right.y - top_left.y) ** 2) ** 0.5
    height = ((bottom_left.x - top_left.x) ** 2 + (bottom_left.y - top_left.y) ** 2) ** 0.5
    return float(round(min(width, height) / QR_RENDER_SCALE / POINTS_PER_INCH * 25.4, 1))


class PrintedChar(NamedTuple):
    """A printed character: its box in points (origin bottom left) and its type size."""

    bottom: float
    top: float
    left: float
    right: float
    char: str
    size_pt: float
    run: int = 0  # glyphs painted one after another on one baseline share a run (a text box)


def _printed_chars(path: Path) -> tuple[list[list[PrintedChar]], list[list[PrintedChar]]]:
    """Every printed glyph of every page, read from the glyphs and their ToUnicode map (not from
    /ActualText): where a reader's eye meets each character. Also, per page, the characters
    that something painted later covers (an image, a filled box: a QR code's white square laid
    over a number), which a reader cannot see although the text layer has them."""
    import pdfplumber

    printed: list[list[PrintedChar]] = []
    covered: list[list[PrintedChar]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            # pdfminer lays the page out from the media box's corner, as the trim boxes are given.
            chars, covers = _paint_order(page.layout)
            runs = _runs([char for char, _order in chars])
            printed.append([_printed(char, run) for (char, _order), run in zip(chars, runs, strict=False)])
            covered.append(
                [
                    _printed(char, run)
                    for (char, order), run in zip(chars, runs, strict=False)
                    if char.get_text().strip() and _covered(char, order, covers)
                ]
            )
    return printed, covered


def _paint_order(layout: Any) -> tuple[list[tuple[Any, int]], list[tuple[Any, int]]]:
    """Glyphs and opaque shapes (images, filled paths) of a page, each with its place in the
    order the page paints them."""
    from pdfminer.layout import LTChar, LTCurve, LTImage

    chars: list[tuple[Any, int]] = []
    covers: list[tuple[Any, int]] = []

    def walk(item: Any) -> None:
        order = len(chars) + len(covers)
        if isinstance(item, LTChar):
            chars.append((item, order))
        elif isinstance(item, LTImage) or (isinstance(item, LTCurve) and item.fill):
            covers.append((item, order))
        if not isinstance(item, LTChar):
            for child in getattr(item, "_objs", ()):
                walk(child)

    walk(layout)
    return chars, covers


def _covered(char: Any, order: int, covers: list[tuple[Any, int]]) -> bool:
    """A shape painted after the glyph over most of its middle (a touch at the edge is not a cover)."""
    inset_x, inset_y = 0.3 * char.width, 0.3 * char.height
    left, right, bottom, top = char.x0 + inset_x, char.x1 - inset_x, char.y0 + inset_y, char.y1 - inset_y
    return any(
        later > order and shape.x0 < right and shape.x1 > left and shape.y0 < top and shape.y1 > bottom for shape, later in covers
    )


def _runs(chars: list[Any]) -> list[int]:
    """A run number per glyph: glyphs painted one after the other, left to right, at one size,
    near one baseline (Nastaliq steps each letter of a word down) make a run, a text box's
    line. Glyphs of one run may overlap (a combining mark over its letter); of two runs, not."""
    runs, run, previous = [], 0, None
    for char in chars:
        if is_mark(char.get_text()):  # placed above or below its letter, on the letter's run
            runs.append(run)
            continue
        if previous is not None and (
            abs(char.matrix[5] - previous.matrix[5]) > 0.6 * char.size
            or abs(char.size - previous.size) > 0.1
            or char.x0 < previous.x0 - 0.5 * char.size
        ):
            run += 1
        runs.append(run)
        previous = char
    return runs


def is_mark(text: str) -> bool:
    """A combining mark (Arabic vowels, Thai and Devanagari signs): drawn over its letter."""
    return bool(text) and all(unicodedata.category(char) in ("Mn", "Me", "Mc") for char in text)


def _printed(char: Any, run: int = 0) -> PrintedChar:
    """A glyph as a reader meets it. Its type size: pdfminer gives the box's extent along the
    text's up direction for upright text, and its advance for turned text (the tear-off tabs),
    where the type size is the box's other side."""
    if not char.upright:
        return PrintedChar(char.y0, char.y1, char.x0, char.x1, char.get_text(), float(char.x1 - char.x0), run)
    # pdfminer hangs a box one type size tall from the font's descent, which some fonts make
    # huge (Nastaliq, Naskh): the box then sits below the ink. Hung from the baseline instead,
    # as a Latin font's would be, it covers where any script's letters stand.
    baseline, size = float(char.matrix[5]), float(char.size)
    return PrintedChar(baseline - DESCENT * size, baseline + (1 - DESCENT) * size, char.x0, char.x1, char.get_text(), size, run)


def _visual_lines(chars: list[PrintedChar]) -> list[tuple[str, float]]:
    """Each printed line as its characters stand from left to right, as an eye meets them, with
    the smallest type size on it.

    Extracted text is in a guessed logical order, which is unreliable for mixed-direction
    lines; positions are not: a number isolated left-to-right must read in order here.
    """
    lines: list[list[PrintedChar]] = []
    for printed in sorted(chars, key=lambda c: -(c.bottom + c.top)):
        line = next((line for line in lines if _same_line(line[0], printed)), None)
        if line is None:
            lines.append([printed])
        else:
            line.append(printed)
    return [
        (_line_text(sorted(line, key=lambda c: c.left)), min((c.size_pt for c in line if c.char.strip()), default=0.0))
        for line in lines
    ]


COLUMN_GAP = 1.5  # of the type size: a gap this wide parts two columns that share a line


def _line_text(chars: list[PrintedChar]) -> str:
    """Characters left to right, with a space where a gap of a third of the type size or more
    separates two of them (two texts that happen to share a line are not one word), and a tab
    where the gap is a column's ("Emergency: 911" beside a caption's "800 5533 000" is not
    one number)."""
    parts: list[str] = []
    for before, char in zip([None, *chars], chars, strict=False):
        gap = char.left - before.right if before is not None else 0.0
        if before is not None and gap > COLUMN_GAP * max(char.size_pt, before.size_pt, 1):
            parts.append("\t")
        elif before is not None and gap > 0.33 * max(char.size_pt, 1) and before.char != " " and char.char != " ":
            parts.append(" ")
        parts.append(char.char)
    return "".join(parts)


def _same_line(first: PrintedChar, other: PrintedChar) -> bool:
    """Vertical extents overlap by more than half of the smaller height."""
    overlap = min(first.top, other.top) - max(first.bottom, other.bottom)
    return overlap > 0.5 * min(first.top - first.bottom, other.top - other.bottom)


def _fonts(reader: PdfReader) -> list[FontFacts]:
    seen: dict[int, FontFacts] = {}
    for page in reader.pages:
        for font_ref in _font_refs(page.get("/Resources")):
            key = font_ref.idnum if hasattr(font_ref, "idnum") else id(font_ref)
            if key not in seen:
                seen[key] = _font_facts(font_ref.get_object())
    return list(seen.values())


def _font_refs(resources: Any) -> list[Any]:
    """Fonts of a resource dictionary, including those of nested form XObjects."""
    if resources is None:
        return []
    resources = resources.get_object()
    fonts: Any = (resources.get("/Font") or DictionaryObject()).get_object()
    xobjects: Any = (resources.get("/XObject") or DictionaryObject()).get_object()
    refs = list(fonts.values())
    for xobject in xobjects.values():
        refs.extend(_font_refs(xobject.get_object().get("/Resources")))
    return refs


def _font_facts(font: Any) -> FontFacts:
    name = str(font.get("/BaseFont", "?"))
    descriptor_owner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
    descriptor = descriptor_owner.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return FontFacts(name, embedded, tuple(_notdef_characters(font)))


def _notdef_characters(font: DictionaryObject) -> list[str]:
    encoding = font.get("/Encoding")
    if encoding is None or not hasattr(encoding.get_object(), "get_data"):
        return []  # a named encoding (Identity-H): codes are glyph ids, checked below
    notdef_codes = _codes_mapped_to_cid_zero(encoding.get_object().get_data().decode("latin-1"))
    if not notdef_codes:
        return []
    to_unicode = _to_unicode(font)
    return [to_unicode.get(code, f"<code {code:#x}>") for code in sorted(notdef_codes)]


def _codes_mapped_to_cid_zero(cmap: str) -> set[int]:
    codes: set[int] = set()
    for block in re.findall(r"begincidchar(.*?)endcidchar", cmap, re.S):
        codes.update(int(code, 16) for code, cid in _CIDCHAR.findall(block) if cid == "0")
    for block in re.findall(r"begincidrange(.*?)endcidrange", cmap, re.S):
        codes.update(int(low, 16) for low, _high, cid in _CIDRANGE.findall(block) if cid == "0")
    return codes


def _to_unicode(font: DictionaryObject) -> dict[int, str]:
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    cmap = stream.get_object().get_data().decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, unicode_hex in _BFCHAR.findall(block):
            mapping[int(code, 16)] = bytes.fromhex(unicode_hex).decode("utf-16-be", errors="replace")
    return mapping


def digits_only(text: str) -> str:
    return "".join(char for char in text if char.isdigit() and char.isascii())


def read_back(path: Path, decode_qr: bool = False, blur_mm: float = 0.0) -> PdfFacts | Diagnostic:
    """What every verify step reads first: the facts of the file just written, or the one
    diagnostic of a file that cannot be read (pypdf and PDFium raise many kinds of error)."""
    try:
        return read_pdf(path, decode_qr=decode_qr, blur_mm=blur_mm)
    except Exception as problem:
        return Diagnostic("verify.unreadable", f"not a readable PDF: {problem}", Severity.ERROR)
