"""YAML that cannot hurt: located, bounded, strict.

Every mapping and sequence remembers the file and line of each key and item, for located
messages. A file is refused, with its line, when it is not UTF-8, holds a control character,
repeats a key (YAML would silently keep the last one), nests too deep, holds a string too long,
or expands its aliases past a bound (an "alias bomb" that would eat memory).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..model.diagnostics import Location, ProjectError

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_SCALAR_CHARS = 100_000
MAX_DEPTH = 40
MAX_NODES = 200_000  # after alias expansion
MAX_ALIASES = 100

# C0 and C1 controls other than tab, line feed and carriage return; DEL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class LocatedDict(dict):  # type: ignore[type-arg]
    """A mapping that knows the file and the line of each of its keys."""

    path: Path
    line: int
    key_lines: dict[Any, int]


class LocatedList(list):  # type: ignore[type-arg]
    """A sequence that knows the file and the line of each of its items."""

    path: Path
    line: int
    item_lines: list[int]


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader with located containers, refused duplicate keys and bounded expansion."""

    source_path: Path = Path("<string>")

    def __init__(self, stream: str, path: Path) -> None:
        super().__init__(stream)
        self.source_path = path
        self._depth = 0
        self._nodes = 0
        self._aliases = 0
        self._expanded: dict[int, int] = {}  # id(node) -> nodes it stands for

    def _fail(self, message: str, mark: yaml.Mark | None) -> None:
        raise ProjectError.of("yaml.bounds", message, Location(self.source_path, mark.line + 1 if mark else None))

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                self._fail(f"more than {MAX_ALIASES} aliases", event.start_mark)
            node = super().compose_node(parent, index)
            self._count(self._expanded.get(id(node), 1), event.start_mark)
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            self._fail(f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
        before = self._nodes
        node = super().compose_node(parent, index)
        self._depth -= 1
        self._count(1, node.start_mark if node else None)
        if node is not None:
            self._expanded[id(node)] = self._nodes - before
        return node

    def _count(self, nodes: int, mark: yaml.Mark | None) -> None:
        self._nodes += nodes
        if self._nodes > MAX_NODES:
            self._fail(f"more than {MAX_NODES} values (after expanding aliases)", mark)

    def construct_scalar(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        if len(node.value) > MAX_SCALAR_CHARS:
            self._fail(f"a value longer than {MAX_SCALAR_CHARS} characters", node.start_mark)
        return super().construct_scalar(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LocatedDict:  # type: ignore[override]
        self.flatten_mapping(node)
        mapping = LocatedDict()
        mapping.path, mapping.line, mapping.key_lines = self.source_path, node.start_mark.line + 1, {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                self._fail("a key must be a plain value", key_node.start_mark)
            if key in mapping:
                first = mapping.key_lines[key]
                raise ProjectError.of(
                    "yaml.duplicate-key",
                    f"key '{key}' appears twice (first on line {first}); YAML would silently keep the last one",
                    Location(self.source_path, key_node.start_mark.line + 1),
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:  # type: ignore[override]
        sequence = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        sequence.path, sequence.line = self.source_path, node.start_mark.line + 1
        sequence.item_lines = [item.start_mark.line + 1 for item in node.value]
        return sequence


# Dates stay strings ("2026-11-22"): the schemas check them as ISO dates, and the loaders
# turn them into real dates (refusing impossible or future ones) with their line.
_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BoundedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _BoundedLoader.construct_mapping)
_BoundedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _BoundedLoader.construct_sequence)


def read_text_file(path: Path, max_bytes: int = MAX_FILE_BYTES, code: str = "file") -> str:
    """A text file as str: UTF-8, bounded, without control characters, or a located error."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ProjectError.of(f"{code}.too-large", f"{size:,} bytes; the limit is {max_bytes:,}", Location(path))
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProjectError.of(f"{code}.missing", "file not found", Location(path)) from None
    except IsADirectoryError:
        raise ProjectError.of(f"{code}.missing", "a folder, not a file", Location(path)) from None
    except PermissionError:
        raise ProjectError.of(f"{code}.unreadable", "cannot be read (permission denied)", Location(path)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        raise ProjectError.of(
            f"{code}.encoding", f"not UTF-8 text (byte 0x{data[problem.start]:02x})", Location(path, line)
        ) from None
    text = text.removeprefix("\ufeff")
    control = _CONTROL.search(text)
    if control:
        line = text[: control.start()].count("\n") + 1
        raise ProjectError.of(
            f"{code}.control-character", f"control character U+{ord(control.group()):04X}", Location(path, line)
        )
    return text


def load_yaml(path: Path) -> Any:
    """One YAML file, checked as above; every problem is a located ProjectError."""
    text = read_text_file(path, code="yaml")
    return load_yaml_text(text, path)


def load_yaml_text(text: str, path: Path) -> Any:
    loader = _BoundedLoader(text, path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        raise ProjectError.of(
            "yaml.syntax", f"YAML syntax error: {problem.problem}", Location(path, mark.line + 1 if mark else None)
        ) from None
    except yaml.YAMLError as problem:  # ReaderError and friends carry a position, not a mark
        position = getattr(problem, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else None
        raise ProjectError.of("yaml.syntax", f"YAML error: {problem}", Location(path, line)) from None
    except RecursionError:
        raise ProjectError.of("yaml.bounds", f"nested more than {MAX_DEPTH} levels deep", Location(path)) from None
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
