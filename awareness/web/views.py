"""Pages from the Jinja templates in awareness/web/templates/, in the visitor's language, and
the error page every refusal is shown on (never a traceback)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..i18n.languages import Language
from .engine import WebEngine
from .errors import PageError
from .pagetext import COOKIE, PageText, chosen_language, page_languages, page_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
COOKIE_SECONDS = 365 * 24 * 3600

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def engine_of(request: Request) -> WebEngine:
    engine: WebEngine = request.app.state.engine
    return engine


def text_of(request: Request) -> PageText:
    """The page's words for this request (chosen once per request)."""
    if not hasattr(request.state, "text"):
        project = engine_of(request).project
        request.state.text = page_text(project, chosen_language(request, project))
    text: PageText = request.state.text
    return text


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    text = text_of(request)
    body = _environment.get_template(template).render(
        _=text.gettext, ui=text, path=request.url.path, switches=_language_switches(request, text), **context
    )
    response = HTMLResponse(body, status)
    asked = request.query_params.get(COOKIE)
    if asked in page_languages(engine_of(request).project):
        response.set_cookie(COOKIE, asked, max_age=COOKIE_SECONDS, samesite="lax")
    return response


def _language_switches(request: Request, text: PageText) -> list[dict[str, Any]]:
    """A link per page language, to this same page (to the home page after a form was sent)."""
    path, kept = (request.url.path, request.query_params.multi_items()) if request.method == "GET" else ("/", [])
    return [
        {
            "tag": tag,
            "name": Language(tag).name,
            "current": tag == text.tag,
            "href": f"{path}?{urlencode([*((key, value) for key, value in kept if key != COOKIE), (COOKIE, tag)])}",
        }
        for tag in page_languages(engine_of(request).project)
    ]


def error_page(request: Request, error: PageError) -> Response:
    """The refusal in words, in the preview frame when it came from there."""
    template = "frame_error.html" if getattr(request.state, "frame", False) else "error.html"
    return render(request, template, {"status": error.status, "message": error.message, "details": error.details}, error.status)


def internal_error_page(request: Request, _error: Exception) -> Response:
    """A bug: words on the page; the traceback goes to the server's log (Starlette re-raises
    the exception to uvicorn once this page is sent)."""
    text = text_of(request)
    return error_page(
        request,
        PageError(
            500,
            text.gettext(
                "Something went wrong on our side. Nothing was saved; please try again. If it happens again, tell the team "
                "that runs this page."
            ),
        ),
    )
