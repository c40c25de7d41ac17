"""Where items are built, behind one interface: in this process, in a pool of worker
processes, or on a Dask cluster. Each worker sets itself up once (WeasyPrint, fonts,
stylesheet) and builds many items; one broken or crashing item does not stop the rest."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .itembuilder import ItemBuilder, ItemResult
from .loader import load_project
from .model import Project
from .resolve import BuildItem

OnResult = Callable[[ItemResult], None]


@dataclass(frozen=True)
class WorkerSettings:
    """What a worker needs to set itself up: plain data, sent to processes and clusters."""

    root: Path
    out_dir: Path
    release: bool
    sheets: bool = False


_worker_builders: dict[WorkerSettings, ItemBuilder] = {}


def build_in_worker(settings: WorkerSettings, item: BuildItem) -> ItemResult:
    """The task a worker runs; its ItemBuilder is made on the first item and kept."""
    builder = _worker_builders.get(settings)
    if builder is None:
        builder = _worker_builders[settings] = ItemBuilder(load_project(settings.root), settings.out_dir, settings.release, settings.sheets)
    return builder.build(item)


class Runner(Protocol):
    def run(self, items: list[BuildItem], on_result: OnResult) -> None: ...


class SerialRunner:
    """In this process, with the project already loaded."""

    def __init__(self, project: Project, settings: WorkerSettings) -> None:
        self.project, self.settings = project, settings

    def run(self, items: list[BuildItem], on_result: OnResult) -> None:
        if not items:
            return  # nothing to render: do not even load WeasyPrint
        builder = ItemBuilder(self.project, self.settings.out_dir, self.settings.release, self.settings.sheets)
        for item in items:
            on_result(builder.build(item))


class ProcessRunner:
    """A pool of worker processes on this machine."""

    def __init__(self, settings: WorkerSettings, jobs: int) -> None:
        self.settings, self.jobs = settings, jobs

    def run(self, items: list[BuildItem], on_result: OnResult) -> None:
        unfinished = self._run_pool(items, self.jobs, on_result)
        for item in unfinished:  # a worker died: isolate each item it may have taken down
            for lost in self._run_pool([item], 1, on_result):
                on_result(ItemResult(lost, error=f"{lost}: the worker process crashed while building it (a bug, please report it)"))

    def _run_pool(self, items: list[BuildItem], jobs: int, on_result: OnResult) -> list[BuildItem]:
        """Build in a pool; returns the items left unbuilt when a worker process died."""
        done: set[BuildItem] = set()
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = {pool.submit(build_in_worker, self.settings, item): item for item in items}
            try:
                for future in as_completed(futures):
                    on_result(future.result())
                    done.add(futures[future])
            except BrokenProcessPool:
                return [item for item in items if item not in done]
        return []


class DaskRunner:
    """The same tasks on a Dask distributed cluster; its workers must see the project root."""

    def __init__(self, settings: WorkerSettings, address: str) -> None:
        self.settings, self.address = settings, address

    def run(self, items: list[BuildItem], on_result: OnResult) -> None:
        from distributed import Client, as_completed as dask_completed

        with Client(self.address) as client:
            futures = {client.submit(build_in_worker, self.settings, item, pure=False): item for item in items}
            for future in dask_completed(futures):
                try:
                    on_result(future.result())
                except Exception as error:  # a worker died or the cluster failed this task
                    item = futures[future]
                    on_result(ItemResult(item, error=f"{item}: the cluster could not build it: {error}"))


def make_runner(project: Project, settings: WorkerSettings, jobs: int | None, scheduler: str | None, count: int) -> Runner:
    if scheduler:
        return DaskRunner(settings, scheduler)
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or count <= 1:
        return SerialRunner(project, settings)
    return ProcessRunner(settings, min(jobs, count))
