"""Diagnostics: the one type for everything the tool has to tell a user about their input.

A diagnostic has a stable code (what kind of problem, e.g. ``number.typed``), a severity, a
location (file and line), the item it concerns (``us/es/poster``) and a short message. The
command line, `check`, the web page and the JSON output all print the same objects.

A user error is raised as a `ProjectError` carrying one or more diagnostics; it never
reaches the user as a traceback.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and the line in it when known."""

    path: Path
    line: int | None = None

    def __str__(self) -> str:
        shown = display_path(self.path)
        return f"{shown}:{self.line}" if self.line else str(shown)


_display_root: Path | None = None


def set_display_root(root: Path) -> None:
    """Messages name files relative to the project root, as the user knows them."""
    global _display_root
    _display_root = root.resolve()


def display_path(path: Path) -> str:
    root = _display_root or Path.cwd().resolve()
    try:
        return str(path.resolve().relative_to(root)) if path.is_absolute() else str(path)
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Diagnostic:
    code: str  # stable: "number.typed", "catalog.placeholder", "law.partial" ...
    message: str
    severity: Severity = Severity.ERROR
    location: Location | None = None
    item: str | None = None  # the output it concerns: "us/es/poster", "notices/ca_civ_52_6/los_angeles"
    acknowledged: str | None = None  # the reason a campaign gave for accepting it

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def for_item(self, item: str) -> Diagnostic:
        return self if self.item else replace(self, item=item)

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message} [{self.code}]"

    def line(self) -> str:
        """One line as the command line prints it."""
        item = f" ({self.item})" if self.item else ""
        return f"{self.severity.value}: {self}{item}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": display_path(self.location.path) if self.location else None,
            "line": self.location.line if self.location else None,
            "item": self.item,
            "message": self.message,
            "acknowledged": self.acknowledged,
        }


def error(code: str, message: str, location: Location | None = None, item: str | None = None) -> Diagnostic:
    return Diagnostic(code, message, Severity.ERROR, location, item)


def warning(code: str, message: str, location: Location | None = None, item: str | None = None) -> Diagnostic:
    return Diagnostic(code, message, Severity.WARNING, location, item)


class ProjectError(Exception):
    """A problem in the user's input: printed as located diagnostics, never a traceback."""

    def __init__(self, diagnostics: Diagnostic | Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = (diagnostics,) if isinstance(diagnostics, Diagnostic) else tuple(diagnostics)
        super().__init__("\n".join(str(diagnostic) for diagnostic in self.diagnostics))

    @classmethod
    def of(cls, code: str, message: str, location: Location | None = None, item: str | None = None) -> ProjectError:
        return cls(error(code, message, location, item))

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]


class Collector:
    """Collects diagnostics during validation; `raise_if_errors` aborts once, with all of them."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def add(self, code: str, message: str, location: Location | None = None, item: str | None = None) -> None:
        self.diagnostics.append(error(code, message, location, item))

    def warn(self, code: str, message: str, location: Location | None = None, item: str | None = None) -> None:
        self.diagnostics.append(warning(code, message, location, item))

    def extend(self, diagnostics: Iterable[Diagnostic] | ProjectError) -> None:
        self.diagnostics.extend(diagnostics.diagnostics if isinstance(diagnostics, ProjectError) else diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [diagnostic for diagnostic in self.diagnostics if diagnostic.is_error]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ProjectError(self.errors)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)


@dataclass(frozen=True)
class Acknowledgement:
    """A campaign's word that a warning was looked at and accepted, for some items."""

    code: str
    items: str  # a glob over item names: "notices/ca_civ_52_6/*", "*"
    reason: str
    location: Location | None = None

    def covers(self, diagnostic: Diagnostic) -> bool:
        return not diagnostic.is_error and diagnostic.code == self.code and fnmatch.fnmatchcase(diagnostic.item or "", self.items)


@dataclass
class Acknowledgements:
    entries: tuple[Acknowledgement, ...] = ()
    used: set[int] = field(default_factory=set)

    def apply(self, diagnostic: Diagnostic) -> Diagnostic:
        for index, entry in enumerate(self.entries):
            if entry.covers(diagnostic):
                self.used.add(index)
                return replace(diagnostic, acknowledged=entry.reason)
        return diagnostic

    def unused(self) -> list[Acknowledgement]:
        return [entry for index, entry in enumerate(self.entries) if index not in self.used]
