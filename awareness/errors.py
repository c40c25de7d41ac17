"""The small exception family: a user error prints one located line and exits 1."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and the line in it when known."""

    path: Path
    line: int | None = None

    def __str__(self) -> str:
        shown = _relative(self.path)
        return f"{shown}:{self.line}" if self.line else str(shown)


_display_root: Path | None = None


def set_display_root(root: Path) -> None:
    """Messages name files relative to the project root, as the user knows them."""
    global _display_root
    _display_root = root.resolve()


def _relative(path: Path) -> Path:
    root = _display_root or Path.cwd().resolve()
    try:
        return path.resolve().relative_to(root) if path.is_absolute() else path
    except ValueError:
        return path


class ProjectError(Exception):
    """A problem in the user's input: printed as `path:line: message`, never a traceback."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class ProjectErrors(ProjectError):
    """Several input problems, collected so that the user sees them all at once."""

    def __init__(self, errors: list[ProjectError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


class Collector:
    """Collects problems during validation; `raise_if_any` aborts once, with all of them."""

    def __init__(self) -> None:
        self.errors: list[ProjectError] = []

    def add(self, message: str, location: Location | None = None) -> None:
        self.errors.append(ProjectError(message, location))

    def extend(self, error: ProjectError) -> None:
        self.errors.extend(error.errors if isinstance(error, ProjectErrors) else [error])

    def raise_if_any(self) -> None:
        if self.errors:
            raise ProjectErrors(self.errors)
