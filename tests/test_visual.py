"""Visual regression: every page of the showcase campaign compared with its reference picture
(tests/visual.py explains the fingerprint; `make visual-refresh` rewrites the references after a
deliberate design change)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .visual import CHANGED_LIMIT, REFERENCES, changed_share, fingerprint, fingerprints

pytestmark = pytest.mark.slow


def _references() -> dict[str, list[list[str]]]:
    return json.loads(REFERENCES.read_text(encoding="utf-8"))


def test_every_showcase_pdf_has_a_reference_and_no_page_moved(showcase: Path) -> None:
    campaign = showcase.parent
    references = _references()
    found = fingerprints(campaign)
    assert sorted(found) == sorted(references), "PDFs added or gone: run `make visual-refresh` and look at them"
    moved = [
        f"{name} page {index + 1}: {share:.0%} of the page changed"
        for name, pages in found.items()
        for index, (page, reference) in enumerate(zip(pages, references[name], strict=False))
        if (share := changed_share(reference, page)) > CHANGED_LIMIT
    ]
    page_counts = [name for name, pages in found.items() if len(pages) != len(references[name])]
    assert not moved and not page_counts, "\n".join(moved + [f"{name}: page count changed" for name in page_counts])


def test_the_comparison_sees_a_moved_number(showcase: Path, tmp_path: Path) -> None:
    """The same page with its top half blanked must count as changed: the test can fail."""
    import pikepdf

    source = next(showcase.rglob("poster*.pdf"))
    damaged = tmp_path / "damaged.pdf"
    with pikepdf.open(source) as pdf:
        page = pdf.pages[0]
        width, height = float(page.mediabox[2]), float(page.mediabox[3])
        cover = f"q 1 1 1 rg 0 {height / 2:.1f} {width:.1f} {height / 2:.1f} re f Q".encode()
        page.contents_add(pdf.make_stream(cover), prepend=False)
        pdf.save(damaged)
    assert changed_share(fingerprint(source)[0], fingerprint(damaged)[0]) > CHANGED_LIMIT
