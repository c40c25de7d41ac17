"""An office sheet read back: paper size and pages, every copy's QR code readable, numbers in
order, fonts embedded, cut marks inside the printable area, the first copy tagged."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..model.diagnostics import Diagnostic
from ..model.diagnostics import error as _problem
from ..model.project import Project
from ..model.units import same_size
from ..render.impose import PRINTER_MARGIN_PT
from .material import fonts_and_glyphs, numbers_in_text
from .readback import read_back

if TYPE_CHECKING:
    from ..pipeline.derived import SheetSpec, TilesSpec


def verify_sheet(project: Project, spec: SheetSpec, path: Path) -> list[Diagnostic]:
    material = spec.material
    facts = read_back(path, decode_qr=material.qr is not None)
    if isinstance(facts, Diagnostic):
        return [facts]
    problems = [*fonts_and_glyphs(facts), *numbers_in_text(facts, project)]
    layout = spec.layout
    if len(facts.page_sizes_pt) != material.material.pages:
        problems.append(
            _problem(
                "verify.pages",
                f"{len(facts.page_sizes_pt)} page(s); a sheet of {material.material.id} has {material.material.pages}",
            )
        )
    for number, (width, height) in enumerate(facts.page_sizes_pt, start=1):
        if not same_size((width, height), layout.paper):
            problems.append(
                _problem("verify.paper", f"page {number} is {width:.1f} x {height:.1f} pt, not {material.paper} paper")
            )
    if material.qr:
        decoded = [payload for page in facts.qr_payloads for payload in page]
        good = decoded.count(material.qr.payload)
        if good != layout.copies:
            problems.append(_problem("verify.qr", f"{good} of {layout.copies} QR codes decode to {material.qr.payload}"))
    problems += marks_in_printable_area(path)
    return problems


def marks_in_printable_area(path: Path, margin: float = PRINTER_MARGIN_PT) -> list[Diagnostic]:
    """Lines drawn within 0.25 in of the paper's edge: an office printer does not print them."""
    import pdfplumber

    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            width, height = float(page.width), float(page.height)
            outside = [
                line
                for line in page.lines
                if min(line["x0"], line["top"]) < margin - 0.5
                or max(line["x1"], line["bottom"]) > min(width, height) + max(width, height) - margin + 0.5
                or line["x1"] > width - margin + 0.5
                or line["bottom"] > height - margin + 0.5
            ]
            if outside:
                found.append(
                    _problem(
                        "layout.marks-unprintable",
                        f"page {number}: {len(outside)} cut mark(s) within 0.25 in of "
                        "the paper's edge, where office printers do not print",
                    )
                )
    return found


def verify_tiles(project: Project, spec: TilesSpec, path: Path) -> list[Diagnostic]:
    """Tiles read back: one page of the office paper per sheet, each with its key, fonts
    embedded, the hotline in order on some sheet, nothing drawn in the printer's margin."""
    layout = spec.layout
    facts = read_back(path, decode_qr=False)
    if isinstance(facts, Diagnostic):
        return [facts]
    problems = [*fonts_and_glyphs(facts), *numbers_in_text(facts, project)]
    if len(facts.page_sizes_pt) != layout.sheets:
        problems.append(_problem("verify.pages", f"{len(facts.page_sizes_pt)} page(s), not {layout.sheets} sheets"))
    for number, (width, height) in enumerate(facts.page_sizes_pt, start=1):
        if not same_size((width, height), layout.paper):
            problems.append(_problem("verify.paper", f"page {number} is {width:.1f} x {height:.1f} pt, not {spec.key.place}"))
    for number in range(1, layout.sheets + 1):
        if f"Sheet {number} of {layout.sheets}," not in facts.text:
            problems.append(_problem("verify.tile-key", f"sheet {number} has no key"))
    # The sign's own drawing runs on under the clip, so its lines cannot be read back as the
    # sheet's marks: the parts and marks are checked against the printable area as laid out.
    for row in range(layout.rows):
        for column in range(layout.columns):
            x0, y0, x1, y1 = layout.visible(column, row)
            ox, oy = layout.offset(column, row)
            margin = PRINTER_MARGIN_PT - 1e-6
            if min(x0 + ox, y0 + oy) < margin or x1 + ox > layout.paper[0] - margin or y1 + oy > layout.paper[1] - margin:
                problems.append(
                    _problem("layout.marks-unprintable", f"sheet {layout.position(column, row)} runs into the margin")
                )
    return problems
