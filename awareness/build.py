"""The build, as the pipeline reads: load and validate, plan, then per item resolve, render
HTML, lay out and write the PDF. One broken item does not stop the others; the report
sums up what was built, what failed and what was printed in English for want of a
translation."""

from __future__ import annotations

import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ProjectError
from .htmlrender import HtmlRenderer
from .model import Project
from .pdfwriter import PdfWriter, quiet_weasyprint_progress
from .resolve import BuildItem, resolve_job


@dataclass
class ItemResult:
    item: BuildItem
    path: Path | None = None
    pages: int = 0
    error: str | None = None
    fallbacks: frozenset[str] = frozenset()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BuildReport:
    results: list[ItemResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[ItemResult]:
        return [result for result in self.results if not result.ok]

    def fallback_warnings(self) -> list[str]:
        """One line per language that printed English text for missing translations."""
        missing: dict[str, set[str]] = defaultdict(set)
        for result in self.results:
            missing[result.item.language].update(result.fallbacks)
        return [
            f"{language}: {len(messages)} message(s) not translated, printed in English, "
            f"e.g. {sorted(messages)[0]!r}"
            for language, messages in sorted(missing.items())
            if messages
        ]


class ItemBuilder:
    """Renders items one after another with one Jinja environment and one PdfWriter."""

    def __init__(self, project: Project, out_dir: Path, release: bool = False) -> None:
        quiet_weasyprint_progress()
        self.project = project
        self.out_dir = out_dir
        self.release = release
        self.html = HtmlRenderer(project.paths.templates)
        self.pdf = PdfWriter(project.paths.templates)

    def build(self, item: BuildItem) -> ItemResult:
        started = time.perf_counter()
        result = ItemResult(item)
        try:
            job = resolve_job(self.project, item, proof=not self.release)
            rendered = self.html.render(job)
            document = self.pdf.layout(rendered.html, job)
            result.path = item.output_path(self.out_dir)
            self.pdf.write(document, result.path)
            result.pages, result.fallbacks = len(document.pages), rendered.fallbacks
        except ProjectError as error:
            result.error = str(error)
        except Exception:  # a crash is a bug in the tool: say so, keep building the rest
            result.error = "internal error (a bug, please report it):\n" + traceback.format_exc()
        result.seconds = time.perf_counter() - started
        return result


Progress = Callable[[int, int, ItemResult], None]


def build_items(project: Project, items: list[BuildItem], out_dir: Path, progress: Progress | None = None,
                release: bool = False) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport(warnings=list(project.warnings))
    builder = ItemBuilder(project, out_dir, release)
    for index, item in enumerate(items, start=1):
        result = builder.build(item)
        report.results.append(result)
        if progress:
            progress(index, len(items), result)
    report.warnings.extend(report.fallback_warnings())
    report.seconds = time.perf_counter() - started
    return report
