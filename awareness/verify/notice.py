"""A statutory notice read back against its law, as the build proved it on the laid-out page:
one page, at least the law's size, no type below the law's least size (the proof note aside),
every number and address of every language's wording printed, every required line printed,
fonts embedded, the document's language, no known-bad or unknown number."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.diagnostics import Diagnostic, Severity
from ..model.project import Project
from ..model.units import css_length_in_points
from ..text.numbers import keypad_digits, typed_numbers
from .material import fonts_and_glyphs, numbers_in_text
from .readback import PdfFacts, read_pdf

if TYPE_CHECKING:
    from ..laws.notices import NoticeSpec

SIZE_TOLERANCE_PT = 0.5
PROOF_NOTE_START = "Draft:"  # the draft-translation note of a proof is not part of the notice


def _problem(code: str, message: str) -> Diagnostic:
    return Diagnostic(code, message, Severity.ERROR)


def verify_notice(project: Project, spec: NoticeSpec, path: Path) -> list[Diagnostic]:
    try:
        facts = read_pdf(path, decode_qr=False)
    except Exception as error:  # pypdf and PDFium raise many types for a damaged file
        return [_problem("verify.unreadable", f"not a readable PDF: {error}")]
    problems = [
        *_page(facts, spec),
        *_type_size(facts, spec),
        *_numbers(facts, project, spec),
        *fonts_and_glyphs(facts),
        *numbers_in_text(facts, project),
        *required_lines_printed(path, spec.required, 1, facts),
    ]
    expected_language = spec.languages[0] if len(spec.languages) == 1 else "en"
    if facts.language != expected_language:
        problems.append(_problem("verify.language", f"document language is {facts.language!r}, expected {expected_language!r}"))
    return problems


def _page(facts: PdfFacts, spec: NoticeSpec) -> list[Diagnostic]:
    found = []
    if len(facts.page_sizes_pt) != 1:
        found.append(_problem("verify.pages", f"{len(facts.page_sizes_pt)} pages; a notice is one page"))
    minimum = spec.format.min_size
    if minimum:
        least = tuple(css_length_in_points(length) for length in minimum)
        for width, height in facts.trim_sizes_pt:
            if width + SIZE_TOLERANCE_PT < least[0] or height + SIZE_TOLERANCE_PT < least[1]:
                found.append(
                    _problem(
                        "law.size",
                        f"page of {width / 72:.2f} x {height / 72:.2f} in; {spec.law.title} requires "
                        f"at least {' x '.join(minimum)}",
                    )
                )
    return found


def _type_size(facts: PdfFacts, spec: NoticeSpec) -> list[Diagnostic]:
    sizes = [
        size
        for lines, line_sizes in zip(facts.page_lines, facts.page_line_type_pt, strict=True)
        for line, size in zip(lines, line_sizes, strict=True)
        if not line.strip().startswith(PROOF_NOTE_START) and size > 0
    ]
    if sizes and min(sizes) < spec.format.min_type_pt - 0.05:
        return [
            _problem(
                "law.min-type", f"type of {min(sizes):.1f} pt; {spec.law.title} requires at least {spec.format.min_type_pt:g} pt"
            )
        ]
    return []


def _numbers(facts: PdfFacts, project: Project, spec: NoticeSpec) -> list[Diagnostic]:
    """Each number and address of each language's wording, as many times as the wording prints it."""
    from ..laws.model import shown_forms

    expected: Counter[str] = Counter()
    for tag in spec.languages:
        for element, text in spec.law.passages(tag):
            forms = {number.text for number in typed_numbers(text, strict=False)}
            forms.update(shown_forms(project, spec.law.elements[element]) if element else ())
            expected.update({form: text.lower().count(form.lower()) for form in forms})
    printed = " ".join(facts.visual_lines).lower()
    return [
        _problem(
            "law.number-missing",
            f"{form} printed {printed.count(form.lower())} time(s); the wording in {', '.join(spec.languages)} prints it {count}",
        )
        for form, count in expected.items()
        if printed.count(form.lower()) < count
    ]


def required_lines_printed(path: Path, required: tuple[str, ...], times: int, facts: PdfFacts | None = None) -> list[Diagnostic]:
    """Each line the law requires is printed with its digits in order (in any grouping, vanity
    letters read on the keypad), at least `times` times."""
    facts = facts or read_pdf(path, decode_qr=False)
    lines = [keypad_digits(line) for line in facts.visual_lines]
    return [
        _problem("law.required-line", f"{form} is required by the law and is not printed in order")
        for form in required
        if sum(keypad_digits(form) in line for line in lines) < times
    ]
