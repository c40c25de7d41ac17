"""The rendered-fit check of `translations check`: each language laid out on the real
materials. Text that does not fit even at the smallest type allowed is an error naming the
messages of the overflowing block; text that fits only with smaller type is a warning."""

from __future__ import annotations

from collections.abc import Iterator

from .checks import ERROR, WARNING, Finding
from .errors import ProjectError
from .fitting import DoesNotFit, lay_out_to_fit
from .itembuilder import ItemBuilder
from .model import Project
from .resolve import BuildItem, resolve_job


def fit_findings(project: Project, items: list[BuildItem]) -> list[Finding]:
    builder = ItemBuilder(project, project.paths.output)
    lines_by_language: dict[str, dict[str, int]] = {}
    findings: list[Finding] = []
    for item in items:
        try:
            if item.language not in lines_by_language:
                lines_by_language[item.language] = _msgid_lines(project, item.language)
            findings.extend(_item_findings(project, builder, item, lines_by_language[item.language]))
        except ProjectError:
            continue  # a broken catalog or material is reported by the catalog checks
    return findings


def _msgid_lines(project: Project, language: str) -> dict[str, int]:
    catalog = project.languages[language].catalog
    return {message.id: message.lineno for message in catalog.read() if isinstance(message.id, str)} if catalog else {}


def _item_findings(project: Project, builder: ItemBuilder, item: BuildItem, lines: dict[str, int]) -> Iterator[Finding]:
    job = resolve_job(project, item)
    catalog = project.languages[item.language].catalog
    path = catalog.po_path if catalog else project.paths.root / job.material.source_file
    where = f"{job.material.id} in {item.language} ({item.region})"
    try:
        fitted = lay_out_to_fit(builder.html, builder.pdf, job)
    except DoesNotFit as error:
        for msgid in error.messages:
            yield Finding(path, lines.get(msgid), "fit", ERROR,
                          f"{where} does not fit even with the smallest type allowed; "
                          f"this message is in the block that overflows: {msgid!r}")
        return
    if fitted.scale < 1.0:
        yield Finding(path, None, "fit-shrunk", WARNING, f"{where} fits only with type at {fitted.scale:.0%}")
