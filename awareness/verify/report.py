"""What `check` reports of one PDF, and the read-back checks every kind of PDF shares: fonts
embedded, no missing glyph, no known-bad number."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .hotlines import digits_of
from .model import Project
from .readback import PdfFacts, digits_only

SIZE_TOLERANCE_PT = 0.5


@dataclass
class FileReport:
    path: str
    ok: bool = True
    problems: list[str] = field(default_factory=list)
    pages: int = 0
    trim_sizes_pt: list[list[float]] = field(default_factory=list)
    language: str | None = None
    title: str | None = None
    fonts: list[str] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)

    def fail(self, problem: str) -> None:
        self.ok = False
        self.problems.append(problem)

    def as_dict(self) -> dict:
        return asdict(self)


def fill(report: FileReport, facts: PdfFacts) -> None:
    report.pages = len(facts.page_sizes_pt)
    report.trim_sizes_pt = [list(size) for size in facts.trim_sizes_pt]
    report.language, report.title = facts.language, facts.title
    report.fonts = [font.name for font in facts.fonts]
    report.qr_payloads = [payload for page in facts.qr_payloads for payload in page]


def check_fonts(report: FileReport, facts: PdfFacts) -> None:
    for name in facts.unembedded_fonts:
        report.fail(f"font not embedded: {name}")
    if facts.missing_glyphs:
        shown = " ".join(f"U+{ord(char):04X}" if len(char) == 1 else char for char in facts.missing_glyphs)
        report.fail(f"characters printed as empty boxes (no glyph): {shown}")


def check_known_bad(report: FileReport, facts: PdfFacts, project: Project) -> None:
    digits = digits_only(facts.text)
    for bad in project.known_bad:
        if digits_of(bad.form) in digits:
            report.fail(f"known wrong number {bad.form} printed; the correct number is {bad.correct}")
