"""QR codes as vector SVG (segno), error correction Q or better, 4-module quiet zone."""

from __future__ import annotations

import segno

QUIET_ZONE_MODULES = 4
ERROR_LEVELS_ALLOWED = ("Q", "H")


def qr_data_uri(payload: str) -> str:
    """The code as a vector SVG data: URI, for an <img> whose alt text a screen reader reads
    (an inline <svg> would be tagged as a figure without alternative text)."""
    code = segno.make_qr(payload, error="q", boost_error=True)
    assert code.error in ERROR_LEVELS_ALLOWED, code.error  # segno only ever raises the level
    return code.svg_data_uri(border=QUIET_ZONE_MODULES, dark="#000", light="#fff")
