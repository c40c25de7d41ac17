"""The web page's HTTP surface (awareness/web/), through Starlette's test client: pages,
previews, downloads read back, the stable address, and every refusal in words."""

from __future__ import annotations

import io
import re
import tempfile
import time
import zipfile
from pathlib import Path

import jinja2.ext
import pytest
from babel.messages.extract import extract
from starlette.testclient import TestClient

from awareness.load.cobrand import MAX_LOGO_BYTES
from awareness.web.app import WebSettings, create_app
from awareness.web.pagetext import page_text

from .conftest import PROJECT_ROOT, run_cli
from .web_support import check_read_back, images_on_pages, png_logo, real_project

WEB = PROJECT_ROOT / "awareness" / "web"
SCRIPTED_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
LINKING_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    b'<image xlink:href="https://example.org/tracker.png" width="10" height="10"/></svg>'
)
CLEAN_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#0b4f8a"/></svg>'


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    app = create_app(real_project(), WebSettings(cache_dir=tmp_path_factory.mktemp("web-cache"), warm_up=False))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own temporary area, to see what a request leaves behind."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _saved(tmp_path: Path, data: bytes, name: str = "download.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _form(material: str = "poster", languages: tuple[str, ...] = ("en",), **fields: str) -> dict[str, object]:
    return {"material": material, "lang": list(languages), "region": "us", **fields}


# ---------------------------------------------------------------------------------- pages


def test_home_page_offers_materials_languages_regions_and_review_state(client):
    page = client.get("/", headers={"accept-language": "en"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="en" dir="ltr">' in page.text
    for fragment in (
        'value="poster"',
        'value="wallet_card"',
        'value="us-ca"',
        'name="lang" value="zh-Hant"',
        'type="file" id="logo"',
        'id="local_line"',
        'class="badge draft"',
    ):
        assert fragment in page.text
    assert re.search(r'<label for="organization">', page.text)


def test_the_page_speaks_spanish(client):
    asked = client.get("/notices", headers={"accept-language": "es-MX,es;q=0.9,en;q=0.5"})
    assert '<html lang="es"' in asked.text and "Avisos que exige la ley" in asked.text
    chosen = client.get("/?ui=es", headers={"accept-language": "en"})
    assert "Haga un cartel, una tarjeta o un folleto" in chosen.text
    assert "ui=es" in chosen.headers["set-cookie"]
    client.cookies.clear()


def test_every_page_string_has_a_spanish_translation():
    project = real_project()
    spanish = page_text(project, "es")
    missing = [message for message in _page_messages() if spanish.gettext(message) == message and message not in _SAME_IN_SPANISH]
    assert not missing, f"translate these in translations/es/LC_MESSAGES/web.po: {missing}"


_SAME_IN_SPANISH = {"Material"}


def _page_messages() -> set[str]:
    found = set()
    for template in WEB.glob("templates/*.html"):
        for _line, message, _comments, _context in extract(jinja2.ext.babel_extract, io.BytesIO(template.read_bytes())):
            found.add(message if isinstance(message, str) else message[0])
    for module in WEB.glob("*.py"):
        for _line, message, _comments, _context in extract("python", io.BytesIO(module.read_bytes()), keywords={"gettext": None}):
            if isinstance(message, str):
                found.add(message)
    return found


def test_notices_page_says_what_a_business_must_post(client):
    page = client.get("/notices", params={"state": "CA", "kind": "hotel", "county": "los_angeles", "ui": "en"})
    assert page.status_code == 200
    assert "California human trafficking notice" in page.text and "Cal. Civ. Code § 52.6" in page.text
    assert "Chinese (Traditional)" in page.text  # the county's Voting Rights Act language
    assert "at least 8.5in × 11in" in page.text and "not allowed" in page.text
    assert "near the public entrance" in page.text and "<li>entrance</li>" not in page.text  # words, not data keys
    spanish = client.get("/notices", params={"state": "CA", "kind": "hotel", "county": "los_angeles", "ui": "es"})
    client.cookies.clear()  # the page remembers a chosen language: the other tests read English
    assert "cerca de la entrada al público" in spanish.text and "near the public entrance" not in spanish.text
    without_county = client.get("/notices", params={"state": "CA", "kind": "hotel"})
    assert "Choose your county above" in without_county.text and "Download the notice" not in without_county.text


def test_notices_page_says_where_each_form_of_a_notice_goes(client):
    """Kentucky: the sign in one of lobby, stairwell, elevator or exit door; the cling in each
    restroom (the page said "in each of these places" for all five, as one list)."""
    page = client.get("/notices", params={"state": "KY", "kind": "hotel", "ui": "en"}).text
    where = page[page.index("Where</dt>") : page.index("Size</dt>")]
    sign, cling = where.index("sign:"), where.index("window cling:")
    assert "in one of these places:" in where[sign:cling] and "in the lobby" in where[sign:cling]
    assert "in each public restroom" in where[cling:] and "in the lobby" not in where[cling:]


def test_notices_page_refuses_a_garbled_staff_list_in_words(client):
    page = client.get("/notices", params={"state": "TX", "kind": "hotel", "workforce": "vietnamese lots"})
    assert page.status_code == 422 and "language=percent" in page.text


def test_translators_page_lists_messages_review_state_and_layouts(client):
    page = client.get("/translations/es")
    assert page.status_code == 200
    assert "Call %(number)s" in page.text and 'lang="es"' in page.text
    assert "Draft translation." in page.text  # es is not reviewed yet
    assert page.text.count('src="/preview/') >= len(real_project().materials)
    index = client.get("/translations")
    assert index.status_code == 200 and 'href="/translations/es"' in index.text
    assert client.get("/translations/xx").status_code == 404


# ---------------------------------------------------------------------------------- previews


def test_preview_frame_and_its_page_images(client):
    frame = client.get("/preview", params={"material": "wallet_card", "lang": "es", "region": "us"})
    assert frame.status_code == 200
    images = re.findall(r'src="(/preview/[0-9a-f]{64}/\d+\.png)"', frame.text)
    assert len(images) == 2  # the card's front and back
    picture = client.get(images[0])
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"
    assert picture.content.startswith(b"\x89PNG")
    assert "/materials/wallet_card.pdf?lang=es&amp;region=us" in frame.text
    assert client.get("/preview/" + "0" * 64 + "/1.png").status_code == 404


def test_preview_changes_with_the_logo(client):
    plain = client.post("/preview", data=_form())
    branded = client.post(
        "/preview", data=_form(organization="Casa Esperanza"), files={"logo": ("logo.png", png_logo(), "image/png")}
    )
    assert plain.status_code == branded.status_code == 200
    key = re.compile(r"/preview/([0-9a-f]{64})/1\.png")
    assert key.search(plain.text).group(1) != key.search(branded.text).group(1)


# ---------------------------------------------------------------------------------- downloads


def test_stable_address_gives_the_pdf_read_back(client, tmp_path):
    answer = client.get("/materials/poster.pdf", params={"lang": "es", "region": "us"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    check_read_back(_saved(tmp_path, answer.content), "es")
    again = client.get("/materials/poster.pdf", params={"lang": "es", "region": "us"})
    assert again.content == answer.content


@pytest.mark.parametrize(
    ("address", "named"),
    [
        ("/materials/postr.pdf?lang=es&region=us", "postr"),
        ("/materials/poster.pdf?lang=xx&region=us", "xx"),
        ("/materials/poster.pdf?lang=es&region=atlantis", "atlantis"),
    ],
)
def test_stable_address_refuses_unknown_names_in_words(client, address, named):
    answer = client.get(address, headers={"accept-language": "en"})
    assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html")
    assert f"“{named}”" in answer.text and "Traceback" not in answer.text


def test_download_of_one_language_is_a_pdf(client, tmp_path):
    answer = client.post("/download", data=_form(languages=("fr",)))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert 'filename="poster-us-fr.pdf"' in answer.headers["content-disposition"]
    check_read_back(_saved(tmp_path, answer.content), "fr")


def test_download_of_several_languages_is_one_zip_of_bundles(client):
    answer = client.post("/download", data=_form("wallet_card", ("en", "es")))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    names = set(zipfile.ZipFile(io.BytesIO(answer.content)).namelist())
    assert {"en/wallet_card.pdf", "es/wallet_card.pdf", "en/proof.html", "es/wallet_card-sheet.pdf"} <= names


def test_cobranded_download_carries_the_logo_and_leaves_nothing_behind(client, tmp_path, private_temp):
    answer = client.post(
        "/download",
        data=_form(languages=("es",), organization="Casa Esperanza"),
        files={"logo": ("logo.png", png_logo("#0b6e4f"), "image/png")},
    )
    assert answer.status_code == 200, answer.text
    pdf = _saved(tmp_path, answer.content, "branded.pdf")
    check_read_back(pdf, "es")
    assert images_on_pages(pdf) >= 1
    assert not [path for path in private_temp.iterdir() if path.name.startswith("awareness-web-")]


def test_cobranded_download_with_an_svg_logo(client):
    answer = client.post("/download", data=_form(), files={"logo": ("mark.svg", CLEAN_SVG, "image/svg+xml")})
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")


def test_notice_download_is_a_pdf(client):
    answer = client.post("/notices/download", data={"law": "fl_787_29"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    separate_signs = client.post("/notices/download", data={"law": "tx_1tac_54_103", "workforce": "vi=12"})
    assert separate_signs.headers["content-type"] == "application/zip"
    signs = set(zipfile.ZipFile(io.BytesIO(separate_signs.content)).namelist())
    assert {"notice-en.pdf", "notice-es.pdf", "notice-vi.pdf"} <= signs


# ---------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("notes.txt", b"just words, not an image", "is not a PNG or SVG image"),
        ("fake.png", b"\x89PNG\r\n\x1a\nnot really", "is not a readable PNG image"),
        ("evil.svg", SCRIPTED_SVG, "scripts and embedded content are refused"),
        ("tracker.svg", LINKING_SVG, "may not refer to anything outside itself"),
    ],
)
def test_bad_logos_are_refused_in_words(client, private_temp, name, data, why):
    for address in ("/preview", "/download"):
        answer = client.post(address, data=_form(), files={"logo": (name, data, "application/octet-stream")})
        assert answer.status_code == 422
        assert "This logo cannot be used." in answer.text and why in answer.text
    assert not list(private_temp.iterdir())


def test_oversize_uploads_are_refused(client, private_temp):
    huge = b"\0" * (MAX_LOGO_BYTES + 200_000)
    too_big_body = client.post("/download", data=_form(), files={"logo": ("huge.png", huge, "image/png")})
    assert too_big_body.status_code == 413 and "at most 2 MB" in too_big_body.text
    padded = png_logo() + b"\0" * MAX_LOGO_BYTES  # within the body limit, over the logo's
    just_over = client.post("/download", data=_form(), files={"logo": ("big.png", padded, "image/png")})
    assert just_over.status_code == 413 and "a logo may have at most" in just_over.text
    assert not list(private_temp.iterdir())
    assert client.get("/").status_code == 200  # and the server keeps serving


@pytest.mark.parametrize(
    ("fields", "status", "words"),
    [
        ({"colours": "on", "primary": "#ffee00", "accent": "#000000"}, 422, "choose a darker colour"),
        ({"colours": "on", "primary": "#0b4f8a", "accent": "yellow"}, 422, "#rrggbb"),
        ({"organization": "Call 555-0100 now"}, 422, "The organisation name cannot be printed as written."),
        ({"organization": "x" * 81}, 422, "at most 80 characters"),
        ({"local_line": "nowhere"}, 404, "There is no line “nowhere”"),
        ({"lang": []}, 400, "Choose at least one language."),
    ],
)
def test_bad_choices_are_refused_in_words(client, fields, status, words):
    answer = client.post("/download", data={**_form(), **fields})
    assert answer.status_code == status and words in answer.text


def test_a_logo_on_a_notice_whose_law_forbids_it_is_refused(client):
    answer = client.post(
        "/notices/download",
        data={"law": "ca_civ_52_6", "county": "los_angeles"},
        files={"logo": ("logo.png", png_logo(), "image/png")},
    )
    assert answer.status_code == 422 and "does not allow a logo on its notice" in answer.text


def test_unknown_pages_and_methods_are_answered_in_words(client):
    assert "There is no page at this address." in client.get("/nowhere").text
    wrong_method = client.get("/download")
    assert wrong_method.status_code == 405 and "does not take that kind of request" in wrong_method.text


def test_an_internal_error_shows_no_traceback(tmp_path, monkeypatch):
    app = create_app(real_project(), WebSettings(cache_dir=tmp_path, warm_up=False))

    def broken(*_args: object) -> None:
        raise RuntimeError("a bug deep inside")

    monkeypatch.setattr(app.state.engine, "build_files", broken)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        answer = test_client.post("/download", data=_form())
        assert answer.status_code == 500
        assert "Something went wrong on our side" in answer.text
        assert "Traceback" not in answer.text and "a bug deep inside" not in answer.text
        assert test_client.get("/").status_code == 200


def test_a_flood_gets_429_in_words_and_then_service_again(tmp_path):
    app = create_app(real_project(), WebSettings(cache_dir=tmp_path, rate_requests=3, rate_seconds=1.0, warm_up=False))
    with TestClient(app) as test_client:
        assert [test_client.get("/").status_code for _ in range(3)] == [200, 200, 200]
        flooded = test_client.get("/")
        assert flooded.status_code == 429 and flooded.headers["retry-after"] == "1"
        assert "Too many requests from your computer" in flooded.text
        assert test_client.get("/static/style.css").status_code == 200  # the page's own files are not counted
        time.sleep(1.1)
        assert test_client.get("/").status_code == 200


def test_serve_is_a_command():
    with pytest.raises(SystemExit) as done:
        run_cli(PROJECT_ROOT, "serve", "--help")
    assert done.value.code == 0
