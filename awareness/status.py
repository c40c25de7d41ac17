"""`translations status`: per language, how much is translated, its review state, and
which materials are complete in it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .catalogs import read_catalog
from .errors import ProjectError
from .htmlrender import HtmlRenderer
from .model import Project
from .resolve import BuildItem, resolve_job
from .languages import SOURCE_LANGUAGE


@dataclass
class LanguageStatus:
    tag: str
    name: str
    direction: str
    translated: int
    fuzzy: int
    missing: int
    review: dict
    complete: list[str]
    incomplete: list[str]
    error: str | None = None


def language_statuses(project: Project, region: str) -> list[LanguageStatus]:
    template = read_catalog(project.paths.pot_file)
    all_ids = {message.id for message in template if message.id}
    used = _messages_used_by_material(project, region)
    return [_status(project, tag, all_ids, used) for tag in project.languages if tag != SOURCE_LANGUAGE]


def _messages_used_by_material(project: Project, region: str) -> dict[str, set[str]]:
    """What each material prints, found by rendering it: exact, whatever its templates include."""
    renderer = HtmlRenderer(project.paths.templates)
    return {
        material: set(renderer.render(resolve_job(project, BuildItem("status", material, SOURCE_LANGUAGE, region))).messages)
        for material in project.materials
    }


def _status(project: Project, tag: str, all_ids: set[str], used: dict[str, set[str]]) -> LanguageStatus:
    entry = project.languages[tag]
    base = dict(tag=tag, name=entry.language.english_name, direction=entry.language.direction, review=entry.review.as_dict())
    try:
        catalog = read_catalog(entry.catalog.po_path)
    except ProjectError as error:
        return LanguageStatus(**base, translated=0, fuzzy=0, missing=len(all_ids), complete=[], incomplete=sorted(used), error=str(error))
    done = {message.id for message in catalog if message.id and message.string and not message.fuzzy}
    fuzzy = {message.id for message in catalog if message.id and message.string and message.fuzzy}
    return LanguageStatus(
        **base,
        translated=len(done & all_ids),
        fuzzy=len(fuzzy & all_ids),
        missing=len(all_ids - done - fuzzy),
        complete=sorted(material for material, ids in used.items() if ids <= done),
        incomplete=sorted(material for material, ids in used.items() if not ids <= done),
    )


def status_table(statuses: list[LanguageStatus]) -> str:
    rows = [f"{'lang':<8} {'language':<24} {'done':>5} {'fuzzy':>5} {'missing':>7}  {'review':<28} complete materials"]
    for status in statuses:
        review = f"reviewed {status.review['date']}" if status.review["reviewed"] else "draft, not reviewed"
        complete = ", ".join(status.complete) or "-"
        if status.error:
            complete = f"catalog broken: {status.error}"
        rows.append(f"{status.tag:<8} {status.name:<24} {status.translated:>5} {status.fuzzy:>5} {status.missing:>7}  {review:<28} {complete}")
    return "\n".join(rows)


def status_json(statuses: list[LanguageStatus]) -> list[dict]:
    return [asdict(status) for status in statuses]
