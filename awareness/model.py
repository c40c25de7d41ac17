"""The validated content of a project: what the loader produces and the later stages read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from .errors import ProjectError
from .hotlines import Hotline, KnownBadNumber
from .i18n import CatalogFile, ReviewState
from .languages import Language
from .paths import ProjectPaths

PAPERS = ("letter", "a4")


@dataclass(frozen=True)
class QrSpec:
    enabled: bool
    payload: str  # "web", "tel", "sms" or an https:// address


@dataclass(frozen=True)
class PrintSpec:
    """For a print shop: a bleed (True: the paper family's usual one) and crop marks."""

    bleed: bool | str = False
    crop_marks: bool = False


@dataclass(frozen=True)
class SheetSpec:
    """Copies per office sheet: columns x rows."""

    columns: int
    rows: int


@dataclass(frozen=True)
class Material:
    id: str
    title: str
    template: str
    pages: int
    sizes: dict[str, tuple[str, str]]  # paper family -> (width, height)
    qr: QrSpec | None
    organizations: tuple[str, ...]
    text: dict[str, Any]  # English source strings, translated at render time
    source_file: str
    safe_margin: str = "0in"  # least distance from the trim edge to any text
    min_body_pt: float = 0.0  # smallest type allowed for body text ...
    min_small_pt: float = 0.0  # ... and for text marked small-print
    print: PrintSpec = PrintSpec()
    sheet: SheetSpec | None = None
    tabs: int = 0  # tear-off tabs along the bottom edge


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    paper: str
    hotline: str
    more_hotlines: tuple[str, ...]
    emergency: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    about: str
    web: str
    verified: datetime.date

    @property
    def web_label(self) -> str:
        return self.web.removeprefix("https://").removeprefix("www.").rstrip("/")


@dataclass(frozen=True)
class Campaign:
    name: str
    materials: tuple[str, ...] | str  # "all" or ids
    languages: tuple[str, ...] | str  # "region", "all" or tags
    regions: tuple[str, ...]
    paper: str | None = None  # overrides the regions' paper family
    qr: QrSpec | None = None  # overrides every material's QR code
    print: PrintSpec | None = None  # overrides every material's print settings
    sheets: bool = False  # also impose the materials that declare a sheet


@dataclass(frozen=True)
class LanguageEntry:
    """A language the project can print: English (the source) or one with a catalog."""

    language: Language
    catalog: CatalogFile | None  # None for the source language
    review: ReviewState = ReviewState("source")


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
    # Problems confined to one material, campaign or catalog: the rest still builds.
    broken: dict[str, ProjectError] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
