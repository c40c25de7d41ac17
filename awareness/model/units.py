"""CSS lengths as the materials declare them ("8.5in", "85mm") in points and CSS pixels."""

from __future__ import annotations

POINTS_PER_UNIT = {"in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "pt": 1.0}
PX_PER_POINT = 96 / 72


def css_length_in_points(length: str) -> float:
    unit = length[-2:]
    if unit not in POINTS_PER_UNIT:
        raise ValueError(f"unsupported length {length!r}: use in, mm, cm or pt")
    return float(length[:-2]) * POINTS_PER_UNIT[unit]


def css_length_in_px(length: str) -> float:
    return css_length_in_points(length) * PX_PER_POINT


SIZE_TOLERANCE_PT = 0.5  # two page sizes closer than this are the same paper


def same_size(size: tuple[float, float], expected: tuple[float, ...], tolerance: float = SIZE_TOLERANCE_PT) -> bool:
    """Whether a page (width, height in pt) is the expected size, within the tolerance."""
    return abs(size[0] - expected[0]) <= tolerance and abs(size[1] - expected[1]) <= tolerance
