"""Shared fixtures: the real project built once (for all workers), and throw-away copies to break."""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

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

    @property
    def warning_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("warning:")]


def run_cli(root: Path, *argv: str) -> Run:
    """The CLI in-process, as a user would call it from `root`."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv), root=root)
    return Run(code, out.getvalue(), err.getvalue())


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str, *argv: str) -> tuple[Run, Path]:
    """A build of the real project made once for the whole test run, whichever worker asks first
    (pytest-xdist runs a session fixture once per worker; a lock file makes them share it)."""
    # The session's folder: under pytest-xdist each worker has its own folder inside it.
    base = tmp_path_factory.getbasetemp()
    base = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = base / f"shared-{name}"
    record = base / f"shared-{name}.json"
    with (base / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            run = run_cli(PROJECT_ROOT, *argv, "--out", str(out))
            record.write_text(json.dumps({"code": run.code, "stdout": run.stdout, "stderr": run.stderr}))
        data = json.loads(record.read_text())
    return Run(data["code"], data["stdout"], data["stderr"]), out


@pytest.fixture(scope="session")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Path]:
    """The default campaign of the real project, built once for all read-back tests."""
    return shared_build(tmp_path_factory, "default", "build")


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


def set_translation(catalog: Path, msgid: str, msgstr: str, fuzzy: bool = False, context: str | None = None) -> None:
    """Change one message of a catalog through Babel, as a translator's tool would."""
    with catalog.open("rb") as handle:
        messages = read_po(handle)
    message = messages.get(msgid, context=context)
    assert message is not None, f"{msgid!r} not in {catalog}"
    message.string = msgstr
    if fuzzy:
        message.flags.add("fuzzy")
    with catalog.open("wb") as handle:
        write_po(handle, messages)


def msgstr_line(catalog: Path, msgid: str) -> int:
    lines = catalog.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"msgid {json.dumps(msgid, ensure_ascii=False)}")
    return next(number for number in range(start, len(lines)) if lines[number].startswith("msgstr")) + 1


def pdfs(out_dir: Path) -> set[str]:
    return {str(path.relative_to(out_dir)) for path in out_dir.rglob("*.pdf")}


def no_temporary_files(out_dir: Path) -> bool:
    return not [path for path in out_dir.rglob("*") if path.name.endswith(".tmp")]
