"""The CMYK output profile of a print-shop PDF (PDF/X): checked before anything is drawn.

The default is Ghostscript's "Artifex CMYK SWOP Profile" from Debian's `libgs-common` package
(see LICENSES/icc-profile.md), for US web-offset printing on coated paper; a campaign may name
its print shop's own profile instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.diagnostics import Collector, Location
from ..model.paths import ProjectPaths
from .yamlsafe import location_of

DEFAULT_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
DEFAULT_CONDITION = "CGATS TR 001"  # SWOP, as registered at color.org
VARIANTS = ("pdf/ua-1", "pdf/x-4", "pdf/x-1a")
MAX_PROFILE_BYTES = 4 * 1024 * 1024


def profile_problem(path: Path) -> str | None:
    """Why the file is not a CMYK output profile, or None."""
    if not path.is_file():
        hint = " (install Debian's libgs-common: make setup does)" if path == DEFAULT_PROFILE else ""
        return f"ICC profile {path} not found{hint}"
    if path.stat().st_size > MAX_PROFILE_BYTES:
        return f"ICC profile {path} is larger than {MAX_PROFILE_BYTES:,} bytes"
    header = path.read_bytes()[:128]
    if len(header) < 128 or header[36:40] != b"acsp":
        return f"{path} is not an ICC profile"
    if header[16:20] != b"CMYK":
        space = header[16:20].decode("latin-1").strip()
        return f"ICC profile {path} is for {space}, not CMYK: a print-shop PDF needs a CMYK output profile"
    if header[12:16] != b"prtr":
        return f"ICC profile {path} is not an output (printer) profile"
    return None


def checked_profile(paths: ProjectPaths, spec: dict[str, Any], problems: Collector) -> tuple[Path | None, str | None]:
    where: Location | None = location_of(spec, "icc_profile") or location_of(spec)
    text = spec.get("icc_profile")
    path = DEFAULT_PROFILE if not text else Path(text) if Path(text).is_absolute() else paths.root / text
    problem = profile_problem(path)
    if problem:
        problems.add("pdf.icc-profile", problem, where)
        return None, None
    return path, spec.get("output_condition", DEFAULT_CONDITION)
