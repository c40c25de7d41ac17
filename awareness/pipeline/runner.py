"""Where jobs are built, behind one interface: in this process, in a pool of worker processes,
or on a Dask cluster. Each worker sets itself up once (project, WeasyPrint, fonts, stylesheet)
and builds many jobs; one broken or crashing job does not stop the rest."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..model.diagnostics import Diagnostic, Severity
from ..model.project import Project
from .stages import JobResult, run_job
from .tools import WorkerTools

OnResult = Callable[[JobResult], None]


@dataclass(frozen=True)
class Task:
    kind: str
    spec: Any
    fingerprint: str


@dataclass(frozen=True)
class WorkerSettings:
    """What a worker needs to set itself up: plain data, sent to processes and clusters."""

    root: Path
    out_dir: Path
    debug: bool = False


_worker_tools: dict[WorkerSettings, WorkerTools] = {}


def build_in_worker(settings: WorkerSettings, task: Task) -> JobResult:
    """The task a worker runs; its tools are made on the first task and kept."""
    from ..load.project import load_project
    from .kinds import JOB_TYPES

    tools = _worker_tools.get(settings)
    if tools is None:
        tools = _worker_tools[settings] = WorkerTools(load_project(settings.root), settings.debug)
    return run_job(JOB_TYPES[task.kind], task.spec, tools, settings.out_dir, task.fingerprint)


class Runner(Protocol):
    def run(self, tasks: list[Task], on_result: OnResult) -> None: ...


class SerialRunner:
    """In this process, with the project already loaded (the web server keeps one warm)."""

    def __init__(self, tools: WorkerTools, settings: WorkerSettings) -> None:
        self.tools, self.settings = tools, settings

    def run(self, tasks: list[Task], on_result: OnResult) -> None:
        from .kinds import JOB_TYPES

        for task in tasks:
            on_result(run_job(JOB_TYPES[task.kind], task.spec, self.tools, self.settings.out_dir, task.fingerprint))


class ProcessRunner:
    """A pool of worker processes on this machine."""

    def __init__(self, settings: WorkerSettings, jobs: int) -> None:
        self.settings, self.jobs = settings, jobs

    def run(self, tasks: list[Task], on_result: OnResult) -> None:
        unfinished = self._run_pool(tasks, self.jobs, on_result)
        for task in unfinished:  # a worker died: isolate each task it may have taken down
            for lost in self._run_pool([task], 1, on_result):
                on_result(
                    JobResult(
                        lost.spec.key,
                        diagnostics=[
                            Diagnostic(
                                "internal.worker",
                                "the worker process crashed while building it (a bug, please report it)",
                                Severity.ERROR,
                                item=lost.spec.key.name,
                            )
                        ],
                    )
                )

    def _run_pool(self, tasks: list[Task], jobs: int, on_result: OnResult) -> list[Task]:
        """Build in a pool; returns the tasks left unbuilt when a worker process died."""
        done: set[int] = set()
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = {pool.submit(build_in_worker, self.settings, task): index for index, task in enumerate(tasks)}
            try:
                for future in as_completed(futures):
                    on_result(future.result())
                    done.add(futures[future])
            except BrokenProcessPool:
                return [task for index, task in enumerate(tasks) if index not in done]
        return []


class DaskRunner:
    """The same tasks on a Dask distributed cluster; its workers must see the project root."""

    def __init__(self, settings: WorkerSettings, address: str) -> None:
        self.settings, self.address = settings, address

    def run(self, tasks: list[Task], on_result: OnResult) -> None:
        from distributed import Client
        from distributed import as_completed as dask_completed

        with Client(self.address) as client:
            futures = {client.submit(build_in_worker, self.settings, task, pure=False): task for task in tasks}
            for future in dask_completed(futures):
                try:
                    on_result(future.result())
                except Exception as error:  # a worker died or the cluster failed this task
                    key = futures[future].spec.key
                    on_result(
                        JobResult(
                            key,
                            diagnostics=[
                                Diagnostic(
                                    "internal.cluster", f"the cluster could not build it: {error}", Severity.ERROR, item=key.name
                                )
                            ],
                        )
                    )


def make_runner(
    project: Project,
    settings: WorkerSettings,
    jobs: int | None,
    scheduler: str | None,
    count: int,
    tools: WorkerTools | None = None,
) -> Runner:
    if scheduler:
        return DaskRunner(settings, scheduler)
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or count <= 1:
        return SerialRunner(tools or WorkerTools(project, settings.debug), settings)
    return ProcessRunner(settings, min(jobs, count))
