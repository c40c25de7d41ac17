"""`check PATH...`: preflight. Each PDF is read back with the same verify stage the build runs
before it keeps a file, and the verdict printed per file (or as JSON)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from ..model.diagnostics import Diagnostic, ProjectError, Severity
from ..model.project import Project
from ..pipeline.jobs import JobKey, key_of_path
from ..pipeline.kinds import JOB_TYPES
from ..pipeline.manifest import MANIFEST, Manifest
from ..pipeline.stages import BuildOptions
from ..pipeline.tools import WorkerTools
from ..verify.facts import figure_problems, file_facts
from .output import print_json


def add_check_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("check", help="preflight: read PDFs back and say whether they are safe to print")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="PDF files or folders of them")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(command=run_check)


def pdf_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.pdf")) if path.is_dir() else [path])
    return files


def run_check(args: argparse.Namespace, project: Project) -> int:
    files = pdf_files([path if path.is_absolute() else Path.cwd() / path for path in args.paths])
    if not files:
        raise ProjectError.of("check.nothing", f"no PDF found in {', '.join(map(str, args.paths))}")
    tools = WorkerTools(project, args.debug)
    reports = []
    for path in files:
        facts = file_facts(path)  # read once: reported, and judged for its figures
        reports.append((path, facts, check_file(tools, path, facts)))
    if args.format == "json":
        print_json(
            [
                {"path": str(path), "ok": not _errors(found), **facts, "diagnostics": [d.as_dict() for d in found]}
                for path, facts, found in reports
            ]
        )
    else:
        for path, facts, found in reports:
            print(
                f"{'ok  ' if not _errors(found) else 'FAIL'} {path}: {facts['pages']} page(s), {facts['standard']}"
                f"{', tagged' if facts['tagged'] else ', NOT tagged'}"
                f"{_figures_described(facts)}"
                f"{', output intent ' + facts['output_intent'] if facts['output_intent'] else ''}"
            )
            for diagnostic in found:
                print(f"     {diagnostic.severity.value}: {diagnostic.message} [{diagnostic.code}]")
    failed = [path for path, _facts, found in reports if _errors(found)]
    print(f"{len(reports) - len(failed)} of {len(reports)} PDFs ready to print.", file=sys.stderr)
    return 1 if failed else 0


def _figures_described(facts: dict[str, Any]) -> str:
    return f" ({facts['figures_described']} of {facts['figures']} figures described)" if facts["figures"] else ""


def _errors(found: list[Diagnostic]) -> bool:
    return any(diagnostic.is_error for diagnostic in found)


def check_file(tools: WorkerTools, path: Path, facts: dict[str, Any]) -> list[Diagnostic]:
    """What is wrong with one PDF, judged against the job that made it (and its `file_facts`)."""
    try:
        key, out_dir = identify(tools.project, path)
        job_type = JOB_TYPES[key.kind]
        spec = job_type.resolve(tools.project, key, BuildOptions(out_dir, release=True))
        found = job_type.verify(spec, path, tools)
        return found + [Diagnostic("pdfua.figure", message, Severity.ERROR) for message in figure_problems(facts)]
    except ProjectError as error:
        return [
            Diagnostic(d.code, f"cannot tell what this PDF should be: {d.message}", Severity.ERROR, d.location)
            for d in error.diagnostics
        ]


def identify(project: Project, path: Path) -> tuple[JobKey, Path]:
    """The job a file came from, and the output folder it lies in: from its campaign's
    manifest, else from where it lies."""
    resolved = path.resolve()
    for folder in resolved.parents:
        if (folder / MANIFEST).is_file():
            key = Manifest.load(folder).key_of(str(PurePosixPath(*resolved.relative_to(folder).parts)))
            if key:
                return key, folder.parent
    for depth in range(2, 6):
        if len(resolved.parts) <= depth:
            break
        campaign_folder = resolved.parents[depth - 1]
        relative = PurePosixPath(*resolved.relative_to(campaign_folder).parts)
        formats = {fmt for law in project.laws.values() for fmt in getattr(law, "format_names", ())}
        key = key_of_path(campaign_folder.name, relative, set(project.languages), formats)
        if key and (key.kind != "material" or key.subject in project.materials):
            campaign = key.campaign if key.campaign in project.campaigns else "default"
            return JobKey(
                key.kind, campaign, key.region, key.language, key.subject, key.place, key.variant
            ), campaign_folder.parent
    raise ProjectError.of(
        "check.unknown-file",
        "expected a file the build wrote: <campaign>/<region>/<lang>/<material>.pdf "
        "or <campaign>/notices/<law>/<place>/notice....pdf",
    )
