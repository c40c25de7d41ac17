"""The command line: `build`, `check`, `list`, `preview`, `translations ...`, `serve`, `post`,
`patch` (see README.md). A user error prints located diagnostics and exits 1; nothing reaches
the user as a traceback (`--debug` shows one for an internal error)."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .. import __version__
from ..model.diagnostics import ProjectError, set_display_root
from .build import add_build_command
from .output import print_diagnostics


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    root = (root or find_root(Path.cwd())).resolve()
    set_display_root(root)
    try:
        if getattr(args, "needs_project", True):
            from ..load.project import load_project

            return int(args.command(args, load_project(root)))
        return int(args.command(args, root))
    except ProjectError as error:
        print_diagnostics(error.diagnostics)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one plain line, the traceback only when asked
        if args.debug:
            traceback.print_exc()
        print(
            f"internal error (a bug, please report it): {type(error).__name__}: {error}"
            + ("" if args.debug else " (run again with --debug for details)"),
            file=sys.stderr,
        )
        return 2


def find_root(start: Path) -> Path:
    """The project folder: the nearest folder up from `start` with materials/ and templates/."""
    for folder in (start, *start.parents):
        if (folder / "materials").is_dir() and (folder / "templates").is_dir():
            return folder
    return start


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make_materials.py", description="Print-ready anti-trafficking awareness materials.")
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    add_build_command(commands)
    from .check import add_check_command
    from .listing import add_list_command
    from .patch import add_patch_command
    from .post import add_post_command
    from .preview import add_preview_command
    from .serve import add_serve_command
    from .translations import add_translation_commands

    add_check_command(commands)
    add_list_command(commands)
    add_post_command(commands)
    add_patch_command(commands)
    add_preview_command(commands)
    add_serve_command(commands)
    add_translation_commands(commands)
    for action in commands.choices.values():  # --debug after the command too
        if "--debug" not in action._option_string_actions:
            action.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    return parser
