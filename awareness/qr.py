"""QR codes as vector SVG (segno), error correction Q or better, 4-module quiet zone."""

from __future__ import annotations

import segno
from markupsafe import Markup

QUIET_ZONE_MODULES = 4
ERROR_LEVELS_ALLOWED = ("Q", "H")


def qr_svg(payload: str) -> Markup:
    """Inline SVG whose size is set by CSS (no width/height: only a viewBox)."""
    code = segno.make_qr(payload, error="q", boost_error=True)
    assert code.error in ERROR_LEVELS_ALLOWED, code.error  # segno only ever raises the level
    svg = code.svg_inline(border=QUIET_ZONE_MODULES, omitsize=True, dark="#000", light="#fff")
    return Markup(svg)
