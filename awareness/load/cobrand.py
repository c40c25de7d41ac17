"""A partner's co-branding, checked before anything is drawn: the logo is a real PNG or a safe
SVG inside the project (never fetched, never scripted), colours keep text readable (WCAG AA),
the name is text that can be trusted, the local line is in the registry.

The web page checks an uploaded logo with the same functions."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.design import AA_NORMAL, HEX, contrast
from ..model.diagnostics import Collector, Location
from ..model.material import CoBrand
from .yamlsafe import location_of

if TYPE_CHECKING:
    from ..model.project import Project

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 6000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_SVG_FORBIDDEN_TAGS = {
    "script",
    "foreignobject",
    "iframe",
    "object",
    "embed",
    "audio",
    "video",
    "animate",
    "set",
    "handler",
    "listener",
}
_CSS_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


def logo_problem(data: bytes, name: str) -> str | None:
    """Why these bytes cannot be a logo, or None: a PNG, or an SVG without scripts, event
    handlers or references to anything outside itself."""
    if len(data) > MAX_LOGO_BYTES:
        return f"{name} is {len(data):,} bytes; a logo may have at most {MAX_LOGO_BYTES:,}"
    if data.startswith(PNG_MAGIC):
        return _png_problem(data, name)
    head = data[:512].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
        return _svg_problem(data, name)
    return f"{name} is not a PNG or SVG image"


def logo_kind(data: bytes) -> str:
    return "png" if data.startswith(PNG_MAGIC) else "svg"


def _png_problem(data: bytes, name: str) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        return f"{name} is not a readable PNG image ({error})"
    if max(width, height) > MAX_LOGO_PIXELS:
        return f"{name} is {width} x {height} pixels; a logo may be at most {MAX_LOGO_PIXELS} on a side"
    return None


def _svg_problem(data: bytes, name: str) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return f"{name} is not UTF-8 SVG text"
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        return f"{name} declares a DOCTYPE or entities, which an SVG logo does not need"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return f"{name} is not well-formed SVG ({error})"
    if _local(root.tag) != "svg":
        return f"{name} is not an SVG image (its root is <{_local(root.tag)}>)"
    for element in root.iter():
        tag = _local(element.tag).lower()
        if tag in _SVG_FORBIDDEN_TAGS:
            return f"{name} contains <{tag}>: scripts and embedded content are refused"
        for attribute, value in element.attrib.items():
            problem = _attribute_problem(_local(attribute).lower(), value)
            if problem:
                return f"{name}: <{tag}> {problem}"
        if tag == "style" and element.text and (_CSS_URL.search(element.text) or "@import" in element.text.lower()):
            return f"{name}: its stylesheet refers to something outside the file"
    return None


def _attribute_problem(attribute: str, value: str) -> str | None:
    if attribute.startswith("on"):
        return f"has an event handler ({attribute}): scripts are refused"
    if attribute == "href" and not (value.startswith("#") or value.startswith("data:image/png;base64,")):
        return f"refers to {value[:60]!r}: a logo may not refer to anything outside itself"
    if attribute == "style" and _CSS_URL.search(value):
        return "has a style that refers to something outside the file"
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def colour_problems(primary: str | None) -> list[str]:
    if primary is None:
        return []
    if not HEX.match(primary):
        return [f"colour {primary!r} is not written #rrggbb"]
    found = contrast(primary, "#ffffff")
    if found < AA_NORMAL:
        return [
            f"white text on {primary} has a contrast of {found:.1f}:1, below the {AA_NORMAL}:1 of WCAG AA: choose a darker colour"
        ]
    return []


def load_cobrand(project: Project, data: dict[str, Any], problems: Collector) -> CoBrand:
    from .project import check_printed_text

    name = data.get("organization")
    if name:
        check_printed_text(name, "organization", location_of(data, "organization"), problems)
    logo = _logo_path(project, data, problems) if data.get("logo") else None
    for key in ("primary", "accent"):
        for problem in colour_problems(data.get(key)) if key == "primary" else _hex_problems(data.get(key)):
            problems.add("cobrand.colour", problem, location_of(data, key))
    line = data.get("local_line")
    if line and line not in project.hotlines:
        problems.add(
            "reference.hotline",
            f"unknown hotline '{line}' (known: {', '.join(sorted(project.hotlines))})",
            location_of(data, "local_line"),
        )
    return CoBrand(name, logo, data.get("primary"), data.get("accent"), line)


def _hex_problems(value: str | None) -> list[str]:
    return [] if value is None or HEX.match(value) else [f"colour {value!r} is not written #rrggbb"]


def _logo_path(project: Project, data: dict[str, Any], problems: Collector) -> Path | None:
    where: Location | None = location_of(data, "logo")
    text = str(data["logo"])
    if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE):
        problems.add(
            "cobrand.logo",
            f"logo {text!r} is an address; a logo must be a file inside the project (nothing is fetched from the network)",
            where,
        )
        return None
    path = (project.paths.root / text).resolve()
    if not project.paths.inside(path):
        problems.add("cobrand.logo", f"logo {text!r} is outside the project", where)
        return None
    if not path.is_file():
        problems.add("cobrand.logo", f"logo {text!r} not found", where)
        return None
    problem = logo_problem(path.read_bytes(), text)
    if problem:
        problems.add("cobrand.logo", problem, where)
        return None
    return path
