"""Incremental builds: each output records what it was made from, and is rebuilt only when
that changed. The record is output/<campaign>/manifest.json, written atomically and kept true
to what is on disk.

An output's fingerprint covers the engine and its resolved data (everything `resolve` gave
it: texts, numbers, sizes, colours ...); beside it, the manifest keeps the hash of every file
the job actually read while rendering (templates, stylesheet, catalog, icons, logo), recorded
as it read them. Nothing is restated by hand, so a new input cannot silently be missed.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import json
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import atomic_write_bytes, sha256_file
from ..model.diagnostics import Diagnostic, Location, warning
from .jobs import JobKey, output_path
from .stages import JobResult

ENGINE_DIR = Path(__file__).resolve().parent.parent
ENGINE_PARTS = ("model", "load", "text", "i18n", "render", "pipeline", "verify", "laws")
MANIFEST = "manifest.json"
FORMAT = 2


@cache
def engine_fingerprint() -> str:
    """The engine's own code and schemas, and the renderer's version: a change rebuilds all."""
    digest = hashlib.sha256(f"{__version__} weasyprint {version('weasyprint')} format {FORMAT}".encode())
    for part in ENGINE_PARTS:
        for path in sorted((ENGINE_DIR / part).rglob("*")):
            if path.suffix in (".py", ".yaml"):
                digest.update(str(path.relative_to(ENGINE_DIR)).encode() + path.read_bytes())
    return digest.hexdigest()


def fingerprint(kind: str, spec: object) -> str:
    data = {"engine": engine_fingerprint(), "kind": kind, "spec": plain(spec)}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def plain(value: Any) -> Any:
    """A stable, JSON-able form of resolved data (dataclass fields only, never caches)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(item) for item in value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime.date, Path)):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


class Manifest:
    """output/<campaign>/manifest.json: every output with its job, inputs, hash and facts."""

    def __init__(self, campaign_dir: Path, entries: dict[str, dict[str, Any]], problem: Diagnostic | None = None) -> None:
        self.campaign_dir = campaign_dir
        self.entries = entries
        self.problem = problem  # why the manifest on disk could not be used, if it could not

    @property
    def path(self) -> Path:
        return self.campaign_dir / MANIFEST

    @classmethod
    def load(cls, campaign_dir: Path) -> Manifest:
        path = campaign_dir / MANIFEST
        if not path.exists():
            return cls(campaign_dir, {})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("outputs"), dict):
                raise ValueError("not a manifest of this version")
            entries = {key: entry for key, entry in data["outputs"].items() if isinstance(entry, dict) and "fingerprint" in entry}
            return cls(campaign_dir, entries)
        except (OSError, ValueError, UnicodeDecodeError) as error:
            return cls(
                campaign_dir,
                {},
                warning("manifest.unreadable", f"cannot be used ({error}); everything is rebuilt", Location(path)),
            )

    def up_to_date(self, key: JobKey, fingerprint: str, file_hashes: dict[str, str], root: Path) -> JobResult | None:
        """The recorded result when nothing the output depends on changed, else None."""
        relative = str(output_path(key))
        entry = self.entries.get(relative)
        target = self.campaign_dir / relative
        if not entry or entry.get("fingerprint") != fingerprint or not target.is_file():
            return None
        for name, recorded in entry.get("inputs", {}).items():
            if _hash_of(root / name, file_hashes) != recorded:
                return None
        if _hash_of(target, file_hashes) != entry.get("sha256"):
            return None
        return JobResult(
            key,
            target,
            entry["sha256"],
            entry.get("pages", 0),
            [],
            0.0,
            True,
            dict(entry.get("inputs", {})),
            dict(entry.get("facts", {})),
            fingerprint,
        )

    def expected_seconds(self, key: JobKey) -> float:
        entry = self.entries.get(str(output_path(key)))
        return float(entry.get("seconds", 0.0)) if entry else 0.0

    def record(self, result: JobResult) -> None:
        key = result.key
        self.entries[str(output_path(key))] = {
            "job": dataclasses.asdict(key),
            "sha256": result.sha256,
            "pages": result.pages,
            "seconds": round(result.seconds, 3),
            "fingerprint": result.fingerprint,
            "inputs": dict(sorted(result.inputs.items())),
            "facts": result.facts,
            "warnings": [diagnostic.as_dict() for diagnostic in result.diagnostics if not diagnostic.is_error],
        }

    def key_of(self, relative: str) -> JobKey | None:
        entry = self.entries.get(relative)
        if not entry or not isinstance(entry.get("job"), dict):
            return None
        try:
            return JobKey(**entry["job"])
        except TypeError:
            return None

    def save(self) -> None:
        """Keep only entries whose file is on disk, then write atomically."""
        kept = {name: entry for name, entry in sorted(self.entries.items()) if (self.campaign_dir / name).is_file()}
        document = {"format": FORMAT, "engine": engine_fingerprint(), "outputs": kept}
        atomic_write_bytes(self.path, (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode())


def _hash_of(path: Path, cache: dict[str, str]) -> str | None:
    name = str(path)
    if name not in cache:
        try:
            cache[name] = sha256_file(path)
        except OSError:
            cache[name] = ""
    return cache[name] or None
