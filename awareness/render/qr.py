"""QR codes as vector SVG (segno), error correction Q or better, sized in print.

The symbol is drawn at the size the material asks for (at least 20 mm on its side, so that a
worn card still scans); its quiet zone of four modules is white padding around it, so that the
code also scans on a coloured band.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import lru_cache

import segno

from ..model.units import css_length_in_points

QUIET_ZONE_MODULES = 4
ERROR_LEVELS_ALLOWED = ("Q", "H")
MIN_SYMBOL_MM = 20.0
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class QrImage:
    src: str  # an SVG data: URI of the symbol, without quiet zone
    modules: int  # per side
    size: str  # CSS length of the symbol
    quiet: str  # CSS length of the quiet zone (four modules)


@lru_cache(maxsize=256)
def qr_image(payload: str, size: str, colour: str = "#000000") -> QrImage:
    """The code for `payload`, `size` on its side, dark modules in `colour` (any CSS colour,
    device-cmyk() included: segno writes #000, which is then replaced)."""
    code = segno.make_qr(payload, error="q", boost_error=True)
    assert code.error in ERROR_LEVELS_ALLOWED, code.error  # segno only ever raises the level
    modules = int(code.symbol_size(scale=1, border=0)[0])
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, svgns=True, nl=False, border=0, dark="#000", light=None)
    # The path is stroked; its fill is set too (to none), or the renderer paints SVG's default
    # black fill in RGB, which a PDF/X file must not hold.
    svg = buffer.getvalue().decode().replace('stroke="#000"', f'stroke="{colour}" fill="none"')
    points = css_length_in_points(size)
    quiet = f"{points * QUIET_ZONE_MODULES / modules:.2f}pt"
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return QrImage(uri, modules, size, quiet)


def symbol_mm(size: str) -> float:
    return css_length_in_points(size) / PT_PER_MM
