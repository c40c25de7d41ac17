#!/usr/bin/env python3
"""Benchmark of the web page (not a test: figures, not pass/fail), side by side:

1. a cold `make_materials.py build` of one poster, whole command (--force: it renders);
2. a warm preview request to the running server (`make_materials.py serve`) for the same
   poster, with choices it has not seen (a new main colour each time, so no cache can answer):
   the frame's page and its first image (target: at least 5x faster than 1);
3. the same preview asked again (served from the cache keyed by content);
4. for reference, a warm download: a real build through the pipeline, read back before it is sent.

Run from the project root:  .venv/bin/python bench/web.py [--repeat N] [--material ID] [--lang CODE]
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGE = re.compile(r'src="(/preview/[0-9a-f]{64}/1\.png)"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the median is printed")
    parser.add_argument("--material", default="poster")
    parser.add_argument("--lang", default="es")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        cold = _median(args.repeat, lambda: _cold_build(args.material, args.lang, Path(out)))
    with _server() as base:
        choices = {"material": args.material, "lang": args.lang, "region": "us"}
        colours = (choices | {"colours": "on", "primary": f"#0b4f{blue:02x}"} for blue in range(256))  # dark: readable
        _post(base, "/preview", next(colours))  # the first request loads the fonts of this language
        fresh = _median(args.repeat, lambda: _preview(base, next(colours)))
        again = next(colours)
        repeated = _median(args.repeat, lambda: _preview(base, again))
        download = _median(args.repeat, lambda: _post(base, "/download", next(colours)))
    print(f"{args.material} in {args.lang}; medians of {args.repeat} runs\n")
    print(f"1. cold build, whole command        {cold:6.3f} s")
    print(f"2. warm preview, new choices        {fresh:6.3f} s   {cold / fresh:5.1f}x faster   (target >= 5x)")
    print(f"3. warm preview, asked again        {repeated:6.3f} s   {cold / repeated:5.1f}x faster")
    print(f"4. warm download (built, read back) {download:6.3f} s   {cold / download:5.1f}x faster")
    return 0


def _cold_build(material: str, lang: str, out: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "make_materials.py"),
            "build",
            "--material",
            material,
            "--lang",
            lang,
            "--force",
            "--out",
            str(out),
        ],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _preview(base: str, fields: dict[str, str]) -> None:
    frame = _post(base, "/preview", fields)
    image = IMAGE.search(frame)
    if image is None:
        raise SystemExit(f"no preview image in the answer: {frame[:400]}")
    with urllib.request.urlopen(base + image.group(1)) as answer:
        answer.read()


def _post(base: str, path: str, fields: dict[str, str]) -> str:
    data = urllib.parse.urlencode(fields).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, data=data)) as answer:
            return answer.read().decode(errors="replace")
    except urllib.error.HTTPError as refused:
        page = refused.read().decode(errors="replace")
        said = re.findall(r"<p>(.*?)</p>|<li lang=\"en\">(.*?)</li>", page, re.DOTALL)
        raise SystemExit(f"{path} answered {refused.code}: {' '.join(part for pair in said for part in pair)}") from None


class _server:
    """`make_materials.py serve` on a free port, for the length of a `with`."""

    def __enter__(self) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "make_materials.py"), "serve", "--port", str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/").read()
                return base
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.process.kill()
                    raise SystemExit("the server did not start") from None
                time.sleep(0.1)

    def __exit__(self, *_exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _median(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
