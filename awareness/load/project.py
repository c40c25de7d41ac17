"""Stage 1, load and validate: every YAML file against its schema, every cross-reference,
every number, every date, every printed string. Registry problems stop everything; a problem
confined to one material, campaign, catalog or law marks only that part broken, so the rest
can still build."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from ..i18n.catalogs import ReviewState, parse_review
from ..i18n.languages import SOURCE_LANGUAGE, Language, LocaleSupplement, cldr_locale, locale_file, tag_from_dir_name
from ..model.design import DesignTokens
from ..model.diagnostics import Acknowledgement, Collector, Location, ProjectError, warning
from ..model.hotline import Hotline, KnownBadNumber, build_hotline, known_bad_numbers
from ..model.material import (
    Campaign,
    Material,
    NoticeOrder,
    Organization,
    PdfVariant,
    PrintSpec,
    QrSpec,
    Region,
    SheetSpec,
    default_name,
)
from ..model.paths import ProjectPaths
from ..model.project import LanguageEntry, Project
from ..model.units import css_length_in_points
from ..text.numbers import national_digits, typed_numbers
from ..text.trust import first_untrusted
from .cobrand import load_cobrand
from .materialtext import material_text
from .schema import check_schema
from .yamlsafe import load_yaml, location_of, read_text_file

STALE_AFTER = datetime.timedelta(days=365)
IDENTIFIER = r"^[a-z][a-z0-9_-]*$"


def load_project(root: Path, today: datetime.date | None = None) -> Project:
    paths = ProjectPaths(root.resolve())
    today = today or datetime.date.today()
    fatal = Collector()
    hotlines_data = _load(paths.materials / "hotlines.yaml", "hotlines", fatal) or {}
    known_bad = _known_bad(paths, hotlines_data, fatal)
    hotlines = _registry(hotlines_data, known_bad, today, fatal)
    organizations = _organizations(_load(paths.materials / "organizations.yaml", "organizations", fatal) or {}, today, fatal)
    design = DesignTokens.load(paths.materials / "design.yaml", fatal)
    languages, broken_languages = _languages(paths, today)
    fatal.raise_if_errors()  # a broken registry would make every region's reference look wrong
    regions = _regions(paths, hotlines, languages, fatal)
    fatal.raise_if_errors()
    project = Project(paths, hotlines, known_bad, regions, organizations, {}, {}, languages, design)
    project.broken.update(broken_languages)
    _load_materials(project)
    _load_campaigns(project)
    project.diagnostics.extend(_stale_numbers(hotlines, hotlines_data, today))
    from ..laws.model import load_laws  # laws refer to the registry, regions and languages above

    load_laws(project, today)
    return project


def _load(path: Path, schema: str, problems: Collector) -> Any:
    """One YAML file checked against its schema; None (and located problems) when it is bad."""
    try:
        data = load_yaml(path)
    except ProjectError as error:
        problems.extend(error)
        return None
    return data if check_schema(data, schema, path, problems) else None


def checked_date(text: str, where: Location | None, problems: Collector, today: datetime.date) -> datetime.date:
    """A `verified:` date: real, and not in the future (a date typed ahead is a date not checked)."""
    try:
        date = datetime.date.fromisoformat(text)
    except ValueError:
        problems.add("date.invalid", f"'{text}' is not a date (write YYYY-MM-DD)", where)
        return today
    if date > today:
        problems.add("date.future", f"verified {date}, which is in the future: write the day it was checked", where)
    return date


def check_printed_text(text: str, what: str, where: Location | None, problems: Collector, strict: bool = True) -> None:
    """Text that will be printed as written: no untrusted character, no typed number."""
    untrusted = first_untrusted(text, allow_newlines=True)
    if untrusted:
        problems.add("text.untrusted", f"{what}: {untrusted}", where)
    for number in typed_numbers(text, strict):
        problems.add(
            "number.typed",
            f"{what}: a number is typed into the text ({number.text!r}); numbers are "
            "printed from the registry through placeholders only",
            where,
        )


def _known_bad(paths: ProjectPaths, hotlines_data: dict[str, Any], problems: Collector) -> list[KnownBadNumber]:
    entries = _load(paths.materials / "known_bad_numbers.yaml", "known_bad_numbers", problems) or []
    nationals = {
        national_digits(spec["dial"].lstrip("+"), entry.get("country", "US")) if spec["dial"].startswith("+") else spec["dial"]
        for entry in hotlines_data.values()
        for kind in ("phone", "tty", "sms")
        if isinstance(spec := entry.get(kind), dict)
    }
    return known_bad_numbers(list(entries), nationals)


def _registry(
    data: dict[str, Any], known_bad: list[KnownBadNumber], today: datetime.date, problems: Collector
) -> dict[str, Hotline]:
    registry = {}
    for line_id, entry in data.items():
        entry = dict(entry) | {"verified": checked_date(entry["verified"], location_of(entry, "verified"), problems, today)}
        hotline = build_hotline(line_id, entry, known_bad, problems, data[line_id])
        if hotline:
            registry[line_id] = hotline
    return registry


def _organizations(data: dict[str, Any], today: datetime.date, problems: Collector) -> dict[str, Organization]:
    found = {}
    for org_id, entry in data.items():
        for key in ("name", "about"):
            check_printed_text(entry[key], key, location_of(entry, key), problems)
        verified = checked_date(entry["verified"], location_of(entry, "verified"), problems, today)
        found[org_id] = Organization(org_id, entry["name"], entry["about"], entry["web"], verified)
    return found


def _languages(paths: ProjectPaths, today: datetime.date) -> tuple[dict[str, LanguageEntry], dict[str, ProjectError]]:
    """English, and each language with a catalog; a language without locale data is broken."""
    entries = {SOURCE_LANGUAGE: LanguageEntry(Language(SOURCE_LANGUAGE), None)}
    broken: dict[str, ProjectError] = {}
    for po_path in paths.catalog_files():
        tag = tag_from_dir_name(po_path.parent.parent.name)
        try:
            supplement = _supplement(paths, tag)
            review = _review_state(po_path, today)
        except ProjectError as error:
            broken[f"language:{tag}"] = error
            entries[tag] = LanguageEntry(Language(tag), po_path)
            continue
        entries[tag] = LanguageEntry(Language(tag, supplement), po_path, review)
    return entries, broken


def _supplement(paths: ProjectPaths, tag: str) -> LocaleSupplement | None:
    path = locale_file(paths.translations, tag)
    if not path.is_file():
        if cldr_locale(tag) is None:
            raise ProjectError.of(
                "language.locale-data",
                f"'{tag}' is not in the locale database (CLDR) and has no "
                f"{path.name}: names of languages and dates cannot be written in it",
                Location(path),
            )
        return None
    problems = Collector()
    data = _load(path, "locale", problems)
    problems.raise_if_errors()
    for key in ("name", "date_long", "list_pair", "list_end"):
        if isinstance(data.get(key), str):
            check_printed_text(data[key].replace("{day}", "").replace("{year}", ""), key, location_of(data, key), problems)
    problems.raise_if_errors()
    return LocaleSupplement.from_yaml(data)


def _review_state(po_path: Path, today: datetime.date) -> ReviewState:
    text = read_text_file(po_path, code="catalog")
    return parse_review("".join(line + "\n" for line in text.splitlines() if line.startswith("#")), today)


def _regions(
    paths: ProjectPaths, hotlines: dict[str, Hotline], languages: dict[str, LanguageEntry], problems: Collector
) -> dict[str, Region]:
    data = _load(paths.materials / "regions.yaml", "regions", problems) or {}
    paper_sizes = load_yaml(paths.materials / "paper_sizes.yaml")
    regions = {}
    for region_id, entry in data.items():
        for key in ("hotline", "emergency"):
            _require(entry[key], hotlines, "hotline", location_of(entry, key), problems)
        for index, line_id in enumerate(entry.get("more_hotlines", [])):
            _require(line_id, hotlines, "hotline", location_of(entry["more_hotlines"], index), problems)
        for index, tag in enumerate(entry["languages"]):
            _require(tag, languages, "language (no catalog in translations/)", location_of(entry["languages"], index), problems)
        country = entry.get("country", "")
        regions[region_id] = Region(
            region_id,
            entry["name"],
            country,
            entry.get("paper") or _paper_of(paper_sizes, country),
            entry["hotline"],
            tuple(entry.get("more_hotlines", ())),
            entry["emergency"],
            tuple(entry["languages"]),
        )
    return regions


def _paper_of(sizes: dict[str, Any], country: str) -> str:
    """The paper family CLDR gives a territory: US Letter for a few, A4 for the rest."""
    return "letter" if country in sizes["letter"] else str(sizes["default"])


def _require(key: str, known: dict[str, Any], kind: str, where: Location | None, problems: Collector) -> None:
    if key not in known:
        problems.add(f"reference.{kind.split()[0]}", f"unknown {kind} '{key}' (known: {', '.join(sorted(known))})", where)


def _load_materials(project: Project) -> None:
    for path in project.paths.material_files():
        problems = Collector()
        data = _load(path, "material", problems)
        if data is not None:
            _check_material(project, path, data, problems)
        if problems.errors:
            project.broken[f"material:{path.stem}"] = ProjectError(problems.errors)
        else:
            project.materials[data["id"]] = _material(data, project.paths.relative(path))


def _check_material(project: Project, path: Path, data: dict[str, Any], problems: Collector) -> None:
    if data["id"] != path.stem:
        problems.add("material.id", f"id '{data['id']}' must match the file name '{path.stem}'", location_of(data, "id"))
    if not (project.paths.templates / data["template"]).is_file():
        problems.add("template.missing", f"template '{data['template']}' not found in templates/", location_of(data, "template"))
    for index, org_id in enumerate(data.get("organizations", [])):
        _require(org_id, project.organizations, "organization", location_of(data["organizations"], index), problems)
    check_printed_text(data["title"], "title", location_of(data, "title"), problems)
    for key, value, where in material_text(data["text"]):
        check_printed_text(value, f"text.{key}", where, problems)


def _material(data: dict[str, Any], source_file: str) -> Material:
    qr = data.get("qr")
    minimum = data["min_type"]
    return Material(
        id=data["id"],
        title=data["title"],
        name=data.get("name") or default_name(data["id"]),
        template=data["template"],
        pages=data["pages"],
        sizes={paper: (size[0], size[1]) for paper, size in data["size"].items()},
        qr=QrSpec(qr["enabled"], qr.get("payload", "web"), qr.get("size", "24mm")) if qr else None,
        organizations=tuple(data.get("organizations", ())),
        text=dict(data["text"]),
        source_file=source_file,
        safe_margin=data["safe_margin"],
        min_body_pt=css_length_in_points(minimum["body"]),
        min_small_pt=css_length_in_points(minimum["small_print"]),
        min_number_pt=css_length_in_points(minimum["number"]) if "number" in minimum else 0.0,
        print=PrintSpec(**data.get("print", {})),
        sheet=SheetSpec(**data["sheet"]) if "sheet" in data else None,
        tabs=data.get("tabs", 0),
        audience=data.get("audience", "public"),
        discreet=data.get("discreet", False),
        large_print=data.get("large_print", False),
        tiles=data.get("tiles"),
    )


def _load_campaigns(project: Project) -> None:
    for path in sorted(project.paths.campaigns.glob("*.yaml")):
        problems = Collector()
        data = _load(path, "campaign", problems)
        campaign = _campaign(project, path, data, problems) if data is not None else None
        if problems.errors or campaign is None:
            project.broken[f"campaign:{path.stem}"] = ProjectError(problems.errors)
        else:
            project.campaigns[path.stem] = campaign


def _campaign(project: Project, path: Path, data: dict[str, Any], problems: Collector) -> Campaign | None:
    checks = (
        ("materials", project.materials, "material"),
        ("languages", project.languages, "language"),
        ("regions", project.regions, "region"),
    )
    for key, known, kind in checks:
        if isinstance(data[key], list):
            for index, name in enumerate(data[key]):
                if name not in known and f"{kind}:{name}" not in project.broken:
                    _require(name, known, kind, location_of(data[key], index), problems)
    overrides = data.get("overrides", {})
    qr = overrides.get("qr")
    cobrand = load_cobrand(project, data["cobrand"], problems) if "cobrand" in data else None
    variant = _variant(project, overrides.get("pdf"), problems)
    if problems.errors:
        return None
    return Campaign(
        path.stem,
        _names(data["materials"]),
        _names(data["languages"]),
        tuple(data["regions"]),
        source_file=project.paths.relative(path),
        description=data.get("description", ""),
        paper=overrides.get("paper"),
        qr=QrSpec(qr["enabled"], qr.get("payload", "web")) if qr else None,
        print=PrintSpec(**overrides["print"]) if "print" in overrides else None,
        sheets=overrides.get("sheets", False),
        tiles=overrides.get("tiles", False),
        text_exports=overrides.get("text_exports", False),
        bundle=overrides.get("bundle", False),
        variant=variant,
        cobrand=cobrand,
        notices=tuple(_notice_order(entry) for entry in data.get("notices", [])),
        acknowledge=tuple(
            Acknowledgement(entry["code"], entry.get("items", "*"), entry["reason"], location_of(data["acknowledge"], index))
            for index, entry in enumerate(data.get("acknowledge", []))
        ),
    )


def _notice_order(entry: dict[str, Any]) -> NoticeOrder:
    size = entry.get("size")
    return NoticeOrder(
        entry["law"],
        entry.get("county"),
        tuple(entry.get("languages", ())),
        entry.get("format"),
        (size[0], size[1]) if size else None,
        tuple(sorted(entry.get("workforce", {}).items())),
    )


def _variant(project: Project, spec: dict[str, Any] | None, problems: Collector) -> PdfVariant:
    if not spec:
        return PdfVariant()
    from .icc import checked_profile

    name = spec["variant"]
    if name == "pdf/ua-1":
        return PdfVariant()
    profile, condition = checked_profile(project.paths, spec, problems)
    return PdfVariant(name, profile, condition)


def _names(value: str | list[str]) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)


def _stale_numbers(hotlines: dict[str, Hotline], data: dict[str, Any], today: datetime.date) -> list[Any]:
    return [
        warning(
            "registry.stale",
            f"'{line.id}' was last verified on {line.verified}, more than a year ago: check {line.source}",
            location_of(data[line.id], "verified"),
        )
        for line in hotlines.values()
        if today - line.verified > STALE_AFTER
    ]
