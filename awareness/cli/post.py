"""`post`: what must a site post? The notices the laws require for a kind of business in a
state (and county), where each goes, its size, type and languages; with --build, the notices
and a printable checklist, through the same pipeline as every other output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..laws.checklist import checklist_key
from ..laws.post import POST_CAMPAIGN, Requirement, Site, SitePlan, county_key, plan_as_data, plan_site
from ..model.material import Campaign
from ..model.project import Project
from ..pipeline.build import BuildRequest, build
from ..pipeline.stages import BuildOptions
from .build import Progress, finish, parse_workforce
from .output import print_json


def add_post_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("post", help="what must a site post? the notices the law requires, and a checklist (--build)")
    parser.add_argument("--state", required=True, metavar="XX", help="the state's two-letter code, e.g. TX")
    parser.add_argument(
        "--county",
        metavar="NAME",
        help="the county (or city, e.g. 'Baltimore City'): picks the Voting Rights Act language where a law adds one",
    )
    parser.add_argument(
        "--business", required=True, metavar="KIND", help="a kind of business of materials/business_kinds.yaml, e.g. hotel"
    )
    parser.add_argument(
        "--workforce",
        metavar="LANG=PCT,...",
        help="languages the staff (or users) read and the percent of them "
        "who read each, e.g. vi=12,ko=5 (a law's 10 %% rule picks from these)",
    )
    parser.add_argument("--build", action="store_true", help="build the notices and the checklist into output/post/")
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: output/)")
    parser.add_argument("--strict", action="store_true", help="with --build: warnings are errors")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(command=run_post)


def run_post(args: argparse.Namespace, project: Project) -> int:
    site = Site(args.state.upper(), county_key(args.county), args.business, parse_workforce(args.workforce))
    plan = plan_site(project, site)
    if args.format == "json" and not args.build:
        print_json(plan_as_data(plan))
        return 0
    if args.format == "text":
        print_plan(plan)
    if not args.build:
        return 0
    orders = tuple(req.order for req in plan.requirements if req.order is not None)
    campaign = Campaign(POST_CAMPAIGN, (), (), ("us",), source_file="", notices=orders)
    request = BuildRequest(POST_CAMPAIGN, only_notices=True, extra_keys=(checklist_key(POST_CAMPAIGN, site),))
    options = BuildOptions((args.out or project.paths.output).resolve(), jobs=args.jobs, debug=args.debug)
    print(f"Building the notices and the checklist into {options.out_dir / POST_CAMPAIGN}", file=sys.stderr)
    report = build(project, request, options, progress=None if args.format == "json" else Progress(), campaign=campaign)
    return finish(report, project, args.strict, args.format)


def print_plan(plan: SitePlan) -> None:
    site = plan.site
    place = f"{plan.county_name} ({site.state})" if plan.county_name else site.state
    laws = len(plan.requirements)
    print(f"{plan.business_name} in {place}: {laws} notice law{'s' if laws != 1 else ''} in this project's data")
    if plan.no_duty:
        print(f"  no posting duty: {plan.no_duty}")
    for number, req in enumerate(plan.requirements, start=1):
        print_requirement(number, req)
    for note in plan.notes:
        print(f"note: {note}")
    if not plan.requirements and not plan.no_duty:
        print("  none found: this data covers some states only; check the state's own laws")


def print_requirement(number: int, req: Requirement) -> None:
    status = {"full": "", "partial": " [verified in part]", "none": " [not built]"}[req.verification]
    print(f"{number}. {req.title} ({req.citation}){status}")
    for index, need in enumerate(req.formats):
        rule = f" ({need.where_rule})" if len(need.where) > 1 else ""
        joined = f"{req.formats_rule} " if index else ""
        print(f"   {joined}{need.words}: {'; '.join(need.where)}{rule}")
        print(f"     {need.size}; {need.type}" + (f" ({need.note})" if need.note else ""))
    if req.languages:
        signs = "a separate sign in each" if req.separate_signs else "equal parts" if req.equal_parts else "one sign"
        print(f"   languages: {', '.join(req.languages)} ({signs})")
    if req.problem:
        print(f"   cannot build: {req.problem}")
    if req.note:
        print(f"   check before posting: {req.note}")
