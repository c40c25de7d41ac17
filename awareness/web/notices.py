"""Notices the law requires: which ones a business must post (state, kind of business, county,
staff languages), each with where, sizes and languages from the law data; a preview; the
notice built through the pipeline (one PDF, or a zip when the law wants a sign per language)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..laws.model import LawWords, law_words
from ..laws.notices import plan_notices
from ..model.project import Project
from ..pipeline.build import BuildRequest
from .engine import Download, Preview, WebEngine
from .errors import PageError, off_the_loop
from .orders import WEB_CAMPAIGN, NoticeRequest, notice_request, workforce
from .packaging import attachment, single_or_zip
from .pagetext import PageText
from .posting import business_kinds, counties, requirements, states
from .uploads import logo_of, read_form
from .views import engine_of, render, text_of


async def notices_page(request: Request) -> Response:
    engine, text = engine_of(request), text_of(request)
    asked = request.query_params
    state, kind, county = asked.get("state", ""), asked.get("kind", ""), asked.get("county") or None
    problem, status, found = None, 200, None
    words = law_words(engine.project)  # kinds, places and forms of notice, in words
    try:
        staff = workforce(asked, text)
        if state and kind:
            found = requirements(engine.project, words, state, kind, county, staff)
    except PageError as error:
        problem, status = error.message, error.status
    return render(
        request,
        "notices.html",
        {
            "states": states(engine.project),
            "kinds": _kinds_by_name(engine.project, words, text),
            "counties": counties(engine.project),
            "chosen": {"state": state, "kind": kind, "county": county or "", "workforce": asked.get("workforce", "")},
            "requirements": found,
            "places": words.places,
            "formats": words.formats,
            "problem": problem,
        },
        status,
    )


def _kinds_by_name(project: Project, words: LawWords, text: PageText) -> dict[str, str]:
    named = ((kind, text.gettext(name)) for kind, name in business_kinds(project, words).items())
    return dict(sorted(named, key=lambda pair: pair[1]))


async def notice_preview(request: Request) -> Response:
    request.state.frame = True
    engine, text = engine_of(request), text_of(request)
    form = await read_form(request, text)
    notice = notice_request(form, engine.project, text, await logo_of(form, text))
    key = notice.key("preview")
    shown = await off_the_loop(
        text.gettext("This notice cannot be made with these choices."), _render_preview, engine, notice, key
    )
    return render(
        request, "notice_preview.html", {"key": key, "pages": len(shown.pages), "notes": shown.notes, "law": notice.law}
    )


def _render_preview(engine: WebEngine, notice: NoticeRequest, key: str) -> Preview:
    cached = engine.previews.get(key)
    if cached is not None:
        return cached
    campaign = notice.campaign()
    first = plan_notices(engine.project, WEB_CAMPAIGN, campaign.notices)[0]
    return engine.preview(key, campaign, first)


async def notice_download(request: Request) -> Response:
    engine, text = engine_of(request), text_of(request)
    form = await read_form(request, text)
    notice = notice_request(form, engine.project, text, await logo_of(form, text))
    made = await off_the_loop(
        text.gettext("The notice could not be made: it did not pass its checks."), _build_download, engine, notice
    )
    return attachment(made)


def _build_download(engine: WebEngine, notice: NoticeRequest) -> Download:
    """Notices carry no upload: they are kept in the cache folder by the pipeline's manifest."""
    key = notice.key("download")
    cached = engine.downloads.get(key)
    if cached is not None:
        return cached
    files = engine.build_files(notice.campaign(), BuildRequest(WEB_CAMPAIGN, only_notices=True), engine.cache_dir, ("notice",))
    made = single_or_zip(files, f"notice-{notice.law.id}-{notice.county or 'statewide'}")
    engine.downloads.put(key, made)
    return made


routes = [
    Route("/notices", notices_page),
    Route("/notices/preview", notice_preview, methods=["POST"]),
    Route("/notices/download", notice_download, methods=["POST"]),
]
