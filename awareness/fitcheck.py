"""The rendered-fit check: each language laid out on the real materials. Where a page
overflows, the messages in the overflowing block are named, with their catalog lines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .itembuilder import ItemBuilder
from .checks import ERROR, Finding
from .errors import ProjectError
from .model import Project
from .resolve import BuildItem, resolve_job

if TYPE_CHECKING:
    from weasyprint.document import Document


def fit_findings(project: Project, items: list[BuildItem]) -> list[Finding]:
    builder = ItemBuilder(project, project.paths.output)
    findings: list[Finding] = []
    for item in items:
        try:
            findings.extend(_item_findings(project, builder, item))
        except ProjectError:
            continue  # a broken catalog or material is reported by the catalog checks
    return findings


def _item_findings(project: Project, builder: ItemBuilder, item: BuildItem) -> Iterator[Finding]:
    job = resolve_job(project, item)
    rendered = builder.html.render(job, mark_messages=True)
    document = builder.pdf.lay_out(rendered.html, job)
    overflow = len(document.pages) - job.material.pages
    if overflow <= 0:
        return
    catalog = project.languages[item.language].catalog
    path = catalog.po_path if catalog else project.paths.root / job.material.source_file
    lines = _msgid_lines(catalog.read()) if catalog else {}
    for index in _overflowing_messages(document, job.material.pages):
        msgid = rendered.messages[index]
        yield Finding(path, lines.get(msgid), "fit", ERROR,
                      f"{job.material.id} in {item.language} ({item.region}) overflows by {overflow} page(s); "
                      f"this message is in the block that does not fit: {msgid!r}")


def _overflowing_messages(document: Document, page_count: int) -> list[int]:
    """Indexes of the messages printed on the pages past the material's last page."""
    found: dict[int, None] = {}
    for page in document.pages[page_count:]:
        for box in _descendants(page._page_box):
            element = getattr(box, "element", None)
            marker = element.get("data-msg") if element is not None else None
            if marker is not None:
                found[int(marker)] = None
    return list(found)


def _descendants(box) -> Iterator:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _msgid_lines(catalog) -> dict[str, int]:
    return {message.id: message.lineno for message in catalog if message.id and isinstance(message.id, str)}
