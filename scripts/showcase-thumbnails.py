#!/usr/bin/env python3
"""The README's picture of what the tool makes: the poster and the wallet card (front) in English,
Arabic, Chinese and Hindi, side by side, rendered from a fresh build of the showcase campaign.

    .venv/bin/python scripts/showcase-thumbnails.py      # writes docs/showcase.png
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "showcase.png"
LANGUAGES = ("en", "ar", "zh-Hans", "hi")
ROW_HEIGHT = {"poster": 420, "wallet_card": 170}  # pixels: a poster row, a card row
GAP = 16


def page_image(pdf: Path, height: int) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=height / page.get_height()).to_pil().convert("RGB")
    finally:
        document.close()
    return image


def main() -> int:
    with tempfile.TemporaryDirectory() as out:
        build = [sys.executable, "make_materials.py", "build", "--campaign", "showcase", "--material", "poster", "--material", "wallet_card"]
        run = subprocess.run([*build, "--out", out], cwd=ROOT, capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            return 1
        rows = []
        for material, height in ROW_HEIGHT.items():
            found = [Path(out) / "showcase" / "us" / tag / f"{material}.pdf" for tag in LANGUAGES]
            rows.append([page_image(pdf, height) for pdf in found])
    width = max(sum(image.width for image in row) + GAP * (len(row) + 1) for row in rows)
    height = sum(row[0].height for row in rows) + GAP * (len(rows) + 1)
    sheet = Image.new("RGB", (width, height), "white")
    y = GAP
    for row in rows:
        x = GAP
        for image in row:
            sheet.paste(image, (x, y))
            x += image.width + GAP
        y += row[0].height + GAP
    sheet.quantize(colors=64).save(TARGET, optimize=True)  # a palette: a third of the size, same look
    print(f"{TARGET.relative_to(ROOT)}: {sheet.width} x {sheet.height}, {TARGET.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
