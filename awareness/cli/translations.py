"""The `translations` commands: extract, init, update, status, check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n.catalogs import extract_catalog, init_catalog, update_catalogs, write_catalog
from ..i18n.checks import check_catalog
from ..i18n.fitcheck import fit_findings
from ..i18n.languages import SOURCE_LANGUAGE, catalog_dir_name
from ..i18n.status import language_statuses, status_json, status_table
from ..model.diagnostics import Diagnostic, ProjectError, Severity
from ..model.paths import DOMAINS, MATERIALS_DOMAIN, WEB_DOMAIN, ProjectPaths
from ..model.project import Project
from .output import fails, print_diagnostics, print_json


def add_translation_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    translations = commands.add_parser("translations", help="catalogs: extract, init, update, status, check")
    actions = translations.add_subparsers(required=True, metavar="ACTION")
    actions.add_parser("extract", help="write translations/messages.pot (materials) and web.pot (the web page)").set_defaults(
        command=extract, needs_project=False
    )
    init_parser = actions.add_parser("init", help="start the catalog of a new language")
    init_parser.add_argument("lang")
    init_parser.add_argument("--web", action="store_true", help="the web page's catalog (web.po), not the materials'")
    init_parser.set_defaults(command=init, needs_project=False)
    actions.add_parser("update", help="merge the .pot files into every catalog").set_defaults(command=update, needs_project=False)
    status_parser = actions.add_parser("status", help="translated, fuzzy, missing, review state, complete materials")
    status_parser.add_argument("--format", choices=("table", "json"), default="table")
    status_parser.add_argument("--region", default="us", help="region whose materials are counted (default: %(default)s)")
    status_parser.set_defaults(command=status)
    check_parser = actions.add_parser("check", help="find what is wrong in catalogs; exit 1 on any error")
    check_parser.add_argument("langs", nargs="*", metavar="LANG")
    check_parser.add_argument("--strict", action="store_true", help="warnings are errors")
    check_parser.add_argument("--no-fit", action="store_true", help="skip laying out the materials")
    check_parser.add_argument("--format", choices=("text", "json"), default="text")
    check_parser.set_defaults(command=check)
    for parser in (status_parser, check_parser, *actions.choices.values()):
        if "--debug" not in parser._option_string_actions:
            parser.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)


def extract(args: argparse.Namespace, root: Path) -> int:
    paths = ProjectPaths(root)
    for domain in DOMAINS:
        catalog = extract_catalog(paths, domain)
        write_catalog(catalog, paths.template_file(domain), template=True)
        print(f"{paths.relative(paths.template_file(domain))}: {len(catalog)} messages")
    return 0


def init(args: argparse.Namespace, root: Path) -> int:
    paths = ProjectPaths(root)
    print(f"created {paths.relative(init_catalog(paths, args.lang, WEB_DOMAIN if args.web else MATERIALS_DOMAIN))}")
    return 0


def update(args: argparse.Namespace, root: Path) -> int:
    paths = ProjectPaths(root)
    for path in update_catalogs(paths):
        print(f"updated {paths.relative(path)}")
    return 0


def status(args: argparse.Namespace, project: Project) -> int:
    statuses = language_statuses(project, args.region)
    if args.format == "json":
        print_json(status_json(statuses))
    else:
        print(status_table(statuses))
    return 1 if any(entry.error for entry in statuses) else 0


def check(args: argparse.Namespace, project: Project) -> int:
    paths = project.paths
    tags = args.langs or [tag for tag, entry in project.languages.items() if entry.catalog]
    findings: list[Diagnostic] = []
    for tag in tags:
        po_path = paths.po_file(catalog_dir_name(tag))
        if not po_path.is_file():
            raise ProjectError.of("catalog.missing", f"no catalog for '{tag}' ({paths.relative(po_path)})")
        report = check_catalog(po_path, tag)
        findings.extend(report.all())
        web_path = paths.po_file(catalog_dir_name(tag), WEB_DOMAIN)
        if web_path.is_file():
            findings.extend(check_catalog(web_path, tag).all())
    if not args.no_fit:
        broken = {d.location.path for d in findings if d.code.startswith("catalog.syntax") and d.location}
        usable = [tag for tag in tags if tag != SOURCE_LANGUAGE and project.languages[tag].catalog not in broken]
        findings.extend(fit_findings(project, usable))
    if args.format == "json":
        print_json([finding.as_dict() for finding in findings])
    else:
        for finding in findings:
            severity = "error" if finding.is_error or args.strict else finding.severity.value
            print(
                f"{finding.location}: [{finding.code.removeprefix('catalog.')}] {finding.message}"
                + ("" if severity == "error" else " (warning)")
            )
    errors = [finding for finding in findings if finding.is_error or (args.strict and finding.severity is Severity.WARNING)]
    print(f"{len(tags)} catalog(s) checked: {len(errors)} error(s), {len(findings) - len(errors)} warning(s)", file=sys.stderr)
    return 1 if fails(findings, args.strict) else 0


__all__ = ["add_translation_commands", "print_diagnostics"]
