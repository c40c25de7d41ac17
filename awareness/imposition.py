"""Sheets for office printers: a small two-sided material (wallet card, sticker) imposed
columns x rows on Letter or A4, with cut marks, its backs placed so that duplex printing
with a long-edge flip lines each back up with its front. Vector throughout: each card
page is placed as it is, never rasterised."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_write_bytes
from .errors import Location, ProjectError
from .model import SheetSpec
from .units import css_length_in_points

PAPER_PT = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
PRINTER_MARGIN_PT = 18.0  # 0.25 in: what most office printers cannot print on
MARK_LENGTH_PT = 12.0
MARK_GAP_PT = 3.0


@dataclass(frozen=True)
class SheetLayout:
    """Where each card's trim box goes on the sheet (points, origin bottom left)."""

    paper: tuple[float, float]
    card: tuple[float, float]
    bleed: float
    columns: int
    rows: int

    @property
    def cell(self) -> tuple[float, float]:
        return self.card[0] + 2 * self.bleed, self.card[1] + 2 * self.bleed

    @property
    def origin(self) -> tuple[float, float]:
        """Bottom-left corner of the grid, centred on the paper."""
        return ((self.paper[0] - self.columns * self.cell[0]) / 2, (self.paper[1] - self.rows * self.cell[1]) / 2)

    def front(self, column: int, row: int) -> tuple[float, float]:
        """Trim origin of the front in this column and row (row 0 at the top)."""
        x0, y0 = self.origin
        return x0 + column * self.cell[0] + self.bleed, y0 + (self.rows - 1 - row) * self.cell[1] + self.bleed

    def back(self, column: int, row: int) -> tuple[float, float]:
        """The back of that card: mirrored left to right, as a long-edge flip turns the sheet."""
        return self.front(self.columns - 1 - column, row)


def sheet_layout(spec: SheetSpec, paper: str, card_size: tuple[str, str], bleed: str | None, where: str) -> SheetLayout:
    """The layout, or a ProjectError naming the setting that makes it impossible."""
    layout = SheetLayout(PAPER_PT[paper], tuple(css_length_in_points(length) for length in card_size),
                         css_length_in_points(bleed) if bleed else 0.0, spec.columns, spec.rows)
    needed = (spec.columns * layout.cell[0], spec.rows * layout.cell[1])
    room = (layout.paper[0] - 2 * PRINTER_MARGIN_PT, layout.paper[1] - 2 * PRINTER_MARGIN_PT)
    if needed[0] > room[0] + 0.01 or needed[1] > room[1] + 0.01:
        cause = f"with a bleed of {bleed} around each card " if bleed else ""
        raise ProjectError(
            f"{where}: a {spec.columns} x {spec.rows} sheet of {' x '.join(card_size)} cards {cause}needs "
            f"{needed[0] / 72:.2f} x {needed[1] / 72:.2f} in, but {paper} paper leaves "
            f"{room[0] / 72:.2f} x {room[1] / 72:.2f} in inside its 0.25 in printer margins")
    return layout


def sheet_path(card_path: Path) -> Path:
    return card_path.with_name(f"{card_path.stem}-sheet.pdf")


def impose(card_pdf: bytes, layout: SheetLayout, target: Path) -> bytes:
    """Write the sheet (page 1: fronts; page 2: backs, for a two-sided material) atomically;
    returns its bytes."""
    from pypdf import PdfReader, PdfWriter, Transformation

    card = PdfReader(io.BytesIO(card_pdf))
    if len(card.pages) not in (1, 2):
        raise ProjectError(f"a sheet takes a one-sided or two-sided material, this one has {len(card.pages)} pages",
                           Location(target))
    writer = PdfWriter()
    for side, place in list(zip(card.pages, (layout.front, layout.back))):
        sheet = _marked_page(writer, layout)
        for row in range(layout.rows):
            for column in range(layout.columns):
                x, y = place(column, row)
                sheet.merge_transformed_page(side, Transformation().translate(x, y))
    buffer = io.BytesIO()
    writer.write(buffer)
    atomic_write_bytes(target, buffer.getvalue())
    return buffer.getvalue()


def _marked_page(writer, layout: SheetLayout):
    from pypdf.generic import DecodedStreamObject, NameObject

    page = writer.add_blank_page(*layout.paper)
    marks = DecodedStreamObject()
    marks.set_data(_cut_marks(layout).encode())
    page[NameObject("/Contents")] = writer._add_object(marks)
    return page


def _cut_marks(layout: SheetLayout) -> str:
    """Hairlines outside the grid at every cut: the trim edges of the columns and rows."""
    x0, y0 = layout.origin
    width, height = layout.columns * layout.cell[0], layout.rows * layout.cell[1]
    xs = sorted({x0 + c * layout.cell[0] + layout.bleed + edge for c in range(layout.columns) for edge in (0, layout.card[0])})
    ys = sorted({y0 + r * layout.cell[1] + layout.bleed + edge for r in range(layout.rows) for edge in (0, layout.card[1])})
    lines = []
    for x in xs:
        lines += [(x, y0 - MARK_GAP_PT, x, y0 - MARK_GAP_PT - MARK_LENGTH_PT),
                  (x, y0 + height + MARK_GAP_PT, x, y0 + height + MARK_GAP_PT + MARK_LENGTH_PT)]
    for y in ys:
        lines += [(x0 - MARK_GAP_PT, y, x0 - MARK_GAP_PT - MARK_LENGTH_PT, y),
                  (x0 + width + MARK_GAP_PT, y, x0 + width + MARK_GAP_PT + MARK_LENGTH_PT, y)]
    strokes = "\n".join(f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l S" for a, b, c, d in lines)
    return f"q 0.25 w 0 G\n{strokes}\nQ\n"
