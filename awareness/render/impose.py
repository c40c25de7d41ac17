"""Placing finished pages on other paper, in vector, with pikepdf: office sheets of cards (cut
marks, backs for a long-edge duplex flip) and tiles of a large sign (overlaps, trim lines).

Every page placed is a form XObject of the original page, never rasterised. The result is a
tagged PDF: the first copy of each side is a Figure whose alternative text is the card's text,
in its language; the other copies and the marks are artifacts, so a screen reader reads the
card once, not ten times.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

PAPER_PT = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
PRINTER_MARGIN_PT = 18.0  # 0.25 in: what most office printers cannot print on
MARK_LENGTH_PT = 12.0
MIN_MARK_LENGTH_PT = 6.0
MARK_GAP_PT = 3.0


@dataclass(frozen=True)
class Placement:
    """One copy of a source page on a sheet: where its trim box goes, and whether it is turned
    a quarter (the card lies on its side, to fit more on the paper)."""

    x: float
    y: float
    turned: bool = False


def form_of(pdf: pikepdf.Pdf, source: pikepdf.Pdf, index: int, strip_marks: bool = True) -> pikepdf.Object:
    """Page `index` of `source` as a form XObject in `pdf`, trimmed to its TrimBox, with its own
    marked content removed (the sheet has its own structure)."""
    page = pikepdf.Page(source.pages[index])
    form = page.as_form_xobject()
    if strip_marks:
        instructions = [item for item in pikepdf.parse_content_stream(form) if str(item.operator) not in ("BDC", "BMC", "EMC")]
        form.write(pikepdf.unparse_content_stream(instructions))
    trim = [float(value) for value in page.obj.get("/TrimBox", page.obj.MediaBox)]
    form.BBox = Array(trim)
    return pdf.copy_foreign(form)


def place(name: str, at: Placement, size: tuple[float, float], trim_origin: tuple[float, float]) -> bytes:
    """Content that draws form `name` with its trim box's lower-left corner at (x, y)."""
    ox, oy = trim_origin
    # A turned card takes a quarter turn counter-clockwise: its width runs up the sheet.
    turned = (0, 1, -1, 0, at.x + size[1] + oy, at.y - ox)
    matrix = turned if at.turned else (1, 0, 0, 1, at.x - ox, at.y - oy)
    return b"q " + " ".join(f"{value:.3f}" for value in matrix).encode() + b" cm /" + name.encode() + b" Do Q\n"


def tagged_page(
    pdf: pikepdf.Pdf, paper: tuple[float, float], forms: dict[str, pikepdf.Object], first: bytes, rest: bytes, marks: bytes
) -> pikepdf.Page:
    """A page drawing `first` as marked content (MCID 0) and the rest as artifacts."""
    content = (
        b"/Figure <</MCID 0>> BDC\n"
        + first
        + b"EMC\n"
        + b"/Artifact BMC\n"
        + rest
        + b"EMC\n"
        + b"/Artifact BMC\n"
        + marks
        + b"EMC\n"
    )
    page = pdf.add_blank_page(page_size=paper)
    page.obj.Resources = Dictionary(XObject=Dictionary({f"/{key}": value for key, value in forms.items()}))
    page.obj.Contents = pdf.make_stream(content)
    return page


def figure_element(
    pdf: pikepdf.Pdf, parent: pikepdf.Object, page: pikepdf.Page, mcid: int, alt: str, lang: str, bbox: list[float]
) -> pikepdf.Object:
    """A Figure of the structure tree: its marked content on the page, what it shows in words
    (in its language), and where it is (PDF user space)."""
    return pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.Figure,
            P=parent,
            Pg=page.obj,
            K=mcid,
            Alt=String(alt),
            Lang=String(lang),
            A=Dictionary(O=Name.Layout, BBox=Array([round(value, 2) for value in bbox])),
        )
    )


def add_structure(pdf: pikepdf.Pdf, figures: list[tuple[int, str, str, list[float]]], language: str, title: str) -> None:
    """A structure tree: Document > one Figure per page (alt text, language, bbox) on MCID 0."""
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array()))
    root.K = Array([document])
    nums = Array()
    for page_index, alt, lang, bbox in figures:
        page = pdf.pages[page_index]
        figure = figure_element(pdf, document, page, 0, alt, lang, bbox)
        document.K.append(figure)
        page.obj.StructParents = page_index
        page.obj.Tabs = Name.S
        nums.append(page_index)
        nums.append(Array([figure]))
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String(language)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as metadata:
        metadata["dc:title"] = title
        metadata["pdfuaid:part"] = "1"
    pdf.docinfo[Name.Title] = String(title)


def save(pdf: pikepdf.Pdf) -> bytes:
    """Bytes that depend on the content only (no random file ID, no dates)."""
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def hairlines(lines: list[tuple[float, float, float, float]], colour: str = "0 0 0 1 K") -> bytes:
    strokes = "\n".join(f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l S" for a, b, c, d in lines)
    return f"q 0.25 w {colour}\n{strokes}\nQ\n".encode()


def spoken_page_texts(pdf_bytes: bytes) -> list[str]:
    """Each page's text as a screen reader meets it in the structure tree: the /ActualText of
    an element, or of the marked content it holds. The alternative text of a placed page comes
    from here, not from a viewer's text layer, where right-to-left runs are rebuilt from glyphs."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        pages: dict[tuple[int, int], int] = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        marked = [_actual_texts(page) for page in pdf.pages]
        texts: list[list[str]] = [[] for _ in pdf.pages]
        pending = [(pdf.Root.StructTreeRoot, -1)] if "/StructTreeRoot" in pdf.Root else []
        while pending:  # depth first, in the tree's order
            node, page = pending.pop()
            page = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
            if "/ActualText" in node and page >= 0:
                texts[page].append(str(node.ActualText))
                continue
            kids = node.get("/K")
            children = list(kids) if isinstance(kids, Array) else [kids] if kids is not None else []
            for kid in reversed(children):
                if isinstance(kid, int) and page >= 0:
                    texts[page].append(marked[page].get(kid, ""))
                elif isinstance(kid, Dictionary) and "/S" in kid:
                    pending.append((kid, page))
        return [" ".join(" ".join(parts).split()) for parts in texts]  # a line's end drops its space


def _actual_texts(page: pikepdf.Page) -> dict[int, str]:
    """MCID -> the /ActualText of that marked content, on one page."""
    found = {}
    for instruction in pikepdf.parse_content_stream(page, "BDC"):
        properties = instruction.operands[1]
        if isinstance(properties, Dictionary) and "/MCID" in properties and "/ActualText" in properties:
            found[int(properties.MCID)] = str(properties.ActualText)
    return found
