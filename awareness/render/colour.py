"""Colour for print: a partner's PNG logo converted to CMYK through the output profile, so that
a PDF/X file carries no RGB image."""

from __future__ import annotations

import io
from pathlib import Path


def png_to_cmyk_jpeg(data: bytes, profile: Path | None) -> bytes:
    """The PNG as a CMYK JPEG (quality 95), transparent parts on white paper."""
    from PIL import Image, ImageCms

    with Image.open(io.BytesIO(data)) as image:
        rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.split()[3])
    if profile is not None:
        srgb = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(flat, srgb, ImageCms.getOpenProfile(str(profile)), outputMode="CMYK")
        assert converted is not None  # None only when converting in place
        cmyk = converted
    else:
        cmyk = flat.convert("CMYK")
    buffer = io.BytesIO()
    cmyk.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()
