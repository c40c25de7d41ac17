"""The `translations` commands: extract, init, update, status, check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .catalogs import extract_catalog, init_catalog, update_catalogs, write_catalog
from .checks import ERROR, Finding, check_catalog
from .errors import ProjectError
from .fitcheck import fit_findings
from .languages import SOURCE_LANGUAGE, catalog_dir_name
from .loader import load_project
from .paths import ProjectPaths
from .resolve import plan_items
from .status import language_statuses, status_json, status_table


def add_translation_commands(commands: argparse._SubParsersAction) -> None:
    translations = commands.add_parser("translations", help="catalogs: extract, init, update, status, check")
    actions = translations.add_subparsers(required=True, metavar="ACTION")
    actions.add_parser("extract", help="write translations/messages.pot").set_defaults(command=extract)
    init_parser = actions.add_parser("init", help="start the catalog of a new language")
    init_parser.add_argument("lang")
    init_parser.set_defaults(command=init)
    actions.add_parser("update", help="merge messages.pot into every catalog").set_defaults(command=update)
    status_parser = actions.add_parser("status", help="translated, fuzzy, missing, review state, complete materials")
    status_parser.add_argument("--format", choices=("table", "json"), default="table")
    status_parser.add_argument("--region", default="us", help="region whose materials are counted (default: %(default)s)")
    status_parser.set_defaults(command=status)
    check_parser = actions.add_parser("check", help="find what is wrong in catalogs; exit 1 on any error")
    check_parser.add_argument("langs", nargs="*", metavar="LANG")
    check_parser.add_argument("--strict", action="store_true", help="warnings are errors")
    check_parser.add_argument("--no-fit", action="store_true", help="skip laying out the materials")
    check_parser.set_defaults(command=check)


def extract(args: argparse.Namespace, root: Path) -> int:
    paths = ProjectPaths(root)
    catalog = extract_catalog(paths)
    write_catalog(catalog, paths.pot_file, template=True)
    print(f"{paths.relative(paths.pot_file)}: {len(catalog)} messages")
    return 0


def init(args: argparse.Namespace, root: Path) -> int:
    paths = ProjectPaths(root)
    print(f"created {paths.relative(init_catalog(paths, args.lang))}")
    return 0


def update(args: argparse.Namespace, root: Path) -> int:
    paths = ProjectPaths(root)
    for path in update_catalogs(paths):
        print(f"updated {paths.relative(path)}")
    return 0


def status(args: argparse.Namespace, root: Path) -> int:
    statuses = language_statuses(load_project(root), args.region)
    print(json.dumps(status_json(statuses), indent=2, ensure_ascii=False) if args.format == "json" else status_table(statuses))
    return 1 if any(entry.error for entry in statuses) else 0


def check(args: argparse.Namespace, root: Path) -> int:
    paths = ProjectPaths(root)
    tags = args.langs or [path.parent.parent.name.replace("_", "-") for path in sorted(paths.translations.glob("*/LC_MESSAGES/messages.po"))]
    findings: list[Finding] = []
    for tag in tags:
        po_path = paths.po_file(catalog_dir_name(tag))
        if not po_path.is_file():
            raise ProjectError(f"no catalog for '{tag}' ({paths.relative(po_path)})")
        findings.extend(check_catalog(po_path))
    if not args.no_fit:
        findings.extend(_fit(root, tags, findings))
    for finding in findings:
        severity = ERROR if args.strict else finding.severity
        print(f"{finding}" + ("" if severity == ERROR else " (warning)"))
    errors = [finding for finding in findings if finding.severity == ERROR or args.strict]
    print(f"{len(tags)} catalog(s) checked: {len(errors)} error(s), {len(findings) - len(errors)} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _fit(root: Path, tags: list[str], findings: list[Finding]) -> list[Finding]:
    """Lay out every material, for the default campaign's regions, in each language whose
    catalog can be read."""
    broken = {finding.path for finding in findings if finding.check == "po-syntax"}
    project = load_project(root)
    usable = [tag for tag in tags if project.languages[tag].catalog and project.languages[tag].catalog.po_path not in broken]
    usable = [tag for tag in usable if tag != SOURCE_LANGUAGE]
    if not usable:
        return []
    every_material = sorted(project.materials)
    return fit_findings(project, plan_items(project, "default", materials=every_material, languages=usable))
