"""What `check` reports about each file beside its problems: pages, the standards it declares
(PDF/UA-1, PDF/X-4 ...), whether it is tagged and how many of its figures a screen reader can
describe, its output intent, language and title."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader

_UA = re.compile(rb"pdfuaid:part(?:=[\"']|(?:\s[^>]*)?>\s*)(\d)")
_X = re.compile(rb"GTS_PDFXVersion[>=\"']+\s*(PDF/X-[0-9a-z:]+)", re.IGNORECASE)


def file_facts(path: Path) -> dict[str, Any]:
    try:
        reader = PdfReader(path)
        root: Any = reader.trailer["/Root"]  # pypdf's objects are untyped dictionaries
        metadata = root.get("/Metadata")
        xmp = metadata.get_object().get_data() if metadata is not None else b""
        standards = []
        if (ua := _UA.search(xmp)) is not None:
            standards.append(f"PDF/UA-{ua.group(1).decode()}")
        if (x := _X.search(xmp)) is not None:
            standards.append(x.group(1).decode())
        intents = root.get("/OutputIntents")
        intent = None
        if intents:
            first = intents[0].get_object()
            intent = str(first.get("/OutputConditionIdentifier") or first.get("/Info") or "")
        return {
            "pages": len(reader.pages),
            "standard": " + ".join(standards) or "no PDF standard declared",
            "tagged": "/StructTreeRoot" in root,
            **_figures(root),
            "output_intent": intent,
            "language": str(root.get("/Lang")) if root.get("/Lang") is not None else None,
            "title": reader.metadata.get("/Title") if reader.metadata else None,
        }
    except Exception as error:  # a damaged file: its problems say so
        return {
            "pages": 0,
            "standard": f"unreadable ({type(error).__name__})",
            "tagged": False,
            "figures": 0,
            "figures_described": 0,
            "output_intent": None,
            "language": None,
            "title": None,
        }


def _figures(root: Any) -> dict[str, int]:
    """Figures of the structure tree, and those with alternative text and a bounding box."""
    total = described = 0
    pending = [root["/StructTreeRoot"]] if "/StructTreeRoot" in root else []
    while pending:
        node = pending.pop().get_object()
        if not hasattr(node, "get"):
            continue  # a marked-content number
        if node.get("/S") == "/Figure":
            total += 1
            attributes = node.get("/A")
            attributes = attributes.get_object() if attributes is not None else {}
            described += bool(str(node.get("/Alt") or "").strip()) and "/BBox" in attributes
        kids = node.get("/K")
        pending.extend(kids if isinstance(kids, list) else [kids] if kids is not None else [])
    return {"figures": total, "figures_described": described}


def figure_problems(facts: dict[str, Any]) -> list[str]:
    """What a screen reader would miss: figures without alternative text or a box."""
    missing = facts["figures"] - facts["figures_described"]
    return [f"{missing} of {facts['figures']} figure(s) have no alternative text or bounding box"] if missing else []
