"""The engine as the web page drives it: one warm WorkerTools per server process (WeasyPrint,
fonts, templates and stylesheets loaded once) and one lock around it.

- A preview is the pipeline's own resolve and render stages of one job, its pages rasterised
  with pypdfium2: the picture of what the download prints, without the write and read-back
  that a kept file needs (they take most of a build's time).
- A download is a real build through the pipeline, so every file a visitor gets has been
  read back and proved like any other output.

Engine work is serialised: the tools and PDFium are not meant to be shared across threads, and
an ad-hoc campaign is registered in the project only while it is resolved and built.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pypdfium2 as pdfium

from ..model.diagnostics import Diagnostic
from ..model.material import Campaign
from ..model.project import Project
from ..pipeline.build import BuildReport, BuildRequest, build
from ..pipeline.jobs import JobKey
from ..pipeline.kinds import JOB_TYPES
from ..pipeline.stages import BuildOptions
from ..pipeline.tools import WorkerTools
from .cache import LruCache

PREVIEW_WIDTH_PX = 620  # a page as wide as the preview column
THUMBNAIL_WIDTH_PX = 220  # the translators' page: a glance at the layout
PREVIEW_CACHE_BYTES = 96 * 1024 * 1024
DOWNLOAD_CACHE_BYTES = 128 * 1024 * 1024
Made = TypeVar("Made")


@dataclass(frozen=True)
class Preview:
    pages: tuple[bytes, ...]  # PNG, one per page
    notes: tuple[Diagnostic, ...]  # warnings and notes of the render

    @property
    def size(self) -> int:
        return sum(len(page) for page in self.pages)


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    media_type: str

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class BuiltFile:
    key: JobKey
    name: str
    data: bytes


class BuildFailed(Exception):
    """Some output could not be built or did not pass its read-back."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(diagnostic.message for diagnostic in diagnostics))
        self.diagnostics = diagnostics


class WebEngine:
    def __init__(self, project: Project, cache_dir: Path) -> None:
        self.project = project
        self.tools = WorkerTools(project)
        self.cache_dir = cache_dir  # plain (not co-branded) outputs, kept by the pipeline's manifest
        self.previews: LruCache[Preview] = LruCache(PREVIEW_CACHE_BYTES)
        self.downloads: LruCache[Download] = LruCache(DOWNLOAD_CACHE_BYTES)
        self._lock = threading.Lock()
        self._made: dict[str, Any] = {}

    def warm_up(self) -> None:
        """Load WeasyPrint, the fonts and the stylesheet before the first visitor does."""
        with self._lock:
            _ = self.tools.pdf

    def once(self, name: str, make: Callable[[], Made]) -> Made:
        """Made on first use, under the lock, and kept for the life of the process."""
        with self._lock:
            if name not in self._made:
                self._made[name] = make()
            made: Made = self._made[name]
            return made

    def preview(self, key: str, campaign: Campaign, job: JobKey, width_px: int = PREVIEW_WIDTH_PX) -> Preview:
        """The pages of one job as images; a ProjectError (does not fit, unknown name ...) is raised."""
        cached = self.previews.get(key)
        if cached is not None:
            return cached
        with self._lock, registered(self.project, campaign):
            job_type = JOB_TYPES[job.kind]
            spec = job_type.resolve(self.project, job, BuildOptions(self.cache_dir, jobs=1))
            rendered = job_type.render(spec, self.tools)
            preview = Preview(pages_as_png(rendered.data, width_px), tuple(rendered.diagnostics))
        self.previews.put(key, preview)
        return preview

    def build_files(self, campaign: Campaign, request: BuildRequest, out_dir: Path, kinds: tuple[str, ...]) -> list[BuiltFile]:
        """Build through the pipeline and read back the files of these kinds (before `out_dir`,
        perhaps a request's temporary folder, goes away)."""
        with self._lock, registered(self.project, campaign):
            report = build(self.project, request, BuildOptions(out_dir, jobs=1), campaign=campaign, tools=self.tools)
            _raise_if_failed(report)
            return [
                BuiltFile(result.key, result.path.name, result.path.read_bytes())
                for result in report.results
                if result.key.kind in kinds and result.path is not None
            ]


def _raise_if_failed(report: BuildReport) -> None:
    errors = [diagnostic for result in report.failed for diagnostic in result.errors]
    if errors:
        raise BuildFailed(errors)


@contextmanager
def registered(project: Project, campaign: Campaign) -> Iterator[None]:
    """The ad-hoc campaign in the project while a job resolves (resolve reads it by name), then
    whatever was there before: a visitor's choices never outlive their request."""
    before = project.campaigns.get(campaign.name)
    project.campaigns[campaign.name] = campaign
    try:
        yield
    finally:
        if before is None:
            project.campaigns.pop(campaign.name, None)
        else:
            project.campaigns[campaign.name] = before


def pages_as_png(pdf: bytes, width_px: int) -> tuple[bytes, ...]:
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            buffer = io.BytesIO()
            page.render(scale=width_px / page.get_width()).to_pil().save(buffer, "PNG")
            pages.append(buffer.getvalue())
        return tuple(pages)
    finally:
        document.close()
