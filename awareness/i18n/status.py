"""`translations status`: per language, how much is translated, its review state, and
which materials are complete in it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..model.diagnostics import Location, ProjectError
from ..model.project import Project
from .catalogs import MessageKey, load_catalog, parse_po
from .languages import SOURCE_LANGUAGE


@dataclass
class LanguageStatus:
    tag: str
    name: str
    native_name: str
    direction: str
    translated: int
    fuzzy: int
    missing: int
    review: dict[str, Any]
    complete: list[str]
    incomplete: list[str]
    error: str | None = None


def language_statuses(project: Project, region: str) -> list[LanguageStatus]:
    template = parse_po(project.paths.pot_file)
    all_keys = {(message.context, _msgid(message.id)) for message in template if message.id}
    used = messages_used_by_material(project, region)
    return [_status(project, tag, all_keys, used) for tag in project.languages if tag != SOURCE_LANGUAGE]


def messages_used_by_material(project: Project, region: str) -> dict[str, set[MessageKey]]:
    """What each material prints, found by rendering it in English: exact, whatever its
    templates include."""
    from ..pipeline.jobs import JobKey
    from ..pipeline.material import template_context
    from ..pipeline.resolve import resolve_material
    from ..pipeline.tools import WorkerTools

    tools = WorkerTools(project)
    used = {}
    for material in project.materials.values():
        spec = resolve_material(project, JobKey("material", "status", region, SOURCE_LANGUAGE, material.id))
        rendered = tools.html.render(
            material.template,
            template_context(spec) | {"text_scale": "1"},
            catalog=None,
            tag=SOURCE_LANGUAGE,
            item="status",
            where=Location(project.paths.root / material.source_file),
            known_bad=project.known_bad,
        )
        used[material.id] = set(rendered.messages)
    return used


def _msgid(value: object) -> str:
    return value if isinstance(value, str) else value[0]  # type: ignore[index]


def _status(project: Project, tag: str, all_keys: set[MessageKey], used: dict[str, set[MessageKey]]) -> LanguageStatus:
    entry = project.languages[tag]
    base: dict[str, Any] = dict(
        tag=tag,
        name=entry.language.english_name,
        native_name=_native(entry),
        direction=_direction(entry),
        review=entry.review.as_dict(),
    )
    broken = project.problem("language", tag)
    try:
        if broken:
            raise broken
        catalog = load_catalog(entry.catalog, tag)  # type: ignore[arg-type]
    except ProjectError as error:
        return LanguageStatus(
            **base, translated=0, fuzzy=0, missing=len(all_keys), complete=[], incomplete=sorted(used), error=str(error.first)
        )
    done = set(catalog.strings)
    fuzzy = {(m.context, _msgid(m.id)) for m in catalog.catalog if m.id and m.string and m.fuzzy}
    return LanguageStatus(
        **base,
        translated=len(done & all_keys),
        fuzzy=len(fuzzy & all_keys),
        missing=len(all_keys - done - fuzzy),
        complete=sorted(material for material, keys in used.items() if keys <= done),
        incomplete=sorted(material for material, keys in used.items() if not keys <= done),
    )


def _native(entry) -> str:  # type: ignore[no-untyped-def]
    try:
        return str(entry.language.name)
    except Exception:
        return str(entry.language.tag)


def _direction(entry) -> str:  # type: ignore[no-untyped-def]
    try:
        return str(entry.language.direction)
    except Exception:
        return "ltr"


def status_table(statuses: list[LanguageStatus]) -> str:
    rows = [f"{'lang':<8} {'language':<22} {'done':>5} {'fuzzy':>5} {'missing':>7}  {'review':<30} complete materials"]
    for status in statuses:
        review = f"reviewed {status.review['date']}" if status.review["reviewed"] else "draft, not reviewed"
        complete = ", ".join(status.complete) or "-"
        if status.error:
            complete = f"catalog broken: {status.error}"
        rows.append(
            f"{status.tag:<8} {status.name[:22]:<22} {status.translated:>5} {status.fuzzy:>5} {status.missing:>7}  "
            f"{review:<30} {complete}"
        )
    return "\n".join(rows)


def status_json(statuses: list[LanguageStatus]) -> list[dict[str, Any]]:
    return [asdict(status) for status in statuses]
