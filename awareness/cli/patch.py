"""`patch`: signs kept current. Lists the issued PDFs (from the manifests under output/) that
print a registry number or law wording that has since changed, old line and new; with
--build, makes a sheet of labels on label stock that cover each old line with the new one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..laws.patch import PATCH_CAMPAIGN, find_changes, shorten
from ..model.material import Campaign
from ..model.project import Project
from ..pipeline.build import BuildRequest, build
from ..pipeline.jobs import JobKey
from ..pipeline.stages import BuildOptions
from .build import Progress, finish
from .output import print_diagnostics, print_json

DEFAULT_STOCK = "avery_5160"


def add_patch_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "patch", help="which issued PDFs print a changed number or wording; labels to cover them (--build)"
    )
    parser.add_argument("--out", type=Path, metavar="DIR", help="the output folder whose manifests to read (default: output/)")
    parser.add_argument("--stock", default=DEFAULT_STOCK, help="label stock in materials/label_stock.yaml (default: %(default)s)")
    parser.add_argument("--build", action="store_true", help="make the label sheet: <out>/patch/patches/labels-<stock>.pdf")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(command=run_patch)


def run_patch(args: argparse.Namespace, project: Project) -> int:
    out_dir = (args.out or project.paths.output).resolve()
    changes, problems = find_changes(project, out_dir)
    if args.format == "json" and not args.build:
        print_json(
            [
                {
                    "pdf": c.pdf,
                    "item": c.item,
                    "entry": c.entry,
                    "old": c.old,
                    "new": c.new,
                    "labels": c.count if c.new and not c.reprint else 0,
                    "reprint": c.reprint or (None if c.new else "the line is gone"),
                }
                for c in changes
            ]
        )
    elif args.format == "text":
        print_diagnostics(problems)
        for change in changes:
            action = (
                f"{change.count} label(s): {shorten(change.new)!r}"
                if change.new and not change.reprint
                else f"reprint ({change.reprint or 'the line is gone'})"
            )
            print(f"{change.pdf}: {change.entry} {shorten(change.old)!r} changed -> {action}")
        pdfs = len({change.pdf for change in changes})
        print(
            f"{pdfs} issued PDF(s) print a line that changed." if changes else "No issued PDF prints a line that has changed.",
            file=sys.stderr,
        )
    if not args.build or not changes:
        return 0
    campaign = Campaign(PATCH_CAMPAIGN, (), (), ("us",), source_file="")
    request = BuildRequest(
        PATCH_CAMPAIGN, only_notices=True, extra_keys=(JobKey("patch", PATCH_CAMPAIGN, "us", "en", "labels", args.stock),)
    )
    options = BuildOptions(out_dir, debug=args.debug, force=True)
    report = build(project, request, options, progress=None if args.format == "json" else Progress(), campaign=campaign)
    return finish(report, project, False, args.format)
