"""Shared fixtures: the real project built once, and throw-away copies to break."""

from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import json

import pytest
from babel.messages.pofile import read_po, write_po

from awareness.cli import main

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error:")]


def run_cli(root: Path, *argv: str) -> Run:
    """The CLI in-process, as a user would call it from `root`."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv), root=root)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Path]:
    """The default campaign of the real project, built once for all read-back tests."""
    out_dir = tmp_path_factory.mktemp("default-output")
    return run_cli(PROJECT_ROOT, "build", "--out", str(out_dir)), out_dir


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of the project's content (no generated files) that a test may break."""
    for part in ("materials", "templates", "translations"):
        shutil.copytree(PROJECT_ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("*.mo"))
    return tmp_path


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    """1-based line of the first line containing `fragment`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


def set_translation(catalog: Path, msgid: str, msgstr: str, fuzzy: bool = False) -> None:
    """Change one message of a catalog through Babel, as a translator's tool would."""
    with catalog.open("rb") as handle:
        messages = read_po(handle)
    messages[msgid].string = msgstr
    if fuzzy:
        messages[msgid].flags.add("fuzzy")
    with catalog.open("wb") as handle:
        write_po(handle, messages)


def msgstr_line(catalog: Path, msgid: str) -> int:
    lines = catalog.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"msgid {json.dumps(msgid, ensure_ascii=False)}")
    return next(number for number in range(start, len(lines)) if lines[number].startswith("msgstr")) + 1
