"""Visual regression: a coarse grey picture of every page of the showcase campaign (every
material in five scripts), kept as text in tests/visual_references.json and compared with a
tolerance, so that a design change (a moved number, a band that went missing, a page that
reflowed) is seen, while a changed word is not.

Each page is reduced to WIDTH cells across (height in proportion), each cell's grey
quantised to 16 levels and written as one hex digit per cell, one string per row.

Refresh the references after a deliberate design change, and look at what changed first:

    make visual-refresh      # = .venv/bin/python -m tests.visual --refresh
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

REFERENCES = Path(__file__).with_name("visual_references.json")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
WIDTH = 32
LEVELS = 16
CELL_TOLERANCE = 3  # levels of 16: a cell counts as changed when its grey moved more than this
CHANGED_LIMIT = 0.04  # the share of a page's cells that may change


def fingerprint(pdf: Path) -> list[list[str]]:
    """Every page of a PDF as rows of hex digits (one per cell, 0 black to f white)."""
    pages = []
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=96 / 72, grayscale=True).to_pil().convert("L")
            height = max(1, round(WIDTH * image.height / image.width))
            small = image.resize((WIDTH, height), Image.Resampling.BOX)
            pixels = small.load()
            pages.append(["".join(f"{pixels[x, y] * LEVELS // 256:x}" for x in range(WIDTH)) for y in range(height)])
    finally:
        document.close()
    return pages


def changed_share(reference: list[str], found: list[str]) -> float:
    """The share of cells whose grey moved beyond the tolerance (1.0 when the shapes differ)."""
    if len(reference) != len(found) or any(len(a) != len(b) for a, b in zip(reference, found, strict=False)):
        return 1.0
    cells = sum(len(row) for row in reference)
    changed = sum(
        1
        for row_a, row_b in zip(reference, found, strict=False)
        for a, b in zip(row_a, row_b, strict=False)
        if abs(int(a, 16) - int(b, 16)) > CELL_TOLERANCE
    )
    return changed / cells


def fingerprints(campaign_dir: Path) -> dict[str, list[list[str]]]:
    """Every PDF of a built campaign folder, by its path inside it."""
    return {str(path.relative_to(campaign_dir)): fingerprint(path) for path in sorted(campaign_dir.rglob("*.pdf"))}


def refresh() -> int:
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run(
            [sys.executable, "make_materials.py", "build", "--campaign", "showcase", "--out", out],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            return 1
        found = fingerprints(Path(out) / "showcase")
    REFERENCES.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{REFERENCES.relative_to(PROJECT_ROOT)}: {len(found)} PDFs, {sum(map(len, found.values()))} pages")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--refresh", action="store_true", help="rebuild the showcase and rewrite the references")
    if parser.parse_args().refresh:
        sys.exit(refresh())
    parser.print_help()
