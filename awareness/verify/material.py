"""Stage 5, verify: a material's PDF read back and compared with what it must be. The build runs
this on every file before it replaces the previous one; `check` runs it on files on disk.

What is proved, each a diagnostic with a stable code:
- pages and their trim and bleed boxes; title and language;
- fonts embedded, no character printed as an empty box;
- the lead hotline readable in order on a printed line;
- every number in the text layer is one the registry prints (in any format), and no known
  wrong number appears anywhere, whatever its format;
- each QR code decodes to its payload, also after a 0.3 mm blur (a worn, badly printed card);
- the layout a reader sees (verify.layout).
"""

from __future__ import annotations

from pathlib import Path

from ..model.diagnostics import Diagnostic, Severity
from ..model.hotline import known_bad_in, registry_entry_for
from ..model.project import Project
from ..model.units import css_length_in_points, same_size
from ..pipeline.resolve import MaterialSpec
from ..text.numbers import normalise, typed_numbers
from .layout import layout_problems
from .readback import PdfFacts, read_back

QR_BLUR_MM = 0.3


def verify_material(project: Project, spec: MaterialSpec, path: Path) -> list[Diagnostic]:
    facts = read_back(path, decode_qr=spec.qr is not None, blur_mm=QR_BLUR_MM)
    if isinstance(facts, Diagnostic):
        return [facts]
    problems = [
        *_pages(facts, spec),
        *fonts_and_glyphs(facts),
        *_metadata(facts, spec),
        *_hotline(facts, spec),
        *numbers_in_text(facts, project),
        *_qr(facts, spec),
    ]
    problems += [_problem(code, message) for code, message in layout_problems(facts, spec)]
    problems += _qr_caption(facts, spec)
    return problems


def _plain_quotes(text: str) -> str:
    """Apostrophes as one character: a font's encoding may give ’ where the catalog has '."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


QR_CAPTIONS = {
    "call": "Scan to call the hotline",
    "text": "Scan to text the hotline",
    "chat": "Scan to chat with the hotline",
    "web": "Scan to open the hotline's website",
}


def _qr_caption(facts: PdfFacts, spec: MaterialSpec) -> list[Diagnostic]:
    """A caption that says something else than the code does ("scan for help online" over a
    code that dials) is refused: read in the page's own language."""
    if spec.qr is None:
        return []
    captions = {action: _plain_quotes(caption) for action, caption in _captions(spec).items()}
    text = _plain_quotes(" ".join(" ".join(facts.visual_lines).split()) + " " + " ".join(facts.text.split()))
    wrong = [
        action
        for action, caption in captions.items()
        if action != spec.qr.action and caption and caption in text and caption not in captions[spec.qr.action]
    ]
    if wrong:
        return [_problem("layout.qr-caption", f"the caption says {captions[wrong[0]]!r}, but the code does: {spec.qr.payload}")]
    return []


def _captions(spec: MaterialSpec) -> dict[str, str]:
    from ..i18n.catalogs import load_catalog

    catalog = load_catalog(spec.catalog, spec.language.tag) if spec.catalog else None
    found = {}
    for action, caption in QR_CAPTIONS.items():
        translated = catalog.get((None, caption)) if catalog else None
        found[action] = translated if isinstance(translated, str) else caption
    return found


def _problem(code: str, message: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(code, message, severity)


def _pages(facts: PdfFacts, spec: MaterialSpec) -> list[Diagnostic]:
    found = []
    material = spec.material
    pages = len(facts.page_sizes_pt)
    if pages != material.pages and not (material.large_print and 0 < pages <= material.pages):
        found.append(_problem("verify.pages", f"{pages} page(s); {material.id} has {material.pages}"))
    expected = tuple(css_length_in_points(length) for length in spec.page_size)
    for number, (width, height) in enumerate(facts.trim_sizes_pt, start=1):
        if not same_size((width, height), expected):
            found.append(
                _problem(
                    "verify.trim",
                    f"page {number} trims to {width:.1f} x {height:.1f} pt; {material.id} on "
                    f"{spec.paper} is {' x '.join(spec.page_size)}",
                )
            )
    bleed = 2 * css_length_in_points(spec.bleed) if spec.bleed else 0.0
    for number, (width, height) in enumerate(facts.bleed_sizes_pt, start=1):
        if not same_size((width - bleed, height - bleed), expected):
            found.append(
                _problem(
                    "verify.bleed",
                    f"page {number} has a bleed box of {width:.1f} x {height:.1f} pt; expected a bleed of {spec.bleed or 'none'}",
                )
            )
    return found


def fonts_and_glyphs(facts: PdfFacts) -> list[Diagnostic]:
    found = [_problem("verify.font-not-embedded", f"font not embedded: {name}") for name in facts.unembedded_fonts]
    if facts.missing_glyphs:
        shown = " ".join(f"U+{ord(char):04X}" if len(char) == 1 else char for char in facts.missing_glyphs)
        found.append(_problem("verify.missing-glyph", f"characters printed as empty boxes (no glyph): {shown}"))
    return found


def _metadata(facts: PdfFacts, spec: MaterialSpec) -> list[Diagnostic]:
    found = []
    if not facts.title:
        found.append(_problem("verify.title", "no document title"))
    if facts.language != spec.language.tag:
        found.append(_problem("verify.language", f"document language is {facts.language!r}, expected {spec.language.tag!r}"))
    return found


def _hotline(facts: PdfFacts, spec: MaterialSpec) -> list[Diagnostic]:
    number = spec.hotline.phone.short
    if any(number in line for line in facts.visual_lines):
        return []
    return [_problem("verify.hotline", f"hotline {number} is not printed in order on any line")]


def numbers_in_text(facts: PdfFacts, project: Project) -> list[Diagnostic]:
    """Every phone-like number printed is a registry number; no known wrong number on any
    printed line, in any format."""
    found = []
    columns = [column for line in facts.visual_lines for column in line.split("\t")]
    for column in columns:
        for number in typed_numbers(column, strict=False):
            bad = known_bad_in(number.digits, project.known_bad)
            if bad:
                found.append(
                    _problem(
                        "number.known-bad",
                        f"known wrong number {bad.form} printed ({number.text!r}); the correct number is {bad.correct}",
                    )
                )
            elif not _registry_numbers(number.text.split(), project):
                found.append(_problem("number.unknown", f"{number.text!r} is printed, and it is not a number of the registry"))
        digits = "".join(char for char in normalise(column) if char.isdigit())
        for bad in project.known_bad:
            if any(pattern in digits for pattern in bad.patterns) and not any(d.code == "number.known-bad" for d in found):
                found.append(
                    _problem("number.known-bad", f"known wrong number {bad.form} printed; the correct number is {bad.correct}")
                )
    return list({(d.code, d.message): d for d in found}.values())


def _registry_numbers(tokens: list[str], project: Project) -> bool:
    """Whether a run of space-separated tokens reads as registry numbers side by side (two
    numbers that share a printed line, "1-888-373-7888 911"), each group either a registry
    number or too short to be dialled."""
    if not tokens:
        return True
    for end in range(len(tokens), 0, -1):
        group = " ".join(tokens[:end])
        known = registry_entry_for(group, project.hotlines) is not None
        if (known or not typed_numbers(group, strict=False)) and _registry_numbers(tokens[end:], project):
            return True
    return False


def _qr(facts: PdfFacts, spec: MaterialSpec) -> list[Diagnostic]:
    expected = [spec.qr.payload] if spec.qr else []
    found = [payload for page in facts.qr_payloads for payload in page]
    problems = []
    if found != expected:
        problems.append(
            _problem(
                "verify.qr",
                f"QR codes decode to [{', '.join(found) or 'none readable'}], expected [{', '.join(expected) or 'no QR code'}]",
            )
        )
    blurred = [payload for page in facts.qr_payloads_blurred for payload in page]
    if spec.qr and facts.qr_payloads_blurred and blurred != expected:
        problems.append(
            _problem(
                "verify.qr-blur",
                f"the QR code no longer decodes after a {QR_BLUR_MM} mm blur (a worn or badly printed copy): make it larger",
            )
        )
    return problems
