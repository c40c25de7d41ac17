"""How the command line prints diagnostics: one line each (`error: file:line: message [code]
(item)`), or JSON with `--format json`; the same objects the web page and `check` show."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..model.diagnostics import Diagnostic, Severity


def print_diagnostics(diagnostics: Iterable[Diagnostic], strict: bool = False) -> None:
    """Each distinct problem once, with the outputs it concerns listed after it."""
    items: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    first: dict[tuple[str, str, str, str], Diagnostic] = {}
    for diagnostic in diagnostics:
        where = str(diagnostic.location) if diagnostic.location else ""
        key = (diagnostic.severity.value, diagnostic.code, where, diagnostic.message)
        first.setdefault(key, diagnostic)
        if diagnostic.item and diagnostic.item not in items[key]:
            items[key].append(diagnostic.item)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
    for key, diagnostic in sorted(first.items(), key=lambda pair: order[pair[1].severity]):
        print(_line(diagnostic, strict), file=sys.stderr)
        listed = items[key]
        if len(listed) > 1 or (listed and diagnostic.is_error):
            shown = ", ".join(listed[:12]) + (f" and {len(listed) - 12} more" if len(listed) > 12 else "")
            print(f"  {'failed' if diagnostic.is_error else 'in'}: {shown}", file=sys.stderr)


def _line(diagnostic: Diagnostic, strict: bool) -> str:
    severity = diagnostic.severity.value
    if diagnostic.severity is Severity.WARNING and strict and not diagnostic.acknowledged:
        severity = "error"
    where = f"{diagnostic.location}: " if diagnostic.location else ""
    text = f"{severity}: {where}{diagnostic.message} [{diagnostic.code}]"
    if diagnostic.acknowledged:
        text += f" (acknowledged: {diagnostic.acknowledged})"
    return text


def diagnostics_json(diagnostics: Iterable[Diagnostic]) -> list[dict[str, Any]]:
    return [diagnostic.as_dict() for diagnostic in diagnostics]


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def fails(diagnostics: Iterable[Diagnostic], strict: bool) -> bool:
    """Errors fail; with --strict, warnings the campaign did not acknowledge fail too."""
    return any(d.is_error or (strict and d.severity is Severity.WARNING and not d.acknowledged) for d in diagnostics)
