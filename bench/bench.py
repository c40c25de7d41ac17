#!/usr/bin/env python3
"""Benchmark of the default campaign (not a test: figures, not pass/fail), whole commands as a
user runs them, measured side by side in one run so that the ratios hold on a loaded machine:

1. the speed-up of --jobs 2 over --jobs 1 (target: at least 1.7x on 2 cores);
2. a no-op rebuild (target: under 1 s, and under 5 % of a full build);
3. an incremental rebuild after one language's catalog changed: only that language's items are
   rebuilt (target: under 10 % of a full build).

Per-language ratios: bench/languages.py. The web page's warm preview against a cold build:
bench/web.py.

Run from the project root:  .venv/bin/python bench/bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHANGED_CATALOG = Path("translations/es/LC_MESSAGES/messages.po")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is printed")
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "project"
        shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "output", "*.mo", "__pycache__"))
        out = Path(scratch) / "out"
        one = _median(repeat, lambda: _build(project, out, "--jobs", "1", "--force")[0])
        two = _median(repeat, lambda: _build(project, out, "--jobs", "2", "--force")[0])
        print(f"default campaign, medians of {repeat} runs\n")
        print(f"1. build --jobs 1                  {one:6.2f} s")
        print(f"   build --jobs 2                  {two:6.2f} s   speed-up {one / two:.2f}x   (target >= 1.7x)")
        noop = _median(repeat, lambda: _build(project, out)[0])
        print(f"2. no-op rebuild                   {noop:6.2f} s   {noop / two:.0%} of a full build   (target < 1 s)")
        catalog = project / CHANGED_CATALOG
        original = catalog.read_text(encoding="utf-8")
        seconds, rebuilt = [], ""
        for turn in range(repeat):
            catalog.write_text(original + f"\n# bench edit {turn}\n", encoding="utf-8")
            taken, rebuilt = _build(project, out)
            seconds.append(taken)
        catalog.write_text(original, encoding="utf-8")
        incremental = statistics.median(seconds)
        print(f"3. after {CHANGED_CATALOG} changed {incremental:6.2f} s   {incremental / two:.0%} of a full build; {rebuilt}")
    return 0


def _build(project: Path, out: Path, *args: str) -> tuple[float, str]:
    """Seconds, and the build's own line saying what it built."""
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, str(project / "make_materials.py"), "build", "--out", str(out), *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    taken = time.perf_counter() - started
    summary = re.search(r"^(Built .*|Nothing to do.*)$", run.stderr, re.MULTILINE)
    return taken, summary.group(1) if summary else run.stderr.strip().splitlines()[-1]


def _median(repeat: int, run) -> float:  # type: ignore[no-untyped-def]
    return statistics.median(run() for _ in range(repeat))


if __name__ == "__main__":
    sys.exit(main())
