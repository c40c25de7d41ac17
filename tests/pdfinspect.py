"""Reading PDFs back with pikepdf the way a print shop's preflight does: every colour set in
every content stream (pages, forms, tiling patterns), every image's colour space, text with
its fill colour and size. Independent of the engine: nothing here imports awareness."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Name

RGB_FAMILIES = ("/DeviceRGB", "/RGB", "/CalRGB")


@dataclass
class Colours:
    """What a PDF paints with: each (where, what) found."""

    spaces: set[tuple[str, str]] = field(default_factory=set)  # ("p1>Fm0", "RGB" | "CMYK" | "Gray" ...)
    texts: list[tuple[str, float, tuple[float, ...]]] = field(default_factory=list)  # (where, size pt, fill CMYK or ())

    @property
    def rgb(self) -> set[tuple[str, str]]:
        return {(where, what) for where, what in self.spaces if "RGB" in what}


def space_kind(space: object, resources: pikepdf.Dictionary | None) -> str:
    """RGB, CMYK, Gray, Pattern or Lab, looking through named, ICC, indexed and separation spaces."""
    if isinstance(space, Name):
        name = str(space)
        if name in RGB_FAMILIES:
            return "RGB"
        if name in ("/DeviceCMYK", "/CMYK"):
            return "CMYK"
        if name in ("/DeviceGray", "/G"):
            return "Gray"
        if name == "/Pattern":
            return "Pattern"
        named = resources.get("/ColorSpace", {}) if resources is not None else {}
        return space_kind(named[name], resources) if name in named else f"unknown {name}"
    if isinstance(space, pikepdf.Array):
        family = str(space[0])
        if family == "/ICCBased":
            return {1: "Gray", 3: "RGB (ICC)", 4: "CMYK"}.get(int(space[1].get("/N", 0)), "ICC?")
        if family == "/CalRGB":
            return "RGB"
        if family == "/Indexed":
            return space_kind(space[1], resources)
        if family in ("/Separation", "/DeviceN"):
            return space_kind(space[2], resources)
        if family == "/Pattern" and len(space) > 1:
            return space_kind(space[1], resources)
        return family.lstrip("/")
    return "none"


def _multiply(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _scale(matrix: tuple[float, ...]) -> float:
    return float(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]) ** 0.5)


def colours(pdf_path: Path) -> Colours:
    found = Colours()
    with pikepdf.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            _walk(page.obj, page.obj.get("/Resources"), f"p{number}", (1, 0, 0, 1, 0, 0), found, set())
    return found


def _walk(
    holder: pikepdf.Object,
    inherited: pikepdf.Dictionary | None,
    where: str,
    ctm: tuple[float, ...],
    found: Colours,
    seen: set[tuple[int, int]],
) -> None:
    resources = holder.get("/Resources", inherited)
    stack: list[tuple[tuple[float, ...], str, tuple[float, ...]]] = []
    fill_space, fill = "Gray", (0.0,)
    font_size, text_matrix = 0.0, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    for operands, operator in pikepdf.parse_content_stream(holder):
        op = str(operator)
        if op == "q":
            stack.append((ctm, fill_space, fill))
        elif op == "Q" and stack:
            ctm, fill_space, fill = stack.pop()
        elif op == "cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        elif op in ("rg", "RG"):
            found.spaces.add((where, f"RGB ({op})"))
            fill_space, fill = ("RGB", tuple(float(v) for v in operands)) if op == "rg" else (fill_space, fill)
        elif op in ("k", "K"):
            found.spaces.add((where, "CMYK"))
            fill_space, fill = ("CMYK", tuple(float(v) for v in operands)) if op == "k" else (fill_space, fill)
        elif op in ("g", "G"):
            found.spaces.add((where, "Gray"))
            fill_space, fill = ("Gray", tuple(float(v) for v in operands)) if op == "g" else (fill_space, fill)
        elif op in ("cs", "CS"):
            kind = space_kind(operands[0], resources)
            found.spaces.add((where, kind))
            if op == "cs":
                fill_space = kind
        elif op in ("sc", "scn") and all(
            isinstance(v, (int, float, pikepdf.Object)) and not isinstance(v, Name) for v in operands
        ):
            fill = tuple(float(v) for v in operands)
        elif op == "Tf":
            font_size = float(operands[1])
        elif op == "Tm":
            text_matrix = tuple(float(v) for v in operands)
        elif op in ("Tj", "TJ", "'", '"'):
            size = font_size * _scale(text_matrix) * _scale(ctm)
            found.texts.append((where, size, fill if fill_space == "CMYK" else ()))
        elif op == "Do":
            name = str(operands[0])
            xobject = xobjects.get(name)
            if xobject is None:
                continue
            if xobject.get("/Subtype") == Name.Image:
                if xobject.get("/ImageMask"):
                    continue  # painted in the current fill colour, already seen
                found.spaces.add((f"{where}>{name}", "image " + space_kind(xobject.get("/ColorSpace"), resources)))
                if "/SMask" in xobject:
                    found.spaces.add((f"{where}>{name}", "soft mask " + space_kind(xobject.SMask.get("/ColorSpace"), resources)))
            elif xobject.get("/Subtype") == Name.Form and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                matrix = tuple(float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                _walk(xobject, resources, f"{where}>{name}", _multiply(matrix, ctm), found, seen)
        elif op == "sh":
            shading = resources.Shading[str(operands[0])]
            found.spaces.add((where, "shading " + space_kind(shading.get("/ColorSpace"), resources)))
    for name, pattern in (resources.get("/Pattern", {}) if resources is not None else {}).items():
        if int(pattern.get("/PatternType", 0)) == 1 and pattern.objgen not in seen:
            seen.add(pattern.objgen)
            _walk(pattern, resources, f"{where}>{name}", ctm, found, seen)
        elif "/Shading" in pattern:
            found.spaces.add((f"{where}>{name}", "shading " + space_kind(pattern.Shading.get("/ColorSpace"), resources)))
    for name, shading in (resources.get("/Shading", {}) if resources is not None else {}).items():
        found.spaces.add((f"{where}>{name}", "shading " + space_kind(shading.get("/ColorSpace"), resources)))


def unembedded_fonts(pdf_path: Path) -> list[str]:
    """Base names of the fonts used on any page with no font program in the file."""
    missing = []
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for font in page.obj.Resources.get("/Font", {}).values():
                descendants = font.get("/DescendantFonts")
                described = descendants[0] if descendants is not None else font
                descriptor = described.get("/FontDescriptor")
                if descriptor is None or not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.append(str(font.get("/BaseFont")))
    return missing


@dataclass(frozen=True)
class TaggedText:
    """A piece of text as a screen reader meets it in the structure tree."""

    role: str  # the structure element's type, e.g. "/H1", "/Span"
    lang: str  # its /Lang, or the nearest ancestor's, or the document's
    text: str | None  # its /ActualText, or that of its marked content; None: glyphs with neither
    source: str  # "element" or "content": where the text was found


def tag_tree_text(pdf_path: Path) -> list[TaggedText]:
    """The text of a tagged PDF in the order of its structure tree, as assistive technology
    reads it: an element's /ActualText replaces its content; otherwise each marked content it
    holds (by MCID on its page) gives the /ActualText of that content's properties. Glyphs
    drawn with neither are reported with text None, so a caller sees what a reader could not."""
    with pikepdf.open(pdf_path) as pdf:
        contents = {page.objgen: _marked_contents(page) for page in pdf.pages}
        root = pdf.Root
        found: list[TaggedText] = []
        _walk_structure(root.StructTreeRoot, str(root.get("/Lang", "")), None, contents, found)
        return found


def _marked_contents(page: pikepdf.Page) -> dict[int, tuple[str | None, bool]]:
    """MCID -> (its /ActualText or None, whether it shows text) on one page."""
    found: dict[int, tuple[str | None, bool]] = {}
    stack: list[int | None] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            mcid = None
            if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
                actual = operands[1].get("/ActualText")
                found[mcid] = (str(actual) if actual is not None else None, False)
            stack.append(mcid)
        elif name == "EMC" and stack:
            stack.pop()
        elif name in ("Tj", "TJ", "'", '"'):
            for mcid in stack:
                if mcid is not None:
                    found[mcid] = (found[mcid][0], True)
    return found


def _walk_structure(
    node: pikepdf.Object,
    lang: str,
    page: tuple[int, int] | None,
    contents: dict[tuple[int, int], dict[int, tuple[str | None, bool]]],
    found: list[TaggedText],
) -> None:
    role = str(node.get("/S", ""))
    lang = str(node.get("/Lang", lang))
    if "/Pg" in node:
        page = node.Pg.objgen
    if "/ActualText" in node:
        found.append(TaggedText(role, lang, str(node.ActualText), "element"))
        return
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, int) and page is not None:
            actual, shows_text = contents[page].get(kid, (None, False))
            if actual is not None or shows_text:
                found.append(TaggedText(role, lang, actual, "content"))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            actual, shows_text = contents[kid.Pg.objgen if "/Pg" in kid else page].get(int(kid.MCID), (None, False))
            if actual is not None or shows_text:
                found.append(TaggedText(role, lang, actual, "content"))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _walk_structure(kid, lang, page, contents, found)


@dataclass(frozen=True)
class TaggedFigure:
    page: int  # index of the page the figure is on
    bbox: tuple[float, float, float, float] | None  # its /A /BBox: PDF user space, x0 y0 x1 y1
    alt: str | None


def tagged_figures(pdf_path: Path) -> list[TaggedFigure]:
    """Every /Figure of the structure tree, in order."""
    with pikepdf.open(pdf_path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        found: list[TaggedFigure] = []

        def walk(node: pikepdf.Object, page: int | None) -> None:
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            if node.get("/S") == "/Figure" and page is not None:
                attributes = node.get("/A")
                box = attributes.get("/BBox") if isinstance(attributes, pikepdf.Dictionary) else None
                bbox = tuple(float(value) for value in box) if box is not None else None
                alt = node.get("/Alt")
                found.append(TaggedFigure(page, bbox, str(alt) if alt is not None else None))  # type: ignore[arg-type]
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid, page)

        walk(pdf.Root.StructTreeRoot, None)
        return found


def misdeclared(pieces: list[TaggedText], lang: str, english: str) -> list[str]:
    """The worded pieces declared in neither the page's language nor, for the part of `english`
    they belong to (a proof note), English. A no-break space counts as a space."""
    return [
        piece.text
        for piece in pieces
        if piece.text
        and piece.text.strip()
        and piece.lang != lang
        and not (piece.lang == "en" and " ".join(piece.text.split()) in english)
    ]
