"""What the web tests share: the real project, a logo, and reading a downloaded PDF back."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader

from awareness.load.project import load_project
from awareness.model.project import Project
from awareness.verify.readback import digits_only, read_pdf

from .conftest import PROJECT_ROOT


@cache
def real_project() -> Project:
    return load_project(PROJECT_ROOT)


def png_logo(colour: str = "#1d4ed8") -> bytes:
    image = Image.new("RGB", (240, 80), colour)
    ImageDraw.Draw(image).ellipse((10, 10, 70, 70), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def check_read_back(path: Path, language: str, region: str = "us") -> None:
    """The PDF says which language it is in, and prints its region's hotline in order."""
    project = real_project()
    number = project.hotlines[project.regions[region].hotline].phone
    pdf = read_pdf(path, decode_qr=False)
    assert pdf.language == language
    assert any(number.short in line for line in pdf.visual_lines), pdf.visual_lines
    assert digits_only(number.short) in digits_only(pdf.text)


def images_on_pages(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)
