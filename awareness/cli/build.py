"""`build`: a campaign's PDFs (and sheets, tiles, text exports, bundles, notices)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..model.diagnostics import ProjectError
from ..model.material import Campaign, NoticeOrder
from ..model.project import Project
from ..pipeline.build import BuildReport, BuildRequest, build, summary_facts
from ..pipeline.resolve import campaign_of
from ..pipeline.stages import BuildOptions, JobResult
from .output import diagnostics_json, fails, print_diagnostics, print_json

DEFAULT_CAMPAIGN = "default"
LAWS_CAMPAIGN = "laws"


def add_build_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("build", help="render PDFs: output/<campaign>/<region>/<lang>/<material>.pdf")
    add_selection(parser)
    parser.add_argument("--campaign", default=DEFAULT_CAMPAIGN, help="campaign in materials/campaigns/ (default: %(default)s)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: output/)")
    parser.add_argument("--strict", action="store_true", help="warnings the campaign did not acknowledge are errors")
    parser.add_argument("--release", action="store_true", help="final PDFs: refuse translations no native speaker reviewed")
    parser.add_argument("--allow-unreviewed", action="store_true", help="with --release: print unreviewed translations anyway")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="build on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--force", action="store_true", help="rebuild even the outputs whose inputs have not changed")
    parser.add_argument("--bundle", action="store_true", help="also write a zip per region and language, and index.html")
    parser.add_argument(
        "--sheets", action="store_true", help="also impose cards on Letter/A4 with cut marks, for duplex printing"
    )
    parser.add_argument("--tiles", action="store_true", help="also tile large signs onto Letter/A4 with overlaps and a key")
    parser.add_argument("--text", action="store_true", help="also write each material's text as accessible HTML")
    parser.add_argument("--law", metavar="ID", help="build the notice a law requires (see list --laws) into output/laws/")
    parser.add_argument("--county", metavar="NAME", help="with --law: the county, where the law adds its language")
    parser.add_argument("--size", metavar="WxH", help="with --law: page size, e.g. 11inx14in (default: the smallest that fits)")
    parser.add_argument("--notice-format", metavar="NAME", help="with --law: one of the law's formats (sign, stall_sign ...)")
    parser.add_argument(
        "--workforce",
        metavar="LANG=PCT,...",
        help="with --law: languages the staff read and the percent of "
        "staff who read each, e.g. vi=12,ko=5 (a law's 10 %% rule picks from these)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="json: the report as JSON on stdout")
    parser.set_defaults(command=run_build)


def add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--material", action="append", metavar="ID", help="only this material (repeatable)")
    parser.add_argument("--lang", action="append", metavar="CODE", help="only this language, e.g. zh-Hans (repeatable)")
    parser.add_argument("--region", metavar="ID", help="only this region")


def run_build(args: argparse.Namespace, project: Project) -> int:
    from .system import missing_system_parts

    for problem in missing_system_parts():
        print(f"warning: {problem}", file=sys.stderr)
    campaign = _law_campaign(args, project) if args.law else campaign_of(project, args.campaign)
    request = BuildRequest(
        campaign.name,
        _tuple(args.material),
        _tuple(args.lang),
        args.region,
        args.sheets,
        args.tiles,
        args.text,
        args.bundle,
        only_notices=bool(args.law),
    )
    if args.release and not args.allow_unreviewed:
        refuse_unreviewed(project, campaign, request)
    options = BuildOptions(
        (args.out or project.paths.output).resolve(), args.release, args.jobs, args.scheduler, args.force, args.debug
    )
    print(f"Building campaign '{campaign.name}' into {options.out_dir}", file=sys.stderr)
    report = build(project, request, options, progress=None if args.format == "json" else Progress(), campaign=campaign)
    return finish(report, project, args.strict, args.format)


def finish(report: BuildReport, project: Project, strict: bool, output_format: str) -> int:
    diagnostics = [*report.all_diagnostics(), *project.broken_diagnostics(report)]
    if output_format == "json":
        print_json(
            {
                "summary": summary_facts(report),
                "diagnostics": diagnostics_json(diagnostics),
                "outputs": [_output(result) for result in report.results],
            }
        )
    else:
        print_diagnostics(diagnostics, strict)
        built = len(report.results) - len(report.failed)
        print(
            f"Built {built} of {len(report.results)} outputs in {report.seconds:.1f} s ({len(report.rendered)} rendered, "
            f"{built - len(report.rendered)} already up to date).",
            file=sys.stderr,
        )
    return 1 if fails(diagnostics, strict) or report.failed else 0


def _output(result: JobResult) -> dict[str, object]:
    return {
        "item": result.key.name,
        "kind": result.key.kind,
        "path": str(result.path) if result.path else None,
        "ok": result.ok,
        "up_to_date": result.up_to_date,
        "pages": result.pages,
        "sha256": result.sha256,
    }


def _law_campaign(args: argparse.Namespace, project: Project) -> Campaign:
    if args.law not in project.laws:
        broken = project.problem("law", args.law)
        if broken:
            raise broken
        raise ProjectError.of(
            "reference.law", f"unknown law '{args.law}' (known: {', '.join(sorted(project.laws))}; see list --laws)"
        )
    size = parse_size(args.size) if args.size else None
    order = NoticeOrder(args.law, args.county, tuple(args.lang or ()), args.notice_format, size, parse_workforce(args.workforce))
    return Campaign(LAWS_CAMPAIGN, (), (), (project.laws[args.law].region,), source_file="", notices=(order,))


def refuse_unreviewed(project: Project, campaign: Campaign, request: BuildRequest) -> None:
    from ..pipeline.resolve import plan_materials

    keys = plan_materials(project, campaign, list(request.materials or ()), list(request.languages or ()), request.region)
    drafts = sorted({key.language for key in keys if project.languages[key.language].is_draft})
    if drafts:
        files = ", ".join(project.paths.relative(project.languages[tag].catalog) for tag in drafts)  # type: ignore[arg-type]
        raise ProjectError.of(
            "release.unreviewed",
            f"--release refuses translations no native speaker has reviewed: "
            f"{', '.join(drafts)} (record the review in the header of {files}, or add --allow-unreviewed)",
        )


def parse_size(text: str) -> tuple[str, str]:
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(
        part[-2:] in ("in", "mm", "cm", "pt") and part[:-2].replace(".", "", 1).isdigit() for part in parts
    ):
        raise ProjectError.of("cli.size", f"--size {text}: write width x height with units, e.g. 11inx14in or 210mmx297mm")
    return parts[0], parts[1]


def parse_workforce(text: str | None) -> tuple[tuple[str, float], ...]:
    if not text:
        return ()
    shares = []
    for part in text.split(","):
        tag, _, share = part.partition("=")
        try:
            shares.append((tag.strip(), float(share)))
        except ValueError:
            raise ProjectError.of("cli.workforce", f"--workforce {text}: write language=percent, e.g. vi=12,ko=5") from None
    return tuple(shares)


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return tuple(values) if values else None


class Progress:
    """A bar that rewrites itself on a terminal; one plain line per output elsewhere (CI, logs)."""

    def __init__(self) -> None:
        self.terminal = sys.stderr.isatty()

    def __call__(self, index: int, total: int, result: JobResult) -> None:
        status = "up to date" if result.up_to_date else f"ok, {result.pages} page(s)" if result.ok else "FAILED"
        if not self.terminal:
            print(f"[{index}/{total}] {result.key.name} {status} ({result.seconds:.2f} s)", file=sys.stderr, flush=True)
            return
        filled = round(30 * index / max(total, 1))
        end = "\n" if index >= total else ""
        print(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {index}/{total} {result.key.name[:40]:<40}",
            end=end,
            file=sys.stderr,
            flush=True,
        )
