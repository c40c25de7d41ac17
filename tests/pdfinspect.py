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
