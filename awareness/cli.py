"""The command line: `build` and `list` (and `translations ...` for catalogs)."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from . import __version__
from .build import BuildReport, ItemResult, build_items
from .catalogs import extract_catalog, init_catalog, update_catalogs, write_catalog
from .errors import ProjectError, set_display_root
from .loader import load_project
from .model import Project
from .paths import ProjectPaths
from .resolve import plan_items
from .systemcheck import missing_system_parts

DEFAULT_CAMPAIGN = "default"


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = _parser().parse_args(argv)
    root = (root or Path.cwd()).resolve()
    set_display_root(root)
    try:
        return args.command(args, root)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make_materials.py", description="Print-ready anti-trafficking awareness materials.")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="render PDFs: output/<campaign>/<region>/<lang>/<material>.pdf")
    build.add_argument("--campaign", default=DEFAULT_CAMPAIGN, help="campaign in materials/campaigns/ (default: %(default)s)")
    build.add_argument("--material", action="append", metavar="ID", help="only this material (repeatable)")
    build.add_argument("--lang", action="append", metavar="CODE", help="only this language, e.g. zh-Hans (repeatable)")
    build.add_argument("--region", metavar="ID", help="only this region")
    build.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: output/)")
    build.add_argument("--strict", action="store_true", help="treat warnings (untranslated text, stale numbers) as errors")
    build.set_defaults(command=_build)

    listing = commands.add_parser("list", help="show materials, languages, regions and campaigns")
    listing.set_defaults(command=_list)

    translations = commands.add_parser("translations", help="catalogs: extract, init LANG, update")
    actions = translations.add_subparsers(required=True, metavar="ACTION")
    actions.add_parser("extract", help="write translations/messages.pot").set_defaults(command=_extract)
    init = actions.add_parser("init", help="start a catalog for a new language")
    init.add_argument("lang")
    init.set_defaults(command=_init)
    actions.add_parser("update", help="merge messages.pot into every catalog").set_defaults(command=_update)
    return parser


def _build(args: argparse.Namespace, root: Path) -> int:
    for warning in missing_system_parts():
        print(f"warning: {warning}", file=sys.stderr)
    project = load_project(root)
    items = plan_items(project, args.campaign, args.material, args.lang, args.region)
    out_dir = (args.out or project.paths.output).resolve()
    print(f"Building {len(items)} PDFs of campaign '{args.campaign}' into {out_dir}", file=sys.stderr)
    report = build_items(project, items, out_dir, progress=_print_progress)
    return _summarize(report, project, args.strict)


def _print_progress(index: int, total: int, result: ItemResult) -> None:
    status = f"ok, {result.pages} page(s)" if result.ok else "FAILED"
    print(f"[{index}/{total}] {result.item} {status} ({result.seconds:.2f} s)", file=sys.stderr, flush=True)


def _summarize(report: BuildReport, project: Project, strict: bool) -> int:
    """Each error once, with the items it failed; then broken parts no item used; then warnings."""
    failed_items: dict[str, list[str]] = defaultdict(list)
    for result in report.failed:
        failed_items[result.error].append(str(result.item))
    for error, items in failed_items.items():
        _print_error(error)
        print(f"  failed: {', '.join(items)}", file=sys.stderr)
    for problem in project.broken.values():
        if str(problem) not in failed_items:
            _print_error(str(problem))
    for warning in report.warnings:
        print(f"{'error' if strict else 'warning'}: {warning}", file=sys.stderr)
    built = len(report.results) - len(report.failed)
    print(f"Built {built} of {len(report.results)} PDFs in {report.seconds:.1f} s.", file=sys.stderr)
    failed = report.failed or project.broken or (strict and report.warnings)
    return 1 if failed else 0


def _print_error(error: str) -> None:
    for line in error.splitlines():
        print(f"error: {line}" if not line.startswith(" ") else line, file=sys.stderr)


def _list(args: argparse.Namespace, root: Path) -> int:
    project = load_project(root)
    print("Materials:")
    for material in project.materials.values():
        sizes = ", ".join(f"{paper} {' x '.join(size)}" for paper, size in material.sizes.items())
        print(f"  {material.id:<14} {material.pages} page(s)  {sizes}  QR: {_qr_text(material)}")
    print("Languages:")
    for tag, entry in project.languages.items():
        language = entry.language
        print(f"  {tag:<8} {language.english_name:<24} {language.name:<20} {language.direction}  {entry.review}")
    print("Regions:")
    for region in project.regions.values():
        print(f"  {region.id:<8} {region.name}, {region.paper}, leads with {region.hotline}, {len(region.languages)} languages")
    print("Campaigns:")
    for campaign in project.campaigns.values():
        print(f"  {campaign.name:<10} materials: {_names(campaign.materials)}; languages: {_names(campaign.languages)}; regions: {_names(campaign.regions)}")
    for problem in project.broken.values():
        _print_error(str(problem))
    return 1 if project.broken else 0


def _qr_text(material) -> str:
    return material.qr.payload if material.qr and material.qr.enabled else "off"


def _names(value: str | tuple[str, ...]) -> str:
    return value if isinstance(value, str) else ", ".join(value)


def _extract(args: argparse.Namespace, root: Path) -> int:
    paths = ProjectPaths(root)
    catalog = extract_catalog(paths)
    write_catalog(catalog, paths.pot_file, template=True)
    print(f"{paths.relative(paths.pot_file)}: {len(catalog)} messages")
    return 0


def _init(args: argparse.Namespace, root: Path) -> int:
    paths = ProjectPaths(root)
    print(f"created {paths.relative(init_catalog(paths, args.lang))}")
    return 0


def _update(args: argparse.Namespace, root: Path) -> int:
    paths = ProjectPaths(root)
    for path in update_catalogs(paths):
        print(f"updated {paths.relative(path)}")
    return 0
