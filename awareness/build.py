"""The build, as the pipeline reads: (the project is loaded and validated), plan what is out
of date, build it with the chosen runner, then record the manifest and, if asked, bundle.
One broken item does not stop the others; the report sums up what was built, what was
already up to date, what failed and what printed in English for want of a translation."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ProjectError
from .incremental import Fingerprints, Manifest
from .itembuilder import ItemResult
from .model import Project
from .resolve import BuildItem
from .runner import WorkerSettings, make_runner

Progress = Callable[[int, int, ItemResult], None]


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    release: bool = False
    jobs: int | None = None  # None: one per core
    scheduler: str | None = None  # a Dask scheduler address
    force: bool = False  # rebuild even what is up to date
    sheets: bool = False  # also impose office sheets of the materials that declare one


@dataclass
class BuildReport:
    results: list[ItemResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # problems of the batch, not of one item
    seconds: float = 0.0

    @property
    def failed(self) -> list[ItemResult]:
        return [result for result in self.results if not result.ok]

    @property
    def rendered(self) -> list[ItemResult]:
        return [result for result in self.results if result.ok and not result.up_to_date]

    def fit_notes(self) -> list[str]:
        """Items whose type auto-fit shrank, and by how much (within the declared minimum)."""
        return [f"{result.item}: type set at {result.text_scale:.0%} of full size to fit"
                for result in self.results if result.ok and result.text_scale < 1.0]

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


def build_items(project: Project, items: list[BuildItem], options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport(warnings=list(project.warnings))
    fingerprints = Fingerprints(project, {"release": options.release, "sheets": options.sheets})
    manifests: dict[str, Manifest] = {}
    pending, up_to_date, known = _plan(project, items, options, fingerprints, manifests)

    def finish(result: ItemResult) -> None:
        if result.ok and not result.up_to_date:
            _record(project, manifests[result.item.campaign], result, known[result.item], fingerprints)
        report.results.append(result)
        if progress:
            progress(len(report.results), len(items), result)

    for result in up_to_date:
        finish(result)
    pending.sort(key=lambda item: -_expected_seconds(manifests[item.campaign], item, project))
    settings = WorkerSettings(project.paths.root, options.out_dir, options.release, options.sheets)
    make_runner(project, settings, options.jobs, options.scheduler, len(pending)).run(pending, finish)
    for campaign, manifest in manifests.items():
        try:
            manifest.save(options.out_dir / campaign)
        except OSError as error:
            report.errors.append(f"cannot write {error.filename or manifest.path}: {error.strerror or error}")
    report.warnings.extend(report.fallback_warnings())
    report.seconds = time.perf_counter() - started
    return report


def _plan(project: Project, items: list[BuildItem], options: BuildOptions, fingerprints: Fingerprints,
          manifests: dict[str, Manifest]) -> tuple[list[BuildItem], list[ItemResult], dict[BuildItem, str | None]]:
    """The items to render, the results of those already up to date, and every fingerprint."""
    pending, up_to_date, known = [], [], {}
    for item in items:
        manifest = manifests.setdefault(item.campaign, Manifest.load(options.out_dir / item.campaign / "manifest.json"))
        known[item] = fingerprint = _fingerprint(fingerprints, item)
        if fingerprint and not options.force and manifest.up_to_date(item, fingerprint, options.out_dir):
            entry = manifest.entries[str(item)]
            up_to_date.append(ItemResult(item, item.output_path(options.out_dir), entry["pages"], entry["sha256"],
                                         fallbacks=frozenset(entry.get("untranslated", ())), up_to_date=True,
                                         text_scale=entry.get("text_scale", 1.0)))
        else:
            pending.append(item)
    return pending, up_to_date, known


def _expected_seconds(manifest: Manifest, item: BuildItem, project: Project) -> float:
    """Longest first keeps all workers busy to the end: last build's time, else the pages."""
    entry = manifest.entries.get(str(item))
    if entry and "seconds" in entry:
        return entry["seconds"]
    material = project.materials.get(item.material)
    return 0.2 * material.pages if material else 0.0


def _fingerprint(fingerprints: Fingerprints, item: BuildItem) -> str | None:
    try:
        return fingerprints.fingerprint(item)
    except (KeyError, ProjectError, OSError):
        return None  # a broken material or catalog: the build reports it


def _record(project: Project, manifest: Manifest, result: ItemResult, fingerprint: str | None, fingerprints: Fingerprints) -> None:
    inputs = [project.paths.relative(path) for path in fingerprints.inputs(result.item)]
    review = str(project.languages[result.item.language].review)
    manifest.record(result, fingerprint or "", inputs, review)
