"""What a project prints: materials, regions, organisations, campaigns. Plain, typed data,
validated once by `load`; every later stage reads these and nothing else."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Acknowledgement
from .hotline import web_label

PAPER_FAMILIES = ("letter", "a4")
QR_PAYLOADS = ("web", "tel", "sms", "chat")


@dataclass(frozen=True)
class QrSpec:
    enabled: bool
    payload: str  # "web", "tel", "sms", "chat" or an https:// address
    size: str = "24mm"  # side of the symbol, without its quiet zone


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
    name: str  # what it is called where it is chosen ("Wallet card"); several materials share a title
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
    min_number_pt: float = 0.0  # the hotline number is at least this big, and the biggest text
    print: PrintSpec = PrintSpec()
    sheet: SheetSpec | None = None
    tabs: int = 0  # tear-off tabs along the bottom edge
    audience: str = "public"  # public | children | survivors: wording that depends on it
    discreet: bool = False  # names no crime: safe to carry
    large_print: bool = False  # body at least 18 pt, for readers with low vision
    tiles: str | None = None  # the office paper a large sign is tiled onto, when it is larger


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    country: str
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
        return web_label(self.web)


@dataclass(frozen=True)
class CoBrand:
    """A partner's own mark on a campaign's materials: name, logo, colours, a local line."""

    organization: str | None = None
    logo: Path | None = None  # inside the project, PNG or SVG, checked on load
    primary: str | None = None  # colours as #rrggbb, checked for contrast on load
    accent: str | None = None
    local_line: str | None = None  # a registry id


@dataclass(frozen=True)
class NoticeOrder:
    """A statutory notice a campaign builds: a law, a place (county), extra languages."""

    law: str
    county: str | None = None
    languages: tuple[str, ...] = ()  # staff or workforce languages asked for
    format: str | None = None  # one of the law's formats; None: each
    size: tuple[str, str] | None = None
    workforce: tuple[tuple[str, float], ...] = ()  # (language, percent of staff who read it)


@dataclass(frozen=True)
class PdfVariant:
    """What the PDFs of a campaign are: tagged PDF/UA for screens and office printers, or PDF/X
    with a CMYK output intent for a print shop."""

    name: str = "pdf/ua-1"  # pdf/ua-1, pdf/x-4 or pdf/x-1a
    icc_profile: Path | None = None
    output_condition: str | None = None

    @property
    def is_print(self) -> bool:
        return self.name.startswith("pdf/x")


@dataclass(frozen=True)
class Campaign:
    name: str
    materials: tuple[str, ...] | str  # "all" or ids
    languages: tuple[str, ...] | str  # "region", "all" or tags
    regions: tuple[str, ...]
    source_file: str
    description: str = ""
    paper: str | None = None  # overrides the regions' paper family
    qr: QrSpec | None = None  # overrides every material's QR code
    print: PrintSpec | None = None  # overrides every material's print settings
    sheets: bool = False  # also impose the materials that declare a sheet
    tiles: bool = False  # also tile large signs onto office paper
    text_exports: bool = False  # also write each material's text as accessible HTML
    bundle: bool = False  # also zip each region and language, with a proof page
    variant: PdfVariant = PdfVariant()
    cobrand: CoBrand | None = None
    notices: tuple[NoticeOrder, ...] = ()
    acknowledge: tuple[Acknowledgement, ...] = field(default=())


def default_name(material_id: str) -> str:
    """A material's name where none is given: from its id ("wallet_card": "Wallet card")."""
    return material_id.replace("_", " ").capitalize()
