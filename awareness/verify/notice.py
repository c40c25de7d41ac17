"""A statutory notice read back against its law, as the build proved it on the laid-out page:
one page, at least the law's size, no type below the law's least size (the proof note aside),
every number and address of every language's wording printed, every required line printed,
fonts embedded, the document's language, no known-bad or unknown number."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.diagnostics import Diagnostic
from ..model.diagnostics import error as _problem
from ..model.project import Project
from ..model.units import SIZE_TOLERANCE_PT
from ..text.numbers import keypad_digits
from .material import fonts_and_glyphs, numbers_in_text
from .readback import PdfFacts, read_back, read_pdf

if TYPE_CHECKING:
    from ..laws.notices import NoticeSpec

PROOF_NOTE_START = "Draft:"  # the draft-translation note of a proof is not part of the notice


def verify_notice(project: Project, spec: NoticeSpec, path: Path) -> list[Diagnostic]:
    facts = read_back(path, decode_qr=False)
    if isinstance(facts, Diagnostic):
        return [facts]
    problems = [
        *_page(facts, spec),
        *_type_size(facts, spec),
        *_numbers(facts, project, spec),
        *fonts_and_glyphs(facts),
        *numbers_in_text(_without_citation(facts, spec.law.citation), project),
        *required_lines_printed(path, spec.required, 1, facts),
        *_numbers_bold(path, spec),
        *_qr_code(path, spec),
    ]
    expected_language = spec.languages[0] if len(spec.languages) == 1 else "en"
    if facts.language != expected_language:
        problems.append(_problem("verify.language", f"document language is {facts.language!r}, expected {expected_language!r}"))
    return problems


def _without_citation(facts: PdfFacts, citation: str) -> PdfFacts:
    """The printed lines but the citation's ("NMSA 1978, § 30-52-2.1" is a section, not a
    number: it was checked when the law was loaded)."""
    words = " ".join(citation.split())
    lines = [[line for line in page if not line.strip() or " ".join(line.split()) not in words] for page in facts.page_lines]
    return dataclasses.replace(facts, page_lines=lines)


def _page(facts: PdfFacts, spec: NoticeSpec) -> list[Diagnostic]:
    found = []
    if len(facts.page_sizes_pt) != 1:
        found.append(_problem("verify.pages", f"{len(facts.page_sizes_pt)} pages; a notice is one page"))
    minimum = spec.format.min_size
    if minimum:
        for width, height in facts.trim_sizes_pt:
            if not spec.format.allows((f"{width + SIZE_TOLERANCE_PT}pt", f"{height + SIZE_TOLERANCE_PT}pt")):
                found.append(
                    _problem(
                        "law.size",
                        f"page of {width / 72:.2f} x {height / 72:.2f} in; {spec.law.title} requires "
                        f"at least {' x '.join(minimum)}",
                    )
                )
    return found


def _numbers_bold(path: Path, spec: NoticeSpec) -> list[Diagnostic]:
    """Where the law wants the number in bold, each printed required number is set in a bold font."""
    if not spec.format.number_bold:
        return []
    import pdfplumber

    wanted = {keypad_digits(form) for form in spec.required}
    light = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for word in page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False, use_text_flow=False):
                digits = keypad_digits(word["text"])  # a word with a digit: "BeFree" spells 233733 but is a word
                if (
                    any(char.isdigit() for char in word["text"])
                    and any(number in digits for number in wanted)
                    and "bold" not in word["fontname"].lower()
                ):
                    light.append(word["text"])
    return (
        [_problem("law.number-bold", f"{light[0]} is not set in bold; {spec.law.title} wants the number in bold")]
        if light
        else []
    )


def _qr_code(path: Path, spec: NoticeSpec) -> list[Diagnostic]:
    """The QR code the law asks for decodes to the registry's value."""
    if not spec.qr:
        return []
    facts = read_pdf(path, decode_qr=True)
    payloads = [payload for page in facts.qr_payloads for payload in page]
    if spec.qr[0] not in payloads:
        return [
            _problem(
                "law.qr",
                f"no QR code decodes to {spec.qr[0]} (found: {', '.join(payloads) or 'none'}); "
                f"{spec.law.title} asks for the hotline's code",
            )
        ]
    return []


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
    from ..laws.model import shown_forms, wording_numbers

    expected: Counter[str] = Counter()
    for tag in spec.languages:
        for element, text in spec.law.passages(tag):
            forms = {printed for printed, _entry in wording_numbers(project, text)}
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
