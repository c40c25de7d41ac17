"""The web page in a real browser: Debian's chromium (never a downloaded one) driven by
Playwright against the real server on a free loopback port. Choose a material and a language,
upload a logo, see the preview change, download the PDF and read it back."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .web_support import check_read_back, images_on_pages, png_logo, real_project

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PREVIEW_IMAGE = "#preview-frame"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (/usr/bin/chromium): scripts/install-system-packages.sh chromium",
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real application under uvicorn, in a thread of this process."""
    import uvicorn

    from awareness.web.app import WebSettings, create_app

    app = create_app(real_project(), WebSettings(cache_dir=tmp_path_factory.mktemp("web-cache")))
    port = _free_port()
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def browser_page(tmp_path: Path, request: pytest.FixtureRequest):
    from playwright.sync_api import sync_playwright

    javascript = getattr(request, "param", True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            java_script_enabled=javascript,
            accept_downloads=True,
            locale="en-US",
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context.new_page()
        finally:
            context.close()


def _preview_source(page) -> str:  # type: ignore[no-untyped-def]
    """The address of the first page image in the preview frame (its content key)."""
    frame = page.frame_locator(PREVIEW_IMAGE)
    return str(frame.locator("img").first.get_attribute("src", timeout=30_000))


def _wait_for_new_preview(page, before: str, showing: str = "") -> str:  # type: ignore[no-untyped-def]
    """The preview's image address once it differs from `before` and the frame shows `showing`."""
    deadline = time.monotonic() + 30
    while (now := _preview_source(page)) == before or showing not in _preview_text(page):
        assert time.monotonic() < deadline, f"the preview did not change to show {showing!r}"
        page.wait_for_timeout(200)
    return now


def _preview_text(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.frame_locator(PREVIEW_IMAGE).locator("body").inner_text(timeout=30_000))


def test_choose_cobrand_preview_and_download(server, browser_page, tmp_path):
    page = browser_page
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    first = _preview_source(page)

    page.select_option("#material", "poster")
    page.check("#lang-es")
    page.uncheck("#lang-en")
    spanish = _wait_for_new_preview(page, first, showing="Poster · Spanish · United States")
    assert "Draft translation." in _preview_text(page)

    page.fill("#organization", "Casa Esperanza")
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_logo())
    page.set_input_files("#logo", str(logo))
    _wait_for_new_preview(page, spanish)
    assert page.locator("#preview-status").inner_text() == "Preview updated."

    with page.expect_download() as arrival:
        page.get_by_role("button", name="Download").click()
    pdf = tmp_path / arrival.value.suggested_filename
    arrival.value.save_as(pdf)
    assert pdf.name == "poster-us-es.pdf"
    check_read_back(pdf, "es")
    assert images_on_pages(pdf) >= 1  # the logo


def test_keyboard_reaches_the_skip_link_first(server, browser_page):
    page = browser_page
    page.goto(server + "/notices")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("browser_page", [False], indirect=True)
def test_the_preview_works_without_javascript(server, browser_page):
    page = browser_page
    page.goto(server + "/")
    before = _preview_source(page)
    page.select_option("#material", "handout")
    page.get_by_role("button", name="Show the preview").click()
    after = _wait_for_new_preview(page, before, showing="Handout")
    assert after.endswith("/1.png")
    assert page.frame_locator(PREVIEW_IMAGE).locator("img").count() == 2  # the handout's two pages
