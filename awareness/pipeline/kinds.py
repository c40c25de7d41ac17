"""The kinds of output, each a JobType, and the planning of the outputs of each phase."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.material import Campaign, Material
from ..model.project import Project
from .jobs import JobKey
from .material import MaterialJob
from .stages import JobResult, JobType

if TYPE_CHECKING:
    from .build import BuildRequest


def _job_types() -> dict[str, JobType]:
    from ..laws.checklist import ChecklistJob
    from ..laws.notices import NoticeJob
    from ..laws.patch import PatchJob
    from .bundle import BundleJob, ProofJob
    from .derived import SheetJob, TextJob, TilesJob

    return {
        "material": MaterialJob(),
        "notice": NoticeJob(),
        "sheet": SheetJob(),
        "tiles": TilesJob(),
        "text": TextJob(),
        "bundle": BundleJob(),
        "proof": ProofJob(),
        "checklist": ChecklistJob(),
        "patch": PatchJob(),
    }


JOB_TYPES: dict[str, JobType] = _job_types()


def notice_keys(project: Project, campaign: Campaign, request: BuildRequest) -> list[JobKey]:
    from ..laws.notices import plan_notices

    if request.materials and not request.only_notices:
        return []  # --material narrows a build to materials
    return plan_notices(project, campaign.name, campaign.notices) + [key for key in request.extra_keys if key.phase == 1]


def derived_keys(project: Project, campaign: Campaign, request: BuildRequest, first: list[JobResult]) -> list[JobKey]:
    """Sheets of the cards built (when the campaign or --sheets asks), tiles of the large
    signs, text exports."""
    keys = []
    for result in first:
        key = result.key
        if not result.ok or key.kind != "material":
            continue
        material = project.materials[key.subject]
        if (campaign.sheets or request.sheets) and has_office_sheet(material, campaign):
            keys.append(JobKey("sheet", key.campaign, key.region, key.language, key.subject))
        if (campaign.tiles or request.tiles) and material.tiles is not None:
            paper = "a4" if project.regions[key.region].paper == "a4" or campaign.paper == "a4" else material.tiles
            keys.append(JobKey("tiles", key.campaign, key.region, key.language, key.subject, paper))
        if campaign.text_exports or request.text_exports:
            keys.append(JobKey("text", key.campaign, key.region, key.language, key.subject))
    return keys + [key for key in request.extra_keys if key.phase == 2]  # a site's checklist, after its notices


def has_office_sheet(material: Material, campaign: Campaign) -> bool:
    """Cards and stickers declare their sheet; any other page made for a print shop (bleed or
    crop marks) gets an office copy, trimmed, unless it is tiled instead."""
    printing = campaign.print or material.print
    return material.sheet is not None or (material.tiles is None and bool(printing.bleed or printing.crop_marks))


def final_keys(campaign: Campaign, request: BuildRequest, results: list[JobResult]) -> list[JobKey]:
    """A bundle per region and language built, and the proof page, when asked for."""
    if not (campaign.bundle or request.bundle):
        return []
    built = dict.fromkeys(
        (result.key.region, result.key.language) for result in results if result.ok and result.key.kind == "material"
    )
    keys = [JobKey("bundle", campaign.name, region, language) for region, language in built]
    return [*keys, JobKey("proof", campaign.name)] if results else keys
