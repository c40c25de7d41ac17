"""Sheets for office printers: a small material (wallet card, sticker, palm card) imposed
columns x rows on Letter or A4, with cut marks inside the printable area (at least 0.25 in
from the paper's edge), its backs placed so that duplex printing with a long-edge flip lines
each back up with its front. A one-sided material may lie on its side to fit more copies.

A page as large as the paper (a poster made for a print shop, with bleed and crop marks) gets
its office copy: each page trimmed to its TrimBox on paper of that size, where the paper's
edge is the cut, so no mark is needed (its safe margin keeps the text inside the printable
area)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf

from ..model.diagnostics import Location, ProjectError
from ..model.material import SheetSpec
from ..model.units import css_length_in_points, same_size
from .impose import (
    MARK_GAP_PT,
    MARK_LENGTH_PT,
    MIN_MARK_LENGTH_PT,
    PAPER_PT,
    PRINTER_MARGIN_PT,
    Placement,
    add_structure,
    form_of,
    hairlines,
    place,
    save,
    tagged_page,
)


@dataclass(frozen=True)
class SheetLayout:
    """Where each card's trim box goes on the sheet (points, origin bottom left)."""

    paper: tuple[float, float]
    card: tuple[float, float]  # trim size, as the card is designed
    bleed: float
    columns: int
    rows: int
    turned: bool = False

    @property
    def full_page(self) -> bool:
        """One copy as large as the paper: the trimmed page itself, no marks."""
        return (self.columns, self.rows) == (1, 1) and same_size(self.card, self.paper)

    @property
    def footprint(self) -> tuple[float, float]:
        """The card's trim size as it lies on the sheet."""
        return (self.card[1], self.card[0]) if self.turned else self.card

    @property
    def cell(self) -> tuple[float, float]:
        return self.footprint[0] + 2 * self.bleed, self.footprint[1] + 2 * self.bleed

    @property
    def copies(self) -> int:
        return self.columns * self.rows

    @property
    def origin(self) -> tuple[float, float]:
        """Bottom-left corner of the grid, centred on the paper."""
        return (self.paper[0] - self.columns * self.cell[0]) / 2, (self.paper[1] - self.rows * self.cell[1]) / 2

    @property
    def mark_length(self) -> float:
        """As long as the printable area beside the grid allows, up to 12 pt."""
        room = min(self.origin) - MARK_GAP_PT - PRINTER_MARGIN_PT
        return min(MARK_LENGTH_PT, room)

    def front(self, column: int, row: int) -> Placement:
        """The trim origin of the front in this column and row (row 0 at the top)."""
        x0, y0 = self.origin
        return Placement(
            x0 + column * self.cell[0] + self.bleed, y0 + (self.rows - 1 - row) * self.cell[1] + self.bleed, self.turned
        )

    def back(self, column: int, row: int) -> Placement:
        """The back of that card: mirrored left to right, as a long-edge flip turns the sheet."""
        return self.front(self.columns - 1 - column, row)

    def placements(self, side: int) -> list[Placement]:
        where = self.front if side == 0 else self.back
        return [where(column, row) for row in range(self.rows) for column in range(self.columns)]


def sheet_layout(
    spec: SheetSpec | None,
    paper: str,
    card_size: tuple[str, str],
    bleed: str | None,
    two_sided: bool,
    where: Location,
    label: str,
) -> SheetLayout:
    """The layout with room for cut marks in the printable area, or a ProjectError naming the
    setting that makes it impossible. Without a declared grid, the one with the most copies."""
    card = (css_length_in_points(card_size[0]), css_length_in_points(card_size[1]))
    bleed_pt = css_length_in_points(bleed) if bleed else 0.0
    paper_pt = PAPER_PT[paper]
    whole = SheetLayout(paper_pt, card, bleed_pt, 1, 1)
    if spec is None and whole.full_page:
        return whole
    options = [(spec.columns, spec.rows, False)] if spec else []
    if not spec or not _fits(SheetLayout(paper_pt, card, bleed_pt, spec.columns, spec.rows)):
        options += _grids(paper_pt, card, bleed_pt, turned=False) + (
            [] if two_sided else _grids(paper_pt, card, bleed_pt, turned=True)
        )
    fitting = [
        SheetLayout(paper_pt, card, bleed_pt, columns, rows, turned)
        for columns, rows, turned in options
        if columns and rows and _fits(SheetLayout(paper_pt, card, bleed_pt, columns, rows, turned))
    ]
    if spec and fitting and (fitting[0].columns, fitting[0].rows) == (spec.columns, spec.rows) and not fitting[0].turned:
        return fitting[0]
    if not fitting:
        layout = SheetLayout(paper_pt, card, bleed_pt, spec.columns if spec else 1, spec.rows if spec else 1)
        needed = (layout.columns * layout.cell[0], layout.rows * layout.cell[1])
        cause = f"with a bleed of {bleed} around each card " if bleed else ""
        room = (
            paper_pt[0] - 2 * (PRINTER_MARGIN_PT + MARK_GAP_PT + MIN_MARK_LENGTH_PT),
            paper_pt[1] - 2 * (PRINTER_MARGIN_PT + MARK_GAP_PT + MIN_MARK_LENGTH_PT),
        )
        raise ProjectError.of(
            "sheet.does-not-fit",
            f"{label}: a {layout.columns} x {layout.rows} sheet of {' x '.join(card_size)} "
            f"cards {cause}needs {needed[0] / 72:.2f} x {needed[1] / 72:.2f} in, but {paper} paper leaves "
            f"{room[0] / 72:.2f} x {room[1] / 72:.2f} in inside its 0.25 in printer margins and the cut marks",
            where,
        )
    return max(fitting, key=lambda layout: (layout.copies, not layout.turned))


def _grids(paper: tuple[float, float], card: tuple[float, float], bleed: float, turned: bool) -> list[tuple[int, int, bool]]:
    width, height = (card[1], card[0]) if turned else card
    room = (
        paper[0] - 2 * (PRINTER_MARGIN_PT + MARK_GAP_PT + MIN_MARK_LENGTH_PT),
        paper[1] - 2 * (PRINTER_MARGIN_PT + MARK_GAP_PT + MIN_MARK_LENGTH_PT),
    )
    return [(int(room[0] // (width + 2 * bleed)), int(room[1] // (height + 2 * bleed)), turned)]


def _fits(layout: SheetLayout) -> bool:
    return layout.full_page or layout.mark_length >= MIN_MARK_LENGTH_PT - 1e-6


def impose_sheet(card_pdf: bytes, layout: SheetLayout, alt_texts: list[str], language: str) -> bytes:
    """The sheet: page 1 fronts, page 2 backs (for a two-sided material). Its title is the
    card's own (in the card's language), with the number of copies."""
    card = pikepdf.open(io.BytesIO(card_pdf))
    title = str(card.docinfo.get("/Title", "")) + ("" if layout.full_page else f" ({layout.copies})")
    if len(card.pages) not in (1, 2) and not layout.full_page:
        raise ProjectError.of(
            "sheet.pages", f"a sheet takes a one-sided or two-sided material; this one has {len(card.pages)} pages"
        )
    sheet = pikepdf.new()
    figures = []
    trim = [float(value) for value in card.pages[0].obj.get("/TrimBox", card.pages[0].obj.MediaBox)]
    for side in range(len(card.pages)):
        form = form_of(sheet, card, side)
        placements = layout.placements(side)
        drawn = [place("Card", at, layout.card, (trim[0], trim[1])) for at in placements]
        tagged_page(sheet, layout.paper, {"Card": form}, drawn[0], b"".join(drawn[1:]), hairlines(cut_marks(layout)))
        first = placements[0]
        width, height = layout.footprint
        figures.append((side, alt_texts[side], language, [first.x, first.y, first.x + width, first.y + height]))
    add_structure(sheet, figures, language, title)
    return save(sheet)


def cut_marks(layout: SheetLayout) -> list[tuple[float, float, float, float]]:
    """Hairlines outside the grid at every cut: the trim edges of the columns and rows."""
    if layout.full_page:
        return []
    x0, y0 = layout.origin
    width, height = layout.columns * layout.cell[0], layout.rows * layout.cell[1]
    length = layout.mark_length
    xs = sorted(
        {x0 + c * layout.cell[0] + layout.bleed + edge for c in range(layout.columns) for edge in (0, layout.footprint[0])}
    )
    ys = sorted({y0 + r * layout.cell[1] + layout.bleed + edge for r in range(layout.rows) for edge in (0, layout.footprint[1])})
    lines = []
    for x in xs:
        lines += [
            (x, y0 - MARK_GAP_PT, x, y0 - MARK_GAP_PT - length),
            (x, y0 + height + MARK_GAP_PT, x, y0 + height + MARK_GAP_PT + length),
        ]
    for y in ys:
        lines += [
            (x0 - MARK_GAP_PT, y, x0 - MARK_GAP_PT - length, y),
            (x0 + width + MARK_GAP_PT, y, x0 + width + MARK_GAP_PT + length, y),
        ]
    return lines
