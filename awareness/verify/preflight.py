"""`check PATH...`: is a folder of PDFs safe to print? Each PDF is read back and compared with
what its material, language and region require. A PDF is known by where the build put it:
<campaign>/<region>/<lang>/<material>.pdf, or <law>/<county>/notice[-<lang>].pdf for a
statutory notice (checked in noticecheck)."""

from __future__ import annotations

from pathlib import Path

from .errors import ProjectError
from .laws import Law
from .model import Project
from .noticecheck import check_notice
from .pdfreport import SIZE_TOLERANCE_PT, FileReport, check_fonts, check_known_bad, fill
from .readback import PdfFacts, read_pdf
from .resolve import BuildItem, RenderJob, resolve_job
from .units import css_length_in_points

SHEET_SUFFIX = "-sheet"


def pdf_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.rglob("*.pdf")))
        else:
            files.append(path)
    return files


def check_pdf(project: Project, path: Path, laws: dict[str, Law]) -> FileReport:
    report = FileReport(str(path))
    law = laws.get(path.resolve().parent.parent.name)
    if law is not None and path.stem.split("-")[0] == "notice":
        return check_notice(project, law, path, report)
    sheet = path.stem.endswith(SHEET_SUFFIX)
    try:
        job = resolve_job(project, _item_of(project, path), proof=False, sheets=sheet)
    except ProjectError as error:
        report.fail(f"cannot tell what this PDF should be: {error.message}")
        return report
    try:
        facts = read_pdf(path)
    except Exception as error:  # pypdf and PDFium raise many types for a damaged file
        report.fail(f"not a readable PDF: {error}")
        return report
    fill(report, facts)
    checks = (_check_sheet, _check_fonts, _check_numbers) if sheet else (_check_pages, _check_fonts, _check_metadata, _check_numbers, _check_qr)
    for check in checks:
        check(report, facts, job, project)
    return report


def _item_of(project: Project, path: Path) -> BuildItem:
    parts = path.resolve().parts
    if len(parts) < 4 or path.suffix != ".pdf":
        raise ProjectError("expected a path ending in <campaign>/<region>/<lang>/<material>.pdf")
    campaign, region, language, material = parts[-4], parts[-3], parts[-2], path.stem.removesuffix(SHEET_SUFFIX)
    for kind, name, known in (("region", region, project.regions), ("language", language, project.languages),
                              ("material", material, project.materials)):
        if name not in known:
            raise ProjectError(f"unknown {kind} '{name}' in the path")
    return BuildItem(campaign if campaign in project.campaigns else "default", material, language, region)


def _check_pages(report: FileReport, facts: PdfFacts, job: RenderJob, project: Project) -> None:
    if report.pages != job.material.pages:
        report.fail(f"{report.pages} page(s); {job.material.id} has {job.material.pages}")
    expected = tuple(css_length_in_points(length) for length in job.page_size)
    for number, (width, height) in enumerate(facts.trim_sizes_pt, start=1):
        if abs(width - expected[0]) > SIZE_TOLERANCE_PT or abs(height - expected[1]) > SIZE_TOLERANCE_PT:
            report.fail(f"page {number} trims to {width:.1f} x {height:.1f} pt; {job.material.id} on {job.paper} is "
                        f"{' x '.join(job.page_size)} ({expected[0]:.1f} x {expected[1]:.1f} pt)")
    bleed = 2 * css_length_in_points(job.bleed) if job.bleed else 0.0
    for number, (width, height) in enumerate(facts.bleed_sizes_pt, start=1):
        if abs(width - expected[0] - bleed) > SIZE_TOLERANCE_PT or abs(height - expected[1] - bleed) > SIZE_TOLERANCE_PT:
            report.fail(f"page {number} has a bleed box of {width:.1f} x {height:.1f} pt; expected a bleed of {job.bleed or 'none'}")


def _check_sheet(report: FileReport, facts: PdfFacts, job: RenderJob, project: Project) -> None:
    """An office sheet: fronts and backs on the paper, every back's QR code readable."""
    layout = job.sheet
    if layout is None:
        report.fail(f"{job.material.id} has no sheet layout")
        return
    if report.pages != job.material.pages:
        report.fail(f"{report.pages} page(s); a sheet of {job.material.id} has {job.material.pages}")
    for number, (width, height) in enumerate(facts.trim_sizes_pt, start=1):
        if abs(width - layout.paper[0]) > SIZE_TOLERANCE_PT or abs(height - layout.paper[1]) > SIZE_TOLERANCE_PT:
            report.fail(f"page {number} is {width:.1f} x {height:.1f} pt, not {job.paper} paper")
    copies = layout.columns * layout.rows
    if job.qr:
        decoded = [payload for page in facts.qr_payloads for payload in page]
        if decoded != [job.qr.payload] * copies:
            report.fail(f"{len([p for p in decoded if p == job.qr.payload])} of {copies} QR codes decode to {job.qr.payload}")


def _check_fonts(report: FileReport, facts: PdfFacts, job: RenderJob, project: Project) -> None:
    check_fonts(report, facts)


def _check_metadata(report: FileReport, facts: PdfFacts, job: RenderJob, project: Project) -> None:
    if not facts.title:
        report.fail("no document title")
    if facts.language != job.language.tag:
        report.fail(f"document language is {facts.language!r}, expected {job.language.tag!r}")


def _check_numbers(report: FileReport, facts: PdfFacts, job: RenderJob, project: Project) -> None:
    """The lead hotline reads in order on a printed line; no known-bad number is anywhere."""
    number = str(job.hotline.phone.display)
    if not any(number in line for line in facts.visual_lines):
        report.fail(f"hotline {number} not found in the text layer")
    check_known_bad(report, facts, project)


def _check_qr(report: FileReport, facts: PdfFacts, job: RenderJob, project: Project) -> None:
    expected = [job.qr.payload] if job.qr else []
    if report.qr_payloads != expected:
        found = ", ".join(report.qr_payloads) or "none readable"
        report.fail(f"QR codes decode to [{found}], expected [{', '.join(expected) or 'no QR code'}]")
