"""Stage 1, load and validate: every YAML file against its schema, every cross-reference,
every number, every catalog. Registry problems stop everything; a problem confined to one
material, campaign or catalog marks only that part broken, so the rest can still build."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from .errors import Collector, Location, ProjectError, ProjectErrors
from .hotlines import Hotline, KnownBadNumber, build_registry
from .i18n import CatalogFile
from .languages import SOURCE_LANGUAGE, Language, parse_locale, tag_from_dir_name
from .model import Campaign, LanguageEntry, Material, Organization, PrintSpec, Project, QrSpec, Region, SheetSpec
from .paths import ProjectPaths
from .units import css_length_in_points
from .validate import check_schema
from .yamlfile import load_yaml, location_of

STALE_AFTER = datetime.timedelta(days=365)


def load_project(root: Path, today: datetime.date | None = None) -> Project:
    paths = ProjectPaths(root.resolve())
    fatal = Collector()
    known_bad = [KnownBadNumber(**entry) for entry in _load(paths.materials / "known_bad_numbers.yaml", "known_bad_numbers", fatal) or []]
    hotlines = build_registry(_load(paths.materials / "hotlines.yaml", "hotlines", fatal) or {}, known_bad, fatal)
    organizations = _organizations(_load(paths.materials / "organizations.yaml", "organizations", fatal) or {})
    languages = _languages(paths)
    fatal.raise_if_any()  # a broken registry would make every region's reference look wrong
    regions = _regions(paths, hotlines, languages, fatal)
    fatal.raise_if_any()
    project = Project(paths, hotlines, known_bad, regions, organizations, {}, {}, languages)
    _compile_catalogs(project)
    _load_materials(project)
    _load_campaigns(project)
    project.warnings.extend(_stale_numbers(hotlines, today or datetime.date.today()))
    return project


def _load(path: Path, schema: str, problems: Collector) -> Any:
    """One YAML file checked against its schema; None (and located problems) when it is bad."""
    try:
        data = load_yaml(path)
    except ProjectError as error:
        problems.extend(error)
        return None
    before = len(problems.errors)
    check_schema(data, schema, path, problems)
    return data if len(problems.errors) == before else None


def _organizations(data: dict[str, Any]) -> dict[str, Organization]:
    return {
        org_id: Organization(org_id, entry["name"], entry["about"], entry["web"], datetime.date.fromisoformat(entry["verified"]))
        for org_id, entry in data.items()
    }


def _languages(paths: ProjectPaths) -> dict[str, LanguageEntry]:
    entries = {SOURCE_LANGUAGE: LanguageEntry(Language(SOURCE_LANGUAGE), None)}
    for po_path in sorted(paths.translations.glob("*/LC_MESSAGES/messages.po")):
        tag = tag_from_dir_name(po_path.parent.parent.name)
        catalog = CatalogFile(tag, po_path)
        entries[tag] = LanguageEntry(Language(tag), catalog, catalog.review_state())
    return entries


def _regions(paths: ProjectPaths, hotlines: dict[str, Hotline], languages: dict[str, LanguageEntry], problems: Collector) -> dict[str, Region]:
    path = paths.materials / "regions.yaml"
    data = _load(path, "regions", problems) or {}
    paper_sizes = load_yaml(paths.materials / "paper_sizes.yaml")
    regions = {}
    for region_id, entry in data.items():
        for key in ("hotline", "emergency"):
            _require(entry[key], hotlines, "hotline", location_of(entry, key), problems)
        for index, line_id in enumerate(entry.get("more_hotlines", [])):
            _require(line_id, hotlines, "hotline", location_of(entry["more_hotlines"], index), problems)
        for index, tag in enumerate(entry["languages"]):
            _require(tag, languages, "language (no catalog in translations/)", location_of(entry["languages"], index), problems)
        regions[region_id] = Region(
            region_id, entry["name"], entry.get("paper") or _paper_of(paper_sizes, entry["country"]), entry["hotline"],
            tuple(entry.get("more_hotlines", ())),
            entry["emergency"], tuple(entry["languages"]),
        )
    return regions


def _paper_of(sizes: dict[str, Any], country: str) -> str:
    """The paper family CLDR gives a territory: US Letter for a few, A4 for the rest."""
    return "letter" if country in sizes["letter"] else sizes["default"]


def _require(key: str, known: dict[str, Any], kind: str, where: Location | None, problems: Collector) -> None:
    if key not in known:
        problems.add(f"unknown {kind} '{key}' (known: {', '.join(sorted(known))})", where)


def _compile_catalogs(project: Project) -> None:
    for tag, entry in project.languages.items():
        if entry.catalog is None:
            continue
        try:
            parse_locale(tag)
            if entry.catalog.is_outdated():
                entry.catalog.compile()
        except ValueError as error:
            project.broken[f"language:{tag}"] = ProjectError(str(error), Location(entry.catalog.po_path))
        except ProjectError as error:
            project.broken[f"language:{tag}"] = error


def _load_materials(project: Project) -> None:
    for path in project.paths.material_files():
        problems = Collector()
        data = _load(path, "material", problems)
        if data is not None:
            _check_material_references(project, path, data, problems)
        if problems.errors:
            project.broken[f"material:{path.stem}"] = ProjectErrors(problems.errors)
        else:
            project.materials[data["id"]] = _material(data, project.paths.relative(path))


def _check_material_references(project: Project, path: Path, data: dict[str, Any], problems: Collector) -> None:
    if data["id"] != path.stem:
        problems.add(f"id '{data['id']}' must match the file name '{path.stem}'", location_of(data, "id"))
    if not (project.paths.templates / data["template"]).is_file():
        problems.add(f"template '{data['template']}' not found in templates/", location_of(data, "template"))
    for index, org_id in enumerate(data.get("organizations", [])):
        _require(org_id, project.organizations, "organization", location_of(data["organizations"], index), problems)


def _material(data: dict[str, Any], source_file: str) -> Material:
    qr = data.get("qr")
    return Material(
        id=data["id"],
        title=data["title"],
        template=data["template"],
        pages=data["pages"],
        sizes={paper: tuple(size) for paper, size in data["size"].items()},
        qr=QrSpec(qr["enabled"], qr.get("payload", "web")) if qr else None,
        organizations=tuple(data.get("organizations", ())),
        text=dict(data["text"]),
        source_file=source_file,
        safe_margin=data["safe_margin"],
        min_body_pt=css_length_in_points(data["min_type"]["body"]),
        min_small_pt=css_length_in_points(data["min_type"]["small_print"]),
        print=PrintSpec(**data.get("print", {})),
        sheet=SheetSpec(**data["sheet"]) if "sheet" in data else None,
        tabs=data.get("tabs", 0),
    )


def _load_campaigns(project: Project) -> None:
    for path in sorted(project.paths.campaigns.glob("*.yaml")):
        problems = Collector()
        data = _load(path, "campaign", problems)
        if data is not None:
            _check_campaign_references(project, data, problems)
        if problems.errors:
            project.broken[f"campaign:{path.stem}"] = ProjectErrors(problems.errors)
        else:
            overrides = data.get("overrides", {})
            qr = overrides.get("qr")
            project.campaigns[path.stem] = Campaign(
                path.stem, _names(data["materials"]), _names(data["languages"]), tuple(data["regions"]),
                paper=overrides.get("paper"), qr=QrSpec(qr["enabled"], qr.get("payload", "web")) if qr else None,
                print=PrintSpec(**overrides["print"]) if "print" in overrides else None,
                sheets=overrides.get("sheets", False),
            )


def _check_campaign_references(project: Project, data: dict[str, Any], problems: Collector) -> None:
    checks = (("materials", project.materials, "material"), ("languages", project.languages, "language"),
              ("regions", project.regions, "region"))
    for key, known, kind in checks:
        if isinstance(data[key], list):
            for index, name in enumerate(data[key]):
                if name not in known and f"{kind}:{name}" not in project.broken:
                    _require(name, known, kind, location_of(data[key], index), problems)


def _names(value: str | list[str]) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)


def _stale_numbers(hotlines: dict[str, Hotline], today: datetime.date) -> list[str]:
    return [
        f"materials/hotlines.yaml: '{line.id}' was last verified on {line.verified}, more than a year ago: check {line.source}"
        for line in hotlines.values()
        if today - line.verified > STALE_AFTER
    ]
