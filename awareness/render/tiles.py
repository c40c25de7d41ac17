"""Tiles: a large sign (tabloid, A3) printed on office paper (Letter, A4) in a grid of sheets,
each with an overlap strip to glue under its neighbour, trim lines where the neighbour's edge
goes, alignment crosses at the cell corners, and a key ("sheet 2 of 4, top right", beside a
small map of the grid with the sheet's cell filled, which needs no words), all inside the
printable area (0.25 in from the paper's edge).

The key is laid out by WeasyPrint (so its font is embedded and it is tagged text); each sheet's
part of the sign is the sign's page as a form XObject, clipped, in vector. The first sheet's
part is a tagged Figure whose alternative text is the whole sign's text, in its language; the
other parts and the marks are artifacts, so a screen reader reads the sign once."""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Dictionary, Name

from ..model.diagnostics import Location, ProjectError
from .impose import PAPER_PT, PRINTER_MARGIN_PT, figure_element, form_of, hairlines, save

OVERLAP_PT = 36.0  # 0.5 in to glue under the next sheet
KEY_HEIGHT_PT = 30.0  # the key's strip at the foot of the sheet
MAX_SHEETS_PER_SIDE = 4
CROSS_PT = 6.0
MAP_CELL_PT = 11.0  # the key's map of the grid: height of one cell at most


@dataclass(frozen=True)
class TileLayout:
    sign: tuple[float, float]  # trim size of the sign, pt
    paper: tuple[float, float]
    columns: int
    rows: int

    @property
    def cell(self) -> tuple[float, float]:
        return self.sign[0] / self.columns, self.sign[1] / self.rows

    @property
    def sheets(self) -> int:
        return self.columns * self.rows

    def visible(self, column: int, row: int) -> tuple[float, float, float, float]:
        """The part of the sign (sign coordinates, origin bottom left; row 0 at the top) that
        sheet (column, row) prints: its cell and the overlap onto each neighbour."""
        width, height = self.cell
        x0, x1 = column * width, (column + 1) * width
        y1 = self.sign[1] - row * height
        y0 = y1 - height
        return (
            x0 - (OVERLAP_PT if column > 0 else 0),
            y0 - (OVERLAP_PT if row < self.rows - 1 else 0),
            x1 + (OVERLAP_PT if column < self.columns - 1 else 0),
            y1 + (OVERLAP_PT if row > 0 else 0),
        )

    def offset(self, column: int, row: int) -> tuple[float, float]:
        """Where the sign's origin lies on the paper for that sheet: the visible part centred
        in the printable area above the key."""
        x0, y0, x1, y1 = self.visible(column, row)
        area_x0, area_y0 = PRINTER_MARGIN_PT, PRINTER_MARGIN_PT + KEY_HEIGHT_PT
        area_w = self.paper[0] - 2 * PRINTER_MARGIN_PT
        area_h = self.paper[1] - 2 * PRINTER_MARGIN_PT - KEY_HEIGHT_PT
        return area_x0 + (area_w - (x1 - x0)) / 2 - x0, area_y0 + (area_h - (y1 - y0)) / 2 - y0

    def position(self, column: int, row: int) -> str:
        vertical = "top" if row == 0 else "bottom" if row == self.rows - 1 else f"row {row + 1}"
        horizontal = "left" if column == 0 else "right" if column == self.columns - 1 else f"column {column + 1}"
        if self.rows == 1:
            return horizontal
        if self.columns == 1:
            return vertical
        return f"{vertical} {horizontal}"


def tile_layout(sign: tuple[float, float], paper: str, where: Location, label: str) -> TileLayout:
    """The grid with the fewest sheets whose parts (with overlaps) fit the printable area, or
    a ProjectError naming the material."""
    paper_pt = PAPER_PT[paper]
    room = (paper_pt[0] - 2 * PRINTER_MARGIN_PT, paper_pt[1] - 2 * PRINTER_MARGIN_PT - KEY_HEIGHT_PT)
    options = []
    for columns in range(1, MAX_SHEETS_PER_SIDE + 1):
        for rows in range(1, MAX_SHEETS_PER_SIDE + 1):
            layout = TileLayout(sign, paper_pt, columns, rows)
            width = layout.cell[0] + (OVERLAP_PT * min(2, columns - 1))
            height = layout.cell[1] + (OVERLAP_PT * min(2, rows - 1))
            if width <= room[0] + 1e-6 and height <= room[1] + 1e-6:
                options.append(layout)
    if not options:
        raise ProjectError.of(
            "tiles.does-not-fit",
            f"{label}: a {sign[0] / 72:.2f} x {sign[1] / 72:.2f} in sign does not fit on {MAX_SHEETS_PER_SIDE} x "
            f"{MAX_SHEETS_PER_SIDE} sheets of {paper} paper with {OVERLAP_PT / 72:.1f} in overlaps "
            f"(each sheet prints {room[0] / 72:.2f} x {room[1] / 72:.2f} in)",
            where,
        )
    return min(options, key=lambda layout: (layout.sheets, layout.rows))


def key_html(layout: TileLayout, title: str, language: str, paper: str) -> str:
    """One page per sheet with its key at the foot, in the sign's language tag for the title,
    isolated (FSI ... PDI) so that a right-to-left title does not carry the key's punctuation."""
    pages = []
    number = 0
    for row in range(layout.rows):
        for column in range(layout.columns):
            number += 1
            pages.append(
                f'<section><div class="key">{_grid_map(layout, column, row)}<p>Sheet {number} of {layout.sheets}, '
                f'{layout.position(column, row)}: <span lang="{html.escape(language)}">\u2068{html.escape(title)}\u2069</span>. '
                "Trim on the lines; glue over the next sheet's edge; match the crosses.</p></div></section>"
            )
    width, height = (value / 72 for value in PAPER_PT[paper])
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} (tiles)</title>'
        f"<style>@page {{ size: {width:.4f}in {height:.4f}in; margin: 0 }}"
        "body { margin: 0; font: 8pt 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Devanagari', 'Noto Sans Thai', "
        "'Noto Sans CJK SC', sans-serif; }"
        f"section {{ height: {height:.4f}in; position: relative; break-after: page; }}"
        f".key {{ position: absolute; left: {PRINTER_MARGIN_PT}pt; right: {PRINTER_MARGIN_PT}pt; "
        f"bottom: {PRINTER_MARGIN_PT}pt; display: flex; align-items: flex-end; }}"
        ".key p { margin: 0 0 0 6pt; } .map { flex: none; }"
        f"</style></head><body>{''.join(pages)}</body></html>"
    )


def _grid_map(layout: TileLayout, column: int, row: int) -> str:
    """A small map of the grid with this sheet's cell filled: where it goes, in any language."""
    height = min(MAP_CELL_PT, (KEY_HEIGHT_PT - 4) / layout.rows)
    width = height * layout.cell[0] / layout.cell[1]
    cells = "".join(
        f'<rect x="{c * width + 0.5:.2f}" y="{r * height + 0.5:.2f}" width="{width - 1:.2f}" height="{height - 1:.2f}" '
        f'fill="{"#000" if (c, r) == (column, row) else "none"}" stroke="#000" stroke-width="0.5"/>'
        for r in range(layout.rows)
        for c in range(layout.columns)
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {layout.columns * width:.2f} {layout.rows * height:.2f}">'
        f"{cells}</svg>"
    )
    # A background, so the map is an artifact: the key's words say the same to a screen reader.
    return (
        f'<div class="map" style="width: {layout.columns * width:.2f}pt; height: {layout.rows * height:.2f}pt; '
        f"background: url('data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}') no-repeat; "
        f'background-size: 100% 100%"></div>'
    )


def impose_tiles(sign_pdf: bytes, key_pdf: bytes, layout: TileLayout, alt_text: str, language: str) -> bytes:
    """The key pages with the sign's parts drawn on them: the first a Figure, the rest artifacts."""
    sign = pikepdf.open(io.BytesIO(sign_pdf))
    sheets = pikepdf.open(io.BytesIO(key_pdf))
    if len(sheets.pages) != layout.sheets:
        raise ProjectError.of("tiles.pages", f"the key came out on {len(sheets.pages)} pages, not {layout.sheets}")
    form = form_of(sheets, sign, 0)
    trim = [float(value) for value in sign.pages[0].obj.get("/TrimBox", sign.pages[0].obj.MediaBox)]
    index = 0
    for row in range(layout.rows):
        for column in range(layout.columns):
            page = sheets.pages[index]
            index += 1
            ox, oy = layout.offset(column, row)
            x0, y0, x1, y1 = layout.visible(column, row)
            drawing = (
                f"q {x0 + ox:.3f} {y0 + oy:.3f} {x1 - x0:.3f} {y1 - y0:.3f} re W n "
                f"1 0 0 1 {ox - trim[0]:.3f} {oy - trim[1]:.3f} cm /Tile Do Q\n"
            ).encode()
            marks = b"/Artifact BMC\n" + hairlines(_marks(layout, column, row, ox, oy)) + b"EMC\n"
            if index == 1:
                bbox = [x0 + ox, y0 + oy, x1 + ox, y1 + oy]
                mcid = _add_figure(sheets, page, alt_text, language, bbox)
                content = f"/Figure <</MCID {mcid}>> BDC\n".encode() + drawing + b"EMC\n" + marks
            else:
                content = b"/Artifact BMC\n" + drawing + b"EMC\n" + marks
            resources = page.obj.get("/Resources")
            if resources is None:
                page.obj.Resources = resources = Dictionary()
            if "/XObject" not in resources:
                resources.XObject = Dictionary()
            resources.XObject[Name.Tile] = form
            page.contents_add(sheets.make_stream(content), prepend=True)
    return save(sheets)


def _add_figure(pdf: pikepdf.Pdf, page: pikepdf.Page, alt_text: str, language: str, bbox: list[float]) -> int:
    """A Figure after the first section of WeasyPrint's structure tree (the first sheet's key),
    on the page's next MCID; returns that MCID."""
    root = pdf.Root.StructTreeRoot
    document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
    section = document.K[0]
    nums = root.ParentTree.Nums
    index = int(page.obj.StructParents)
    marked = next(nums[i + 1] for i in range(0, len(nums), 2) if int(nums[i]) == index)
    figure = figure_element(pdf, section, page, len(marked), alt_text, language, bbox)
    section.K.append(figure)
    marked.append(figure)
    return len(marked) - 1


def _marks(layout: TileLayout, column: int, row: int, ox: float, oy: float) -> list[tuple[float, float, float, float]]:
    """Trim lines at the cell's edges that a neighbour overlaps, and crosses at its corners."""
    width, height = layout.cell
    x0, y0, x1, y1 = layout.visible(column, row)
    cx0, cx1 = column * width, (column + 1) * width
    cy1 = layout.sign[1] - row * height
    cy0 = cy1 - height
    lines = []
    if column > 0:
        lines.append((cx0 + ox, y0 + oy, cx0 + ox, y1 + oy))
    if column < layout.columns - 1:
        lines.append((cx1 + ox, y0 + oy, cx1 + ox, y1 + oy))
    if row > 0:
        lines.append((x0 + ox, cy1 + oy, x1 + ox, cy1 + oy))
    if row < layout.rows - 1:
        lines.append((x0 + ox, cy0 + oy, x1 + ox, cy0 + oy))
    for x in (cx0, cx1):
        for y in (cy0, cy1):
            px, py = x + ox, y + oy
            lines += [(px - CROSS_PT, py, px + CROSS_PT, py), (px, py - CROSS_PT, px, py + CROSS_PT)]
    return lines
