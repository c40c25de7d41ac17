"""A site's checklist read back: Letter pages, every law of the site's plan named, its citation
printed, fonts embedded, no glyph missing, no known-bad number in any form."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..model.diagnostics import Diagnostic
from ..model.diagnostics import error as _problem
from ..model.project import Project
from ..model.units import same_size
from ..text.numbers import normalise
from .material import fonts_and_glyphs
from .readback import read_back

if TYPE_CHECKING:
    from ..laws.checklist import ChecklistSpec

LETTER_PT = (612.0, 792.0)


def verify_checklist(project: Project, spec: ChecklistSpec, path: Path) -> list[Diagnostic]:
    facts = read_back(path, decode_qr=False)
    if isinstance(facts, Diagnostic):
        return [facts]
    problems = [*fonts_and_glyphs(facts)]
    for width, height in facts.trim_sizes_pt:
        if not same_size((width, height), LETTER_PT):
            problems.append(
                _problem("checklist.page", f"page of {width / 72:.2f} x {height / 72:.2f} in; a checklist is US Letter")
            )
    text = _squeezed(facts.text)
    for row in spec.rows:
        for shown in (row.requirement.title, row.requirement.citation):
            if _squeezed(shown) not in text:
                problems.append(
                    _problem("checklist.law-missing", f"{shown!r} ({row.requirement.law_id}) is not on the checklist")
                )
        for file in row.files:
            if _squeezed(file) not in text:
                problems.append(_problem("checklist.file-missing", f"the checklist does not name {file}"))
    for line in facts.visual_lines:
        digits = "".join(char for char in normalise(line) if char.isdigit())
        problems += [
            _problem("number.known-bad", f"known wrong number {bad.form} printed; the correct number is {bad.correct}")
            for bad in project.known_bad
            if any(pattern in digits for pattern in bad.patterns)
        ]
    return problems


def _squeezed(text: str) -> str:
    """Text without whitespace or soft hyphens: a name may wrap anywhere in a table cell."""
    return "".join("-" if char in "\ufffe\u2010\u2011" else char for char in text if not char.isspace() and char != "\u00ad")
