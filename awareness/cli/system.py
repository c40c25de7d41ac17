"""Checks of the machine that a user can act on: system libraries and fonts."""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess

REQUIRED_FONT_FAMILIES = ("Noto Sans", "Noto Naskh Arabic", "Noto Sans Devanagari", "Noto Sans Thai", "Noto Sans CJK SC")


def missing_system_parts() -> list[str]:
    """What is missing, each with the command that installs it."""
    problems = []
    if ctypes.util.find_library("harfbuzz-subset") is None:
        problems.append(
            "libharfbuzz-subset0 is missing: each PDF with Chinese, Japanese or Korean text takes seconds "
            "instead of milliseconds to write. Install it: sudo apt-get install libharfbuzz-subset0"
        )
    installed = _installed_families()
    missing_fonts = [family for family in REQUIRED_FONT_FAMILIES if installed is not None and family not in installed]
    if missing_fonts:
        problems.append(
            f"fonts missing: {', '.join(missing_fonts)}; text would print as empty boxes. "
            "Install them: sudo apt-get install fonts-noto-core fonts-noto-cjk"
        )
    return problems


def _installed_families() -> set[str] | None:
    """Every font family fontconfig knows, in one call; None when it cannot be asked (the
    read-back checks still catch a missing glyph)."""
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False)
    return {name.strip() for line in listed.stdout.splitlines() for name in line.split(",")}
