"""The validated content of a project: what `load` produces and every later stage reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n.catalogs import ReviewState
from ..i18n.languages import Language
from .diagnostics import Diagnostic, ProjectError
from .hotline import Hotline, KnownBadNumber
from .material import Campaign, Material, Organization, Region
from .paths import ProjectPaths

if TYPE_CHECKING:
    from ..laws.model import Law
    from .design import DesignTokens


@dataclass(frozen=True)
class LanguageEntry:
    """A language the project can print: English (the source) or one with a catalog."""

    language: Language
    catalog: Path | None  # the .po file; None for the source language
    review: ReviewState = ReviewState("source")  # noqa: RUF009 (a frozen value, safe to share)

    @property
    def is_draft(self) -> bool:
        return self.catalog is not None and not self.review.reviewed


@dataclass
class Project:
    paths: ProjectPaths
    hotlines: dict[str, Hotline]
    known_bad: list[KnownBadNumber]
    regions: dict[str, Region]
    organizations: dict[str, Organization]
    materials: dict[str, Material]
    campaigns: dict[str, Campaign]
    languages: dict[str, LanguageEntry]
    design: DesignTokens
    laws: dict[str, Law] = field(default_factory=dict)
    # Problems confined to one material, campaign, catalog or law: the rest still builds.
    broken: dict[str, ProjectError] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings about the project as a whole

    def problem(self, kind: str, name: str) -> ProjectError | None:
        return self.broken.get(f"{kind}:{name}")

    def broken_diagnostics(self, already: object = None) -> list[Diagnostic]:
        """Problems of broken parts (a material, a catalog, a law ...) that no output reported:
        a broken file fails the build even where this build did not use it."""
        shown: set[tuple[str, str, object]] = set()
        for result in getattr(already, "results", ()):
            shown.update((d.code, d.message, d.location) for d in result.diagnostics)
        return [d for error in self.broken.values() for d in error.diagnostics if (d.code, d.message, d.location) not in shown]
