"""The build, as the pipeline reads: (the project is loaded and validated), plan the outputs,
and for each phase resolve every job, skip those up to date, run the rest through one runner,
record them in the manifest. Then sheets, tiles and text exports from what phase 1 made; then
bundles and the proof page. One broken job does not stop the others; the report sums up."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.diagnostics import Acknowledgements, Diagnostic, Location, ProjectError, Severity
from ..model.material import Campaign
from ..model.project import Project
from .jobs import JobKey, campaign_dir, output_path
from .kinds import JOB_TYPES, derived_keys, final_keys, notice_keys
from .manifest import Manifest, fingerprint
from .resolve import campaign_of, plan_materials
from .runner import Task, WorkerSettings, make_runner
from .stages import BuildOptions, JobResult
from .tools import WorkerTools

Progress = Callable[[int, int, JobResult], None]


@dataclass(frozen=True)
class BuildRequest:
    """What to build: a campaign, narrowed or extended by the command line."""

    campaign: str
    materials: tuple[str, ...] | None = None
    languages: tuple[str, ...] | None = None
    region: str | None = None
    sheets: bool = False
    tiles: bool = False
    text_exports: bool = False
    bundle: bool = False
    only_notices: bool = False  # build --law: the notices alone
    extra_keys: tuple[JobKey, ...] = ()  # outputs asked for by name: a site's checklist (post), patch labels (patch)


@dataclass
class BuildReport:
    results: list[JobResult] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # of the batch, not of one output
    seconds: float = 0.0

    @property
    def failed(self) -> list[JobResult]:
        return [result for result in self.results if not result.ok]

    @property
    def rendered(self) -> list[JobResult]:
        return [result for result in self.results if result.ok and not result.up_to_date]

    def all_diagnostics(self) -> list[Diagnostic]:
        return [*self.diagnostics, *(d for result in self.results for d in result.diagnostics)]


def build(
    project: Project,
    request: BuildRequest,
    options: BuildOptions,
    progress: Progress | None = None,
    campaign: Campaign | None = None,
    tools: WorkerTools | None = None,
) -> BuildReport:
    started = time.perf_counter()
    campaign = campaign or campaign_of(project, request.campaign)
    project.campaigns.setdefault(campaign.name, campaign)  # an ad-hoc campaign (build --law, the web page) resolves like any
    report = BuildReport(diagnostics=list(project.diagnostics))
    manifest = Manifest.load(campaign_dir(options.out_dir, campaign.name))
    if manifest.problem:
        report.diagnostics.append(manifest.problem)
    run = _PhaseRunner(project, options, manifest, report, progress, tools)
    keys = (
        []
        if request.only_notices
        else plan_materials(project, campaign, list(request.materials or ()), list(request.languages or ()), request.region)
    )
    keys += notice_keys(project, campaign, request)
    first = run.phase(keys, campaign)
    second = run.phase(derived_keys(project, campaign, request, first), campaign)
    run.phase(final_keys(campaign, request, first + second), campaign)
    try:
        manifest.save()
    except OSError as error:
        report.diagnostics.append(
            ProjectError.of(
                "output.unwritable", f"cannot write {error.filename or manifest.path}: {error.strerror or error}"
            ).first
        )
    acknowledge(report, campaign)
    report.seconds = time.perf_counter() - started
    return report


class _PhaseRunner:
    def __init__(
        self,
        project: Project,
        options: BuildOptions,
        manifest: Manifest,
        report: BuildReport,
        progress: Progress | None,
        tools: WorkerTools | None,
    ) -> None:
        self.project, self.options, self.manifest, self.report = project, options, manifest, report
        self.progress, self.tools = progress, tools
        self.file_hashes: dict[str, str] = {}
        self.total = 0

    def phase(self, keys: list[JobKey], campaign: Campaign) -> list[JobResult]:
        if not keys:
            return []
        self.total += len(keys)
        results: list[JobResult] = []
        pending: list[Task] = []
        for key in keys:
            task_or_result = self._plan(key)
            if isinstance(task_or_result, Task):
                pending.append(task_or_result)
            else:
                self._finish(task_or_result, results)
        pending.sort(key=lambda task: -self.manifest.expected_seconds(task.spec.key))
        settings = WorkerSettings(self.project.paths.root, self.options.out_dir, self.options.debug)
        runner = make_runner(self.project, settings, self.options.jobs, self.options.scheduler, len(pending), self.tools)
        if pending:
            runner.run(pending, lambda result: self._finish(result, results))
        return results

    def _plan(self, key: JobKey) -> Task | JobResult:
        job_type = JOB_TYPES[key.kind]
        try:
            spec = job_type.resolve(self.project, key, self.options)
        except ProjectError as problem:
            return JobResult(key, diagnostics=[d.for_item(key.name) for d in problem.diagnostics])
        print_fingerprint = fingerprint(key.kind, spec)
        if not self.options.force:
            done = self.manifest.up_to_date(key, print_fingerprint, self.file_hashes, self.project.paths.root)
            if done:
                done.diagnostics = _recorded_warnings(self.manifest, key, self.project.paths.root)
                return done
        return Task(key.kind, spec, print_fingerprint)

    def _finish(self, result: JobResult, results: list[JobResult]) -> None:
        if result.ok and not result.up_to_date:
            self.manifest.record(result)
        results.append(result)
        self.report.results.append(result)
        if self.progress:
            self.progress(len(self.report.results), self.total, result)


def _recorded_warnings(manifest: Manifest, key: JobKey, root: Path) -> list[Diagnostic]:
    """Warnings of an output that is up to date are still true: repeat them."""
    entry = manifest.entries.get(str(output_path(key)), {})
    found = []
    for item in entry.get("warnings", []):
        location = Location(root / item["file"], item.get("line")) if item.get("file") else None
        found.append(Diagnostic(item["code"], item["message"], Severity(item["severity"]), location, item.get("item")))
    return found


def acknowledge(report: BuildReport, campaign: Campaign) -> None:
    """Mark the warnings the campaign acknowledged (with its reason); --strict ignores those."""
    acknowledgements = Acknowledgements(campaign.acknowledge)
    report.diagnostics = [acknowledgements.apply(d) for d in report.diagnostics]
    for result in report.results:
        result.diagnostics = [acknowledgements.apply(d) for d in result.diagnostics]


def summary_facts(report: BuildReport) -> dict[str, Any]:
    return {
        "built": len(report.results) - len(report.failed),
        "total": len(report.results),
        "rendered": len(report.rendered),
        "failed": len(report.failed),
        "seconds": round(report.seconds, 2),
    }
