#!/usr/bin/env python3
"""Benchmark of the default campaign (not a test: figures, not pass/fail). Prints:

1. our serial build against bare WeasyPrint rendering the same HTML in the same process
   (target: at most 1.15x);
2. the speed-up of --jobs 2 over --jobs 1, whole commands (target: at least 1.7x on 2 cores);
3. the time of a no-op rebuild, whole command (target: under 1 s);
4. per material, the slowest language against English (target: at most 2x).

Run from the project root:  .venv/bin/python bench/bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awareness.build import BuildOptions, build_items  # noqa: E402
from awareness.htmlrender import HtmlRenderer  # noqa: E402
from awareness.loader import load_project  # noqa: E402
from awareness.resolve import plan_items, resolve_job  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is printed")
    repeat = parser.parse_args().repeat
    project = load_project(ROOT)
    items = plan_items(project, "default")
    print(f"default campaign: {len(items)} PDFs; medians of {repeat} runs\n")

    ours, per_item = _median_run(repeat, lambda: _our_serial_build(project, items))
    bare = _median(repeat, lambda: _bare_weasyprint(project, items))
    print(f"1. ours (serial, in process)      {ours:6.2f} s")
    print(f"   bare WeasyPrint, same HTML      {bare:6.2f} s   ratio {ours / bare:.2f}x   (target <= 1.15x)")

    one = _median(repeat, lambda: _command("--jobs", "1", "--force"))
    two = _median(repeat, lambda: _command("--jobs", "2", "--force"))
    print(f"2. build --jobs 1 (whole command)  {one:6.2f} s")
    print(f"   build --jobs 2 (whole command)  {two:6.2f} s   speed-up {one / two:.2f}x   (target >= 1.7x)")

    with tempfile.TemporaryDirectory() as out:
        _command("--out", out)
        noop = _median(repeat, lambda: _command("--out", out))
    print(f"3. no-op rebuild (whole command)   {noop:6.2f} s   (target < 1 s)")

    print("4. slowest language / English, per material (target <= 2x):")
    for material, ratio, slowest in _language_ratios(per_item):
        print(f"   {material:<12} {ratio:.2f}x  (slowest: {slowest})")
    return 0


def _our_serial_build(project, items) -> dict:
    with tempfile.TemporaryDirectory() as out:
        report = build_items(project, items, BuildOptions(Path(out), jobs=1, force=True))
    return {(result.item.material, result.item.language): result.seconds for result in report.results}


def _bare_weasyprint(project, items) -> None:
    """What a script calling WeasyPrint directly would do with our HTML and stylesheet."""
    from weasyprint import HTML

    renderer = HtmlRenderer(project.paths.templates)
    pages = [renderer.render(resolve_job(project, item)).html for item in items]  # not timed below
    stylesheet = str(project.paths.templates / "materials.css")
    started = time.perf_counter()
    for html in pages:
        HTML(string=html, base_url=str(project.paths.templates)).write_pdf(stylesheets=[stylesheet])
    return time.perf_counter() - started


def _command(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "make_materials.py"), "build", *args],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _median(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        measured = run()
        times.append(measured if isinstance(measured, float) else time.perf_counter() - started)
    return statistics.median(times)


def _median_run(repeat: int, run) -> tuple[float, dict]:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        per_item = run()
        runs.append((time.perf_counter() - started, per_item))
    runs.sort(key=lambda pair: pair[0])
    return runs[len(runs) // 2]


def _language_ratios(per_item: dict) -> list[tuple[str, float, str]]:
    by_material = defaultdict(dict)
    for (material, language), seconds in per_item.items():
        by_material[material][language] = seconds
    rows = []
    for material, times in sorted(by_material.items()):
        slowest = max(times, key=times.get)
        rows.append((material, times[slowest] / times["en"], slowest))
    return rows


if __name__ == "__main__":
    sys.exit(main())
