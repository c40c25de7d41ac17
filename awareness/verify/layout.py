"""What a reader sees, read off the PDF: filled in with the design system (issue 12)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .readback import PdfFacts

if TYPE_CHECKING:
    from ..pipeline.resolve import MaterialSpec


def layout_problems(facts: PdfFacts, spec: MaterialSpec) -> list[tuple[str, str]]:
    return []
