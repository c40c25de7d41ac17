"""The command line: `build`, `list`, `preview` and `translations ...` (see README.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from . import __version__
from .build import BuildOptions, BuildReport, build_items
from .bundle import write_bundles
from .errors import ProjectError, set_display_root
from .itembuilder import ItemResult
from .loader import load_project
from .model import Material, Project
from .preview import build_preview
from .resolve import plan_items, unreviewed_languages
from .systemcheck import missing_system_parts
from .translation_commands import add_translation_commands

DEFAULT_CAMPAIGN = "default"


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = _parser().parse_args(argv)
    root = (root or Path.cwd()).resolve()
    set_display_root(root)
    try:
        return args.command(args, root)
    except ProjectError as error:
        _print_error(str(error))
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make_materials.py", description="Print-ready anti-trafficking awareness materials.")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="render PDFs: output/<campaign>/<region>/<lang>/<material>.pdf")
    _add_selection(build)
    build.add_argument("--campaign", default=DEFAULT_CAMPAIGN, help="campaign in materials/campaigns/ (default: %(default)s)")
    build.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: output/)")
    build.add_argument("--strict", action="store_true", help="treat warnings (untranslated text, stale numbers) as errors")
    build.add_argument("--release", action="store_true", help="final PDFs: refuse translations no native speaker reviewed")
    build.add_argument("--allow-unreviewed", action="store_true", help="with --release: print unreviewed translations anyway")
    build.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core)")
    build.add_argument("--scheduler", metavar="ADDRESS", help="build on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786")
    build.add_argument("--force", action="store_true", help="rebuild even the PDFs whose inputs have not changed")
    build.add_argument("--bundle", action="store_true", help="also write a zip per region and language, and index.html")
    build.add_argument("--sheets", action="store_true", help="also impose cards 10-up on Letter/A4 with cut marks, for duplex printing")
    build.add_argument("--law", metavar="ID", help="build the notice a law requires (see list --laws) into output/laws/")
    build.add_argument("--county", metavar="NAME", help="with --law: the county, where the law adds its language")
    build.add_argument("--size", metavar="WxH", help="with --law: page size, e.g. 11inx14in (default: the smallest that fits)")
    build.set_defaults(command=_build)

    preview = commands.add_parser("preview", help="one language as PDFs and PNG pages in output/preview/")
    preview.add_argument("--lang", required=True, metavar="CODE")
    preview.add_argument("--material", action="append", metavar="ID", help="only this material (repeatable)")
    preview.add_argument("--region", metavar="ID")
    preview.set_defaults(command=_preview)

    check = commands.add_parser("check", help="preflight: read PDFs back and say whether they are safe to print")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="PDF files or folders of them")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(command=_check)

    listing = commands.add_parser("list", help="show materials, languages, regions and campaigns")
    listing.add_argument("--laws", action="store_true", help="show the laws that require notices, with their rules")
    listing.set_defaults(command=_list)
    add_translation_commands(commands)
    return parser


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--material", action="append", metavar="ID", help="only this material (repeatable)")
    parser.add_argument("--lang", action="append", metavar="CODE", help="only this language, e.g. zh-Hans (repeatable)")
    parser.add_argument("--region", metavar="ID", help="only this region")


def _build(args: argparse.Namespace, root: Path) -> int:
    _warn_about_system()
    project = load_project(root)
    if args.law:
        return _build_law(args, project)
    items = plan_items(project, args.campaign, args.material, args.lang, args.region)
    if args.release and not args.allow_unreviewed:
        _refuse_unreviewed(project, unreviewed_languages(project, items))
    options = BuildOptions((args.out or project.paths.output).resolve(), args.release, args.jobs, args.scheduler,
                           args.force, args.sheets)
    print(f"Building {len(items)} PDFs of campaign '{args.campaign}' into {options.out_dir}", file=sys.stderr)
    report = build_items(project, items, options, progress=Progress())
    code = _summarize(report, project, args.strict)
    if args.bundle:
        for path in write_bundles(project, report, options.out_dir):
            print(project.paths.relative(path) if path.is_relative_to(project.paths.root) else path)
    return code


def _build_law(args: argparse.Namespace, project: Project) -> int:
    from .laws import load_laws, notice_languages, require_wording, stale_or_partial
    from .notices import build_law_material, build_notices

    laws = load_laws(project)
    if args.law not in laws:
        raise ProjectError(f"unknown law '{args.law}' (known: {', '.join(sorted(laws))}; see list --laws)")
    law = laws[args.law]
    languages = notice_languages(law, args.county, args.lang or [])
    require_wording(law, languages)
    out_dir = (args.out or project.paths.output / "laws").resolve()
    warnings = stale_or_partial(law)
    if law.material:
        paths = build_law_material(project, law, languages, out_dir)
    else:
        size = _parse_size(args.size) if args.size else None
        results = build_notices(project, law, languages, args.county, size, out_dir, args.release)
        paths = [result.path for result in results]
        for result in results:
            print(f"{law.title}: {', '.join(result.languages)} on {' x '.join(result.size)}, smallest type "
                  f"{result.smallest_type_pt:.1f} pt", file=sys.stderr)
    for path in paths:
        print(project.paths.relative(path) if path.is_relative_to(project.paths.root) else path)
    for warning in warnings:
        print(f"{'error' if args.strict else 'warning'}: {warning}", file=sys.stderr)
    return 1 if args.strict and warnings else 0


def _parse_size(text: str) -> tuple[str, str]:
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(part[-2:] in ("in", "mm", "cm", "pt") for part in parts):
        raise ProjectError(f"--size {text}: write width x height with units, e.g. 11inx14in or 210mmx297mm")
    return parts[0], parts[1]


def _refuse_unreviewed(project: Project, tags: list[str]) -> None:
    if tags:
        files = ", ".join(project.paths.relative(project.languages[tag].catalog.po_path) for tag in tags)
        raise ProjectError(
            f"--release refuses translations no native speaker has reviewed: {', '.join(tags)} "
            f"(record the review in the header of {files}, or add --allow-unreviewed)"
        )


def _preview(args: argparse.Namespace, root: Path) -> int:
    project = load_project(root)
    items = plan_items(project, DEFAULT_CAMPAIGN, args.material, [args.lang], args.region)
    report, pictures = build_preview(project, items, project.paths.output / "preview")
    for picture in pictures:
        print(project.paths.relative(picture))
    return _summarize(report, project, strict=False)


def _check(args: argparse.Namespace, root: Path) -> int:
    from .laws import load_laws
    from .preflight import check_pdf, pdf_files

    project = load_project(root)
    files = pdf_files([path if path.is_absolute() else Path.cwd() / path for path in args.paths])
    if not files:
        raise ProjectError(f"no PDF found in {', '.join(map(str, args.paths))}")
    laws = load_laws(project)
    reports = [check_pdf(project, path, laws) for path in files]
    if args.format == "json":
        print(json.dumps([report.as_dict() for report in reports], indent=2, ensure_ascii=False))
    else:
        for report in reports:
            print(f"{'ok  ' if report.ok else 'FAIL'} {report.path}: {report.pages} page(s), "
                  f"{len(report.fonts)} fonts embedded, QR {', '.join(report.qr_payloads) or 'none'}")
            for problem in report.problems:
                print(f"     {problem}")
    failed = [report for report in reports if not report.ok]
    print(f"{len(reports) - len(failed)} of {len(reports)} PDFs ready to print.", file=sys.stderr)
    return 1 if failed else 0


def _warn_about_system() -> None:
    for warning in missing_system_parts():
        print(f"warning: {warning}", file=sys.stderr)


class Progress:
    """A bar that rewrites itself on a terminal; one plain line per PDF elsewhere (CI, logs)."""

    def __init__(self) -> None:
        self.terminal = sys.stderr.isatty()

    def __call__(self, index: int, total: int, result: ItemResult) -> None:
        status = "up to date" if result.up_to_date else f"ok, {result.pages} page(s)" if result.ok else "FAILED"
        if not self.terminal:
            print(f"[{index}/{total}] {result.item} {status} ({result.seconds:.2f} s)", file=sys.stderr, flush=True)
            return
        filled = round(30 * index / total)
        end = "\n" if index == total else ""
        print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {index}/{total} {str(result.item):<28}", end=end, file=sys.stderr, flush=True)


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
    for error in report.errors:
        _print_error(error)
    for note in report.fit_notes():
        print(f"note: {note}", file=sys.stderr)
    for warning in report.warnings:
        print(f"{'error' if strict else 'warning'}: {warning}", file=sys.stderr)
    ready = len(report.results) - len(report.failed)
    fresh = len(report.results) - len(report.rendered) - len(report.failed)
    print(f"Built {ready} of {len(report.results)} PDFs in {report.seconds:.1f} s"
          f" ({len(report.rendered)} rendered, {fresh} already up to date).", file=sys.stderr)
    failed = report.failed or report.errors or project.broken or (strict and report.warnings)
    return 1 if failed else 0


def _print_error(error: str) -> None:
    for line in error.splitlines():
        print(f"error: {line}" if not line.startswith(" ") else line, file=sys.stderr)


def _list(args: argparse.Namespace, root: Path) -> int:
    project = load_project(root)
    if args.laws:
        return _list_laws(project)
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


def _list_laws(project: Project) -> int:
    from .laws import load_laws

    for law in load_laws(project).values():
        languages = ", ".join(law.languages) + (" + the county's language (--county)" if law.county_language else "")
        languages += " + staff languages (--lang)" if law.staff_languages else ""
        wording = {"full": "verified", "partial": "verified in part", "none": "not in this project"}[law.verification]
        print(f"{law.id}: {law.title} ({law.jurisdiction})")
        print(f"  size at least {' x '.join(law.min_size)}, type at least {law.min_type_pt:g} pt, "
              f"{'a separate sign per language' if law.separate_signs else 'one sign'}: {languages}")
        kind = "content (the rule lists what the sign carries; the wording is this project's)" if law.elements else "wording"
        print(f"  {kind}: {wording}{' (built as ' + law.material + ')' if law.material else ''}; checked {law.verified}")
        for element in law.elements.values():
            print(f"    - {element.id}: {element.requires}")
        print(f"  who: {law.who}")
        print(f"  source: {law.source}")
        if law.counties:
            counties = ", ".join(f"{key} ({county.language})" for key, county in law.counties.items())
            print(f"  counties{'' if law.counties_verified else ' (languages unverified)'}: {counties}")
    return 0


def _qr_text(material: Material) -> str:
    return material.qr.payload if material.qr and material.qr.enabled else "off"


def _names(value: str | tuple[str, ...]) -> str:
    return value if isinstance(value, str) else ", ".join(value)
