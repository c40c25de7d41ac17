"""The per-site checklist as a job: what the law requires at one site (post.plan_site), which
notice file answers each law, and a box to tick when it is posted. Phase 2, after the notices,
so that it names the files the build made. Proved on the read-back PDF: every law of the plan
is named, fonts embedded, no glyph missing, no known-bad number."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..i18n.languages import Language
from ..model.design import DesignTokens
from ..model.diagnostics import Diagnostic, ProjectError
from ..model.material import PdfVariant
from ..model.project import Project
from ..pipeline.jobs import JobKey, output_path, target_path
from ..pipeline.stages import BuildOptions, Rendered
from ..pipeline.tools import WorkerTools
from ..render.pdfmeta import PdfMeta
from .notices import plan_notices
from .post import Requirement, Site, SitePlan, plan_site, site_of_key

TEMPLATE = "checklist.html"
LETTER_PT = (612.0, 792.0)


@dataclass(frozen=True)
class ChecklistRow:
    requirement: Requirement
    languages: str  # "English, Spanish, Vietnamese"
    files: tuple[str, ...]  # the notices built for it, relative to the campaign's folder


@dataclass(frozen=True)
class ChecklistSpec:
    key: JobKey
    plan: SitePlan
    rows: tuple[ChecklistRow, ...]
    created: str  # the newest date a law of the plan was checked: same inputs, same bytes
    design: DesignTokens


def checklist_key(campaign: str, site: Site) -> JobKey:
    """The checklist job of a site."""
    return JobKey("checklist", campaign, "us", "en", site.business, site.place, site.workforce_code)


class ChecklistJob:
    kind = "checklist"

    def resolve(self, project: Project, key: JobKey, options: BuildOptions) -> ChecklistSpec:
        plan = plan_site(project, site_of_key(project, key.subject, key.place, key.variant))
        rows = tuple(
            ChecklistRow(req, _language_names(req.languages), _built_files(project, key.campaign, req, options.out_dir))
            for req in plan.requirements
        )
        dates = [project.laws[req.law_id].verified for req in plan.requirements]
        created = max(dates, default=datetime.date(2026, 1, 1)).isoformat()
        return ChecklistSpec(key, plan, rows, created, project.design)

    def render(self, spec: ChecklistSpec, tools: WorkerTools) -> Rendered:
        plan = spec.plan
        site = plan.site
        place = f"{plan.county_name}, {site.state}" if plan.county_name else f"{site.state} (no county given)"
        workforce = ", ".join(f"{Language(tag).english_name} {share:g} %" for tag, share in site.workforce)
        site_line = f"{plan.business_name} in {place}" + (f"; read by its workers or users: {workforce}" if workforce else "")
        context = {"plan": plan, "rows": spec.rows, "site_line": site_line, "created": spec.created}
        document = tools.lay_out_office_page(TEMPLATE, context, spec.key.name, spec.design)
        data = tools.pdf.write(document, PdfVariant(), PdfMeta(spec.created))
        facts = {
            "site": {"state": site.state, "county": site.county, "business": site.business, "workforce": dict(site.workforce)},
            "laws": [row.requirement.law_id for row in spec.rows],
            "files": {row.requirement.law_id: list(row.files) for row in spec.rows},
        }
        return Rendered(data, len(document.pages), [], facts)

    def verify(self, spec: ChecklistSpec, path: Path, tools: WorkerTools) -> list[Diagnostic]:
        from ..verify.checklist import verify_checklist

        return verify_checklist(tools.project, spec, path)


def _language_names(tags: tuple[str, ...]) -> str:
    return ", ".join(Language(tag).english_name if Language(tag).known_to_cldr else tag for tag in tags)


def _built_files(project: Project, campaign: str, req: Requirement, out_dir: Path) -> tuple[str, ...]:
    """The notices of this law that are on disk for the site (built by this run or before)."""
    if req.order is None:
        return ()
    try:
        keys = plan_notices(project, campaign, (req.order,))
    except ProjectError:
        return ()
    return tuple(str(output_path(key)) for key in keys if target_path(out_dir, key).is_file())
