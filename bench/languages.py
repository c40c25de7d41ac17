#!/usr/bin/env python3
"""Benchmark of the languages (not a test: figures, not pass/fail). Builds every material of
the default campaign in every language of its region, serially in one process, and prints per
material each language's time relative to English and the slowest ratio (target: at most 2x).

The time of an item is the pipeline's own (resolve, render, auto-fit, write, read back), taken
as the median of --repeat builds, so that a moment of load on a shared machine moves it less.

Run from the project root:  .venv/bin/python bench/languages.py [--repeat N] [--material ID]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awareness.load.project import load_project  # noqa: E402
from awareness.pipeline.build import BuildRequest, build  # noqa: E402
from awareness.pipeline.stages import BuildOptions  # noqa: E402

TARGET = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="builds per item; the median is used")
    parser.add_argument("--material", action="append", help="only these materials (repeatable)")
    parser.add_argument("--all", action="store_true", help="print every language, not only the five slowest")
    args = parser.parse_args()
    project = load_project(ROOT)
    request = BuildRequest("default", materials=tuple(args.material) if args.material else None)
    with tempfile.TemporaryDirectory() as out:  # warm-up, not timed: the first item loads fonts and WeasyPrint
        build(project, BuildRequest("default", request.materials, ("en",)), BuildOptions(Path(out), jobs=1, force=True))
    times: dict[tuple[str, str], list[float]] = defaultdict(list)
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as out:
            report = build(project, request, BuildOptions(Path(out), jobs=1, force=True))
        for result in report.results:
            if result.ok:
                times[result.key.subject, result.key.language].append(result.seconds)
            else:
                print(f"failed: {result.key.subject} {result.key.language}", file=sys.stderr)
    by_material: dict[str, dict[str, float]] = defaultdict(dict)
    for (material, language), seconds in times.items():
        by_material[material][language] = statistics.median(seconds)
    languages = len({language for _material, language in times})
    print(f"default campaign: {languages} languages; per item the median of {args.repeat} serial builds\n")
    worst = 0.0
    for material, per_language in sorted(by_material.items()):
        english = per_language["en"]
        ranked = sorted(per_language.items(), key=lambda pair: -pair[1])
        slowest, seconds = ranked[0]
        worst = max(worst, seconds / english)
        ratio = seconds / english
        verdict = "met" if ratio <= TARGET else "NOT met"
        print(f"{material:<12} en {english:5.2f} s   slowest {slowest} {ratio:.2f}x   (target <= {TARGET}x: {verdict})")
        for language, lang_seconds in ranked if args.all else ranked[:5]:
            print(f"   {language:<8} {lang_seconds:5.2f} s  {lang_seconds / english:.2f}x")
    print(f"\nslowest ratio over all materials: {worst:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
