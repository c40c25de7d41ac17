"""The English strings of a material's `text:`, with where each is written: one walk of the
YAML shared by the loader's checks and the catalog extraction, so that both see the same strings."""

from __future__ import annotations

from ..model.diagnostics import Location
from .yamlsafe import LocatedDict, LocatedList, location_of


def material_text(text: object) -> list[tuple[str, str, Location | None]]:
    """Every English string of a material's `text:` as (key, string, where): plain values, list
    items, and both wordings of an item that depends on the hotline ({with_text, phone_only}).
    Read by the loader's checks and by the catalog extraction, so both see the same strings."""
    if not isinstance(text, LocatedDict):
        return []
    values: list[tuple[str, str, Location | None]] = []
    for key, value in text.items():
        if isinstance(value, LocatedList):
            for index, item in enumerate(value):
                variants = item.values() if isinstance(item, dict) else (item,)
                values += [(key, variant, location_of(value, index)) for variant in variants if isinstance(variant, str)]
        elif isinstance(value, str):
            values.append((key, value, location_of(text, key)))
    return values
