"""What a worker process keeps between jobs: the loaded project, the Jinja environment, fonts
and parsed stylesheets. Made once per process (WeasyPrint costs 0.6 s to import), reused by
every job the process builds."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.design import DesignTokens
from ..model.diagnostics import Location
from ..model.project import Project
from ..render.html import ICON_DIR, HtmlRenderer

if TYPE_CHECKING:
    from ..render.pdf import PdfWriter

COLOUR_PROFILE_DIRS = (Path("/usr/share/color/icc"),)
OFFICE_CSS = "notice.css"  # checklists and label sheets share the notices' styles


@dataclass
class WorkerTools:
    project: Project
    debug: bool = False
    cache: dict[str, object] = field(default_factory=dict)  # per-process memo of derived data

    @cached_property
    def html(self) -> HtmlRenderer:
        return HtmlRenderer(self.project.paths.templates)

    @cached_property
    def pdf(self) -> PdfWriter:
        from ..render.pdf import PdfWriter, quiet_weasyprint_progress  # WeasyPrint loads only where PDFs are made

        quiet_weasyprint_progress()
        return PdfWriter(self.project.paths.templates, [self.project.paths.root, ICON_DIR, *COLOUR_PROFILE_DIRS])

    def lay_out_office_page(self, template: str, context: dict[str, Any], item: str, design: DesignTokens) -> Any:
        """An English page for the people who post and patch signs (a checklist, label sheets):
        rendered with the notices' stylesheet, numbers still from the registry only."""
        from .stages import read_input  # records the stylesheet as an input of the job

        html = self.html.render(
            template,
            context,
            catalog=None,
            tag="en",
            item=item,
            where=Location(self.project.paths.templates / template),
            known_bad=self.project.known_bad,
            strict_numbers=False,
        )
        css = read_input(self.project.paths.templates / OFFICE_CSS).decode("utf-8")
        return self.pdf.lay_out(html.html, [design.css(False), css], item, template)
