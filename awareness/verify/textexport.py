"""A text export read back: it parses, declares its language, and prints every registry value
the material's hotline number, whole and in order."""

from __future__ import annotations

from pathlib import Path

import tinyhtml5

from ..model.diagnostics import Diagnostic, Location, error
from ..pipeline.resolve import MaterialSpec


def verify_text_export(spec: MaterialSpec, path: Path) -> list[Diagnostic]:
    where = Location(path)
    root = tinyhtml5.parse(path.read_bytes().decode("utf-8"))
    found: list[Diagnostic] = []
    if root.get("lang") != spec.language.tag:
        found.append(error("text.language", f"{spec.key.name}: the text export says lang={root.get('lang')!r}", where))
    text = " ".join("".join(root.itertext()).split())
    value = spec.hotline.phone.printed
    if value not in text:
        found.append(error("text.value-missing", f"{spec.key.name}: the text export does not print the hotline, {value}", where))
    return found
