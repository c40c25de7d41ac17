"""The rendered-fit check of `translations check`: each language laid out on the real
materials. Text that does not fit even at the smallest type allowed is an error naming the
messages of the overflowing block, at their lines in the catalog; text that fits only with
smaller type is a warning."""

from __future__ import annotations

from ..model.diagnostics import Diagnostic, Location, ProjectError, Severity
from ..model.project import Project
from ..pipeline.jobs import JobKey
from ..pipeline.material import MaterialJob
from ..pipeline.resolve import campaign_of, plan_materials, resolve_material
from ..pipeline.tools import WorkerTools
from ..render.fitting import DoesNotFit


def fit_findings(project: Project, tags: list[str], campaign: str = "default") -> list[Diagnostic]:
    if not tags:
        return []
    tools = WorkerTools(project)
    keys = plan_materials(project, campaign_of(project, campaign), sorted(project.materials), tags)
    findings: list[Diagnostic] = []
    for key in keys:
        findings.extend(_key_findings(project, tools, key))
    return findings


def _key_findings(project: Project, tools: WorkerTools, key: JobKey) -> list[Diagnostic]:
    try:
        spec = resolve_material(project, key)
        MaterialJob().render(spec, tools)
    except DoesNotFit as problem:
        catalog = project.languages[key.language].catalog
        lines = _lines(catalog, key.language) if catalog else {}
        where = f"{key.subject} in {key.language} ({key.region})"
        return [
            Diagnostic(
                "catalog.fit",
                f"{where} does not fit even with the smallest type allowed; this message is in the "
                f"block that overflows: {message[1]!r}",
                Severity.ERROR,
                Location(catalog, lines.get(message)) if catalog else None,
            )
            for message in problem.messages[:5]
        ] or [problem.first]
    except ProjectError:
        return []  # a broken catalog or material is reported by the catalog checks
    return []


def _lines(path, tag):  # type: ignore[no-untyped-def]
    from .catalogs import load_catalog

    return load_catalog(path, tag).lines
