"""YAML loading that remembers the line of every key and item, for located messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Location, ProjectError


class LocatedDict(dict):
    """A mapping that knows the file and the line of each of its keys."""

    path: Path
    line: int
    key_lines: dict[Any, int]


class LocatedList(list):
    """A sequence that knows the file and the line of each of its items."""

    path: Path
    line: int
    item_lines: list[int]


class _LocatingLoader(yaml.SafeLoader):
    """SafeLoader that builds Located containers; the file path is set per load."""

    source_path: Path = Path("<string>")

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LocatedDict:
        mapping = LocatedDict(super().construct_mapping(node, deep=True))
        mapping.path = self.source_path
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            self.construct_object(key, deep=True): key.start_mark.line + 1 for key, _ in node.value
        }
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        sequence = LocatedList(super().construct_sequence(node, deep=True))
        sequence.path = self.source_path
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [item.start_mark.line + 1 for item in node.value]
        return sequence


# Dates stay strings ("2026-11-22"): the schemas check them as ISO dates, and strings
# are what JSON Schema and the templates expect.
_LocatingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LocatingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LocatingLoader.construct_mapping
)
_LocatingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LocatingLoader.construct_sequence
)


def load_yaml(path: Path) -> Any:
    """Load one YAML file; a syntax error becomes a located ProjectError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectError("file not found", Location(path)) from None
    except UnicodeDecodeError as error:
        raise ProjectError(f"not UTF-8 text ({error.reason})", Location(path)) from None
    loader = _LocatingLoader(text)
    loader.source_path = path
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise ProjectError(f"YAML syntax error: {error.problem}", Location(path, line)) from None
    finally:
        loader.dispose()


def location_of(node: Any, key: Any = None) -> Location | None:
    """The location of `node[key]` (or of the node itself) when the node was loaded from YAML."""
    if isinstance(node, LocatedDict):
        return Location(node.path, node.key_lines.get(key, node.line))
    if isinstance(node, LocatedList):
        if isinstance(key, int) and 0 <= key < len(node.item_lines):
            return Location(node.path, node.item_lines[key])
        return Location(node.path, node.line)
    return None
