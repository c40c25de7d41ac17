"""Incremental builds: each PDF records what it was made from; it is rebuilt only when one of
those inputs changed. The record is output/<campaign>/manifest.json, written atomically and
kept true to what is on disk."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jinja2.meta

from . import __version__
from .atomic import atomic_write_bytes
from .htmlrender import HtmlRenderer
from .itembuilder import ItemResult
from .model import Project
from .resolve import BuildItem

ENGINE_DIR = Path(__file__).resolve().parent
STYLESHEET = "materials.css"


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def engine_fingerprint() -> str:
    """The engine's own code and schemas, and the renderer's version: a change rebuilds all."""
    digest = hashlib.sha256(f"{__version__} weasyprint {version('weasyprint')}".encode())
    for path in sorted([*ENGINE_DIR.glob("*.py"), *ENGINE_DIR.glob("schemas/*.yaml")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


class Fingerprints:
    """What each item depends on, and one hash of all of it."""

    def __init__(self, project: Project, options: dict[str, Any]) -> None:
        self.project = project
        self.options = options
        self.environment = HtmlRenderer(project.paths.templates).environment
        self._file_hashes: dict[Path, str] = {}
        self._closures: dict[str, list[str]] = {}

    def inputs(self, item: BuildItem) -> list[Path]:
        """The files the item is made from: its material, the templates it loads, the
        stylesheet and its catalog."""
        paths = self.project.paths
        material = self.project.materials[item.material]
        files = [paths.root / material.source_file, paths.templates / STYLESHEET]
        files += [paths.templates / name for name in self._templates(material.template)]
        catalog = self.project.languages[item.language].catalog
        if catalog:
            files.append(catalog.po_path)
        return files

    def fingerprint(self, item: BuildItem) -> str:
        data = {
            "engine": engine_fingerprint(),
            "options": self.options,
            "files": {self.project.paths.relative(path): self._hash(path) for path in self.inputs(item)},
            "registry": self._registry_data(item),
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()

    def _registry_data(self, item: BuildItem) -> dict[str, Any]:
        """The registry entries the item prints, so that a changed number rebuilds it."""
        project = self.project
        region = project.regions[item.region]
        lines = [region.hotline, *region.more_hotlines, region.emergency]
        material = project.materials[item.material]
        campaign = project.campaigns.get(item.campaign)
        return {
            "campaign": dataclasses.asdict(campaign) if campaign else None,
            "region": dataclasses.asdict(region),
            "hotlines": [dataclasses.asdict(project.hotlines[line]) for line in lines],
            "organizations": [dataclasses.asdict(project.organizations[org]) for org in material.organizations],
        }

    def _templates(self, name: str) -> list[str]:
        """The template and every template it extends, includes or imports, recursively."""
        if name not in self._closures:
            self._closures[name] = self._referenced_closure(name)
        return self._closures[name]

    def _referenced_closure(self, name: str) -> list[str]:
        seen: list[str] = []
        pending = [name]
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.append(current)
            source, _filename, _uptodate = self.environment.loader.get_source(self.environment, current)
            pending.extend(ref for ref in jinja2.meta.find_referenced_templates(self.environment.parse(source)) if ref)
        return seen

    def _hash(self, path: Path) -> str:
        if path not in self._file_hashes:
            self._file_hashes[path] = _sha256_file(path)
        return self._file_hashes[path]


class Manifest:
    """output/<campaign>/manifest.json: every PDF with its inputs, hash, pages, language and
    review state."""

    def __init__(self, path: Path, entries: dict[str, dict[str, Any]]) -> None:
        self.path = path
        self.entries = entries

    @classmethod
    def load(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, dict(data.get("pdfs", {})))
        except (OSError, json.JSONDecodeError, AttributeError):  # none yet, or unreadable: build all
            return cls(path, {})

    def up_to_date(self, item: BuildItem, fingerprint: str, out_dir: Path) -> bool:
        entry = self.entries.get(str(item))
        pdf = item.output_path(out_dir)
        return bool(entry) and entry["fingerprint"] == fingerprint and pdf.is_file() and _sha256_file(pdf) == entry["sha256"]

    def record(self, result: ItemResult, fingerprint: str, inputs: list[str], review: str) -> None:
        item = result.item
        self.entries[str(item)] = {
            "pdf": f"{item.region}/{item.language}/{item.material}.pdf",
            "material": item.material,
            "language": item.language,
            "region": item.region,
            "pages": result.pages,
            "sha256": result.sha256,
            "review": review,
            "untranslated": sorted(result.fallbacks),
            "seconds": round(result.seconds, 3),
            "text_scale": result.text_scale,
            "inputs": inputs,
            "fingerprint": fingerprint,
        }
        if result.sheet_path:
            self.entries[f"{item}-sheet"] = {
                "pdf": f"{item.region}/{item.language}/{result.sheet_path.name}",
                "material": item.material, "language": item.language, "region": item.region, "pages": 2,
                "sha256": result.sheet_sha256, "review": review, "imposed_from": str(item), "fingerprint": fingerprint,
            }

    def save(self, campaign_dir: Path) -> None:
        """Keep only entries whose PDF is on disk, then write atomically."""
        kept = {key: entry for key, entry in sorted(self.entries.items()) if (campaign_dir / entry["pdf"]).is_file()}
        document = {"engine": engine_fingerprint(), "pdfs": kept}
        atomic_write_bytes(self.path, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())
