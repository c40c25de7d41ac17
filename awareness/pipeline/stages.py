"""The stages every output goes through, whatever it is: resolve (plain data, in the main
process) -> render (bytes) -> write (a temporary file beside the target) -> verify (read the
temporary file back) -> commit (rename into place). A job whose render or verify fails leaves
its previous good file where it was, and reports why in diagnostics.

Each kind of output is a `JobType` with three methods (resolve, render, verify); `run_job` is
the one place that sequences them, records what the job read, and writes atomically.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..files import commit, record_read, recording_reads, sha256_bytes, sha256_file, temporary_beside
from ..model.diagnostics import Diagnostic, ProjectError, Severity, error
from .jobs import JobKey, target_path

if TYPE_CHECKING:
    from ..model.project import Project
    from .tools import WorkerTools


@dataclass
class Rendered:
    data: bytes
    pages: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings and notes of the render
    facts: dict[str, Any] = field(default_factory=dict)  # for the manifest: text scale, printed values ...


class Spec(Protocol):
    @property
    def key(self) -> JobKey: ...


class JobType(Protocol):
    @property
    def kind(self) -> str: ...

    def resolve(self, project: Project, key: JobKey, options: BuildOptions) -> Spec: ...

    def render(self, spec: Any, tools: WorkerTools) -> Rendered: ...

    def verify(self, spec: Any, path: Path, tools: WorkerTools) -> list[Diagnostic]: ...


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    release: bool = False
    jobs: int | None = None  # None: one per core
    scheduler: str | None = None  # a Dask scheduler address
    force: bool = False  # rebuild even what is up to date
    debug: bool = False  # show tracebacks of internal errors


@dataclass
class JobResult:
    key: JobKey
    path: Path | None = None
    sha256: str = ""
    pages: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    up_to_date: bool = False
    inputs: dict[str, str] = field(default_factory=dict)  # file read -> its sha256
    facts: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""

    @property
    def ok(self) -> bool:
        return not any(diagnostic.is_error for diagnostic in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [diagnostic for diagnostic in self.diagnostics if diagnostic.is_error]


def run_job(job_type: JobType, spec: Spec, tools: WorkerTools, out_dir: Path, fingerprint: str = "") -> JobResult:
    """Render, write, verify and commit one output; never raises for the user's input."""
    started = time.perf_counter()
    result = JobResult(spec.key, fingerprint=fingerprint)
    try:
        target = target_path(out_dir, spec.key)
        with recording_reads() as reads:
            rendered = job_type.render(spec, tools)
        result.diagnostics.extend(d.for_item(spec.key.name) for d in rendered.diagnostics)
        if not result.ok:
            return _finished(result, started)
        temporary = temporary_beside(target)
        try:
            temporary.write_bytes(rendered.data)
            result.diagnostics.extend(d.for_item(spec.key.name) for d in job_type.verify(spec, temporary, tools))
            if result.ok:
                commit(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        if result.ok:
            result.path, result.sha256, result.pages, result.facts = (
                target,
                sha256_bytes(rendered.data),
                rendered.pages,
                rendered.facts,
            )
            result.inputs = {tools.project.paths.relative(path): sha256_file(path) for path in reads if path.is_file()}
    except ProjectError as problem:
        result.diagnostics.extend(d.for_item(spec.key.name) for d in problem.diagnostics)
    except OSError as problem:  # the output folder cannot be written: the user's to fix
        result.diagnostics.append(
            error(
                "output.unwritable",
                f"cannot write {problem.filename or out_dir}: {problem.strerror or problem}",
                item=spec.key.name,
            )
        )
    except Exception:  # a crash is a bug in the tool: say so, keep building the rest
        detail = traceback.format_exc() if tools.debug else "run again with --debug to see where"
        result.diagnostics.append(
            Diagnostic(
                "internal",
                f"internal error while building it (a bug, please report it): {detail}",
                Severity.ERROR,
                item=spec.key.name,
            )
        )
    return _finished(result, started)


def _finished(result: JobResult, started: float) -> JobResult:
    result.seconds = time.perf_counter() - started
    return result


def read_input(path: Path) -> bytes:
    """Read a project file a job depends on, recording it for the next incremental build."""
    record_read(path)
    return path.read_bytes()
