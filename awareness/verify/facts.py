"""What `check` reports about each file beside its problems: pages, the standards it declares
(PDF/UA-1, PDF/X-4 ...), whether it is tagged, its output intent, language and title."""

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
            "output_intent": intent,
            "language": str(root.get("/Lang")) if root.get("/Lang") is not None else None,
            "title": reader.metadata.get("/Title") if reader.metadata else None,
        }
    except Exception as error:  # a damaged file: its problems say so
        return {
            "pages": 0,
            "standard": f"unreadable ({type(error).__name__})",
            "tagged": False,
            "output_intent": None,
            "language": None,
            "title": None,
        }
