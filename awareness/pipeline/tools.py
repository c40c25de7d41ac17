"""What a worker process keeps between jobs: the loaded project, the Jinja environment, fonts
and parsed stylesheets. Made once per process (WeasyPrint costs 0.6 s to import), reused by
every job the process builds."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.project import Project
from ..render.html import ICON_DIR, HtmlRenderer

if TYPE_CHECKING:
    from ..render.pdf import PdfWriter

COLOUR_PROFILE_DIRS = (Path("/usr/share/color/icc"),)


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
