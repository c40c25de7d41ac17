"""`check` for statutory notices: a notice PDF read back against its law, as the build proved
it on the laid-out page: one page, at least the law's size, no type below the law's least
size, every language's numbers printed, fonts embedded, no known-bad number.

A notice is known by where the build put it: <law>/<county or statewide>/notice.pdf (one sign
with every language) or notice-<lang>.pdf (a separate sign per language).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .errors import ProjectError
from .laws import PRINTED_NUMBER, STATEWIDE, Law, notice_languages, shown_forms
from .model import Project
from .pdfreport import SIZE_TOLERANCE_PT, FileReport, check_fonts, check_known_bad, fill
from .readback import PdfFacts, read_pdf
from .units import css_length_in_points

PROOF_NOTE_START = "Proof:"  # the draft-translation note of a proof is not part of the notice


def check_notice(project: Project, law: Law, path: Path, report: FileReport) -> FileReport:
    try:
        languages = _languages_of(law, path)
    except ProjectError as error:
        report.fail(f"cannot tell what this notice should say: {error.message}")
        return report
    missing = [tag for tag in languages if tag not in law.text]
    if missing:
        report.fail(f"cannot tell what this notice should say: {law.title} has no wording in {', '.join(missing)}")
        return report
    try:
        facts = read_pdf(path, decode_qr=False)
    except Exception as error:  # pypdf and PDFium raise many types for a damaged file
        report.fail(f"not a readable PDF: {error}")
        return report
    fill(report, facts)
    _check_page(report, facts, law)
    _check_type_size(report, facts, law)
    _check_numbers(report, facts, project, law, languages)
    if len(languages) == 1 and facts.language != languages[0]:
        report.fail(f"document language is {facts.language!r}, expected {languages[0]!r}")
    check_fonts(report, facts)
    check_known_bad(report, facts, project)
    return report


def _languages_of(law: Law, path: Path) -> list[str]:
    """notice-<lang>.pdf carries that language; notice.pdf what the build gave it for its folder
    (the county's, or "statewide")."""
    if path.stem.startswith("notice-"):
        return [path.stem.removeprefix("notice-")]
    folder = path.resolve().parent.name
    return notice_languages(law, None if folder == STATEWIDE else folder, [])


def _check_page(report: FileReport, facts: PdfFacts, law: Law) -> None:
    if report.pages != 1:
        report.fail(f"{report.pages} pages; a notice is one page")
    least = tuple(css_length_in_points(length) for length in law.min_size)
    for width, height in facts.trim_sizes_pt:
        if width + SIZE_TOLERANCE_PT < least[0] or height + SIZE_TOLERANCE_PT < least[1]:
            report.fail(f"page of {width / 72:.2f} x {height / 72:.2f} in; {law.title} requires at least "
                        f"{' x '.join(law.min_size)}")


def _check_type_size(report: FileReport, facts: PdfFacts, law: Law) -> None:
    sizes = [size for lines, line_sizes in zip(facts.page_lines, facts.page_line_type_pt)
             for line, size in zip(lines, line_sizes) if not line.strip().startswith(PROOF_NOTE_START) and size > 0]
    if sizes and min(sizes) < law.min_type_pt - 0.05:
        report.fail(f"type of {min(sizes):.1f} pt; {law.title} requires at least {law.min_type_pt:g} pt")


def _check_numbers(report: FileReport, facts: PdfFacts, project: Project, law: Law, languages: list[str]) -> None:
    """Each number and address of each language's wording, as many times as the languages print it."""
    expected: Counter[str] = Counter()
    for tag in languages:
        for element, text in law.passages(tag):
            forms = set(PRINTED_NUMBER.findall(text))
            forms.update(shown_forms(project, law.elements[element]) if element else ())
            expected.update({form: text.lower().count(form.lower()) for form in forms})
    printed = " ".join(facts.visual_lines).lower()
    for form, count in expected.items():
        found = printed.count(form.lower())
        if found < count:
            report.fail(f"{form} printed {found} time(s); the wording in {', '.join(languages)} prints it {count}")
