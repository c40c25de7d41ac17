"""The application: routes, static files, the rate limit, error pages, and one warm engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..model.project import Project
from . import materials, notices, translations
from .engine import WebEngine
from .errors import PageError
from .ratelimit import RateLimit
from .views import error_page, internal_error_page, text_of

STATIC = Path(__file__).resolve().parent / "static"


@dataclass(frozen=True)
class WebSettings:
    cache_dir: Path | None = None  # default: output/web-cache in the project
    rate_requests: int = 240  # per client in rate_seconds: a person clicking through, and the preview's images
    rate_seconds: float = 60.0
    warm_up: bool = True  # load WeasyPrint and the fonts at start, not on the first visitor's request


def create_app(project: Project, settings: WebSettings | None = None) -> Starlette:
    settings = settings or WebSettings()
    engine = WebEngine(project, settings.cache_dir or project.paths.output / "web-cache")

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if settings.warm_up:
            engine.warm_up()
        yield

    static = Mount("/static", StaticFiles(directory=STATIC), name="static")
    app = Starlette(
        routes=[*materials.routes, *notices.routes, *translations.routes, static],
        middleware=[Middleware(RateLimit, requests=settings.rate_requests, seconds=settings.rate_seconds, refuse=_too_many)],
        exception_handlers={PageError: _refused, HTTPException: _http_error, Exception: internal_error_page},
        lifespan=lifespan,
    )
    app.state.engine = engine
    return app


async def _refused(request: Request, error: Exception) -> Response:
    assert isinstance(error, PageError)
    return error_page(request, error)


async def _http_error(request: Request, error: Exception) -> Response:
    """Starlette's own refusals (no such page, wrong method) on the same page as ours."""
    assert isinstance(error, HTTPException)
    text = text_of(request)
    message = {
        404: text.gettext("There is no page at this address."),
        405: text.gettext("This address does not take that kind of request."),
    }.get(error.status_code, text.gettext("This request cannot be served."))
    return error_page(request, PageError(error.status_code, message))


def _too_many(request: Request, wait: int) -> Response:
    text = text_of(request)
    response = error_page(
        request,
        PageError(
            429,
            text.gettext(
                "Too many requests from your computer in a short time. Please wait %(seconds)s seconds and try again.",
                seconds=wait,
            ),
        ),
    )
    response.headers["Retry-After"] = str(wait)
    return response
