"""`serve`: the web page for outreach teams (awareness/web/), on http://127.0.0.1:8000/."""

from __future__ import annotations

import argparse
import ipaddress
import sys

from ..model.project import Project

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_serve_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("serve", help="the web page: choose, co-brand, preview and download (http://127.0.0.1:8000/)")
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on (default: %(default)s, this computer only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default: %(default)s)")
    parser.set_defaults(command=run_serve)


def run_serve(args: argparse.Namespace, project: Project) -> int:
    import uvicorn

    from ..web.app import create_app

    if not _loopback(args.host):
        print(f"warning: listening on {args.host}: other computers can reach this page", file=sys.stderr)
    print(f"Serving the web page on http://{args.host}:{args.port}/ (Ctrl+C stops it)", file=sys.stderr)
    uvicorn.run(create_app(project), host=args.host, port=args.port, log_level="warning")
    return 0


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
