"""Print-shop readiness: bleed and marks, tagged PDFs, the preflight `check` command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from awareness.load.yamlsafe import load_yaml

from .conftest import PROJECT_ROOT, replace_in, run_cli, set_translation
from .pdfinspect import tag_tree_text, tagged_figures


def _structure(pdf: Path) -> list[tuple[str, str | None]]:
    """(role, alternative text) of every element of the PDF's structure tree, in order."""
    found = []

    def walk(node):
        node = node.get_object()
        if "/S" in node:
            found.append((str(node["/S"]), node.get("/Alt")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid)

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_bleed_and_crop_marks_set_trim_and_bleed_boxes(tmp_path):
    out = tmp_path / "out"
    run = run_cli(PROJECT_ROOT, "build", "--campaign", "print-shop", "--lang", "en", "--out", str(out))
    assert run.code == 0, run.stderr
    page = PdfReader(out / "print-shop/us/en/wallet_card.pdf").pages[0]
    assert [float(v) for v in page.trimbox] == [0, 0, 252, 144]  # 3.5 x 2 in
    assert [float(v) for v in page.bleedbox] == [-9, -9, 261, 153]  # + 0.125 in each side
    assert run_cli(PROJECT_ROOT, "check", str(out)).code == 0


def test_bleed_larger_than_the_safe_margin_is_refused(sample_project, tmp_path):
    campaign = sample_project / "materials/campaigns/print-shop.yaml"
    replace_in(campaign, "print: {bleed: true, crop_marks: true}", "print: {bleed: 5mm, crop_marks: true}")
    run = run_cli(sample_project, "build", "--campaign", "print-shop", "--lang", "en", "--out", str(tmp_path / "out"))
    assert run.code == 1
    assert (
        "error: materials/campaigns/print-shop.yaml: bleed 5mm of wallet_card is larger than its safe margin 0.14in [print.bleed]"
    ) in run.stderr
    assert not list((tmp_path / "out").rglob("wallet_card.pdf"))


def test_pdfs_are_tagged_with_language_and_described_qr_code(default_build):
    _run, out = default_build
    pdf = out / "default/us/fa/poster.pdf"
    root = PdfReader(pdf).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and root["/Lang"] == "fa"
    roles = _structure(pdf)
    names = [role for role, _alt in roles]
    content = [name for name in names if name not in ("/NonStruct", "/Div", "/Sect", "/Part")]
    assert content[:2] == ["/Document", "/H1"]  # reading order follows the content: the headline first
    assert names.index("/H1") < names.index("/L") < names.index("/Figure")
    figure_alt = next(alt for role, alt in roles if role == "/Figure")
    assert figure_alt.endswith("humantraffickinghotline.org") and len(figure_alt) > len("humantraffickinghotline.org")


def test_check_passes_on_the_default_campaign(default_build):
    _run, out = default_build
    run = run_cli(PROJECT_ROOT, "check", str(out), "--format", "json")
    assert run.code == 0, run.stdout[-2000:]
    reports = json.loads(run.stdout)
    assert len(reports) == len(list(out.rglob("*.pdf"))) == 102 and all(report["ok"] for report in reports)
    assert all(report["standard"] == "PDF/UA-1" and report["tagged"] for report in reports)  # check reports the facts


@pytest.fixture
def good_pdfs(default_build, tmp_path) -> Path:
    """A private copy of a few good PDFs, laid out as the build lays them out."""
    _run, out = default_build
    target = tmp_path / "default" / "us"
    for lang in ("en", "ar"):
        shutil.copytree(out / "default" / "us" / lang, target / lang)
    return tmp_path / "default"


def _rewrite(path: Path, change) -> None:
    writer = PdfWriter(clone_from=str(path))
    change(writer)
    with path.open("wb") as handle:
        writer.write(handle)


def _problems(path: Path) -> list[str]:
    run = run_cli(PROJECT_ROOT, "check", str(path), "--format", "json")
    assert run.code == 1
    return [diagnostic["message"] for diagnostic in json.loads(run.stdout)[0]["diagnostics"]]


def test_check_fails_a_missing_font(good_pdfs):
    pdf = good_pdfs / "us/ar/poster.pdf"

    def unembed(writer):
        font = next(iter(writer.pages[0]["/Resources"]["/Font"].values())).get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            descriptor.pop(key, None)

    _rewrite(pdf, unembed)
    assert any(problem.startswith("font not embedded:") for problem in _problems(pdf))


def test_check_fails_a_wrong_size(good_pdfs):
    pdf = good_pdfs / "us/en/wallet_card.pdf"

    def shrink(writer):
        for page in writer.pages:
            page.trimbox = page.bleedbox = page.mediabox = RectangleObject([0, 0, 240, 144])

    _rewrite(pdf, shrink)
    assert any("trims to 240.0 x 144.0 pt; wallet_card on letter is 3.5in x 2in" in problem for problem in _problems(pdf))


def test_check_fails_a_figure_a_screen_reader_cannot_describe(good_pdfs):
    pdf = good_pdfs / "us/ar/poster.pdf"
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        pending = [document.Root.StructTreeRoot]
        while pending:
            node = pending.pop()
            if node.get("/S") == "/Figure":
                del node["/Alt"]
            kids = node.get("/K")
            pending += [
                kid for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]) if isinstance(kid, pikepdf.Dictionary)
            ]
        document.save(pdf)
    run = run_cli(PROJECT_ROOT, "check", str(pdf))
    assert run.code == 1 and "(0 of 1 figures described)" in run.stdout
    assert "1 of 1 figure(s) have no alternative text or bounding box [pdfua.figure]" in run.stdout


def test_the_build_reads_its_pdf_back_and_keeps_none_with_an_unreadable_qr_code_or_no_hotline(sample_project, tmp_path):
    out = tmp_path / "out"
    assert run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--out", str(out)).code == 0
    before = (out / "default/us/en/poster.pdf").read_bytes()
    replace_in(
        sample_project / "templates/materials.css",
        ".qr-code { display: block; }",
        ".qr-code { display: block; width: 0.12in !important; height: 0.12in !important; }",
    )
    replace_in(sample_project / "templates/poster.html", "{{ number_band(hotline) }}", "")
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--out", str(out))
    assert run.code == 1
    assert "QR codes decode to [none readable], expected [https://humantraffickinghotline.org] [verify.qr]" in run.stderr
    assert "hotline 1-888-373-7888 is not printed in order on any line [verify.hotline]" in run.stderr
    assert (out / "default/us/en/poster.pdf").read_bytes() == before  # the previous good PDF is kept


def test_auto_fit_shrinks_within_the_minimum_and_reports_it(sample_project, tmp_path):
    catalog = sample_project / "translations/es/LC_MESSAGES/messages.po"
    longer = {  # a wordier translation, about 40% longer than the catalog's
        "The child seems afraid, watched or controlled.": "El niño parece tener miedo, sentirse vigilado o controlado por otra persona que está cerca.",
        "Someone else holds the child's ID or papers.": "Otra persona guarda la identificación, el pasaporte o los papeles del niño y no se los devuelve.",
        "The child lives where they work.": "El niño vive en el mismo lugar donde trabaja, sin poder salir libremente.",
        "A child is not allowed to speak for themselves.": "No se le permite al niño hablar por sí mismo; otra persona habla por él.",
        "Child trafficking is when someone makes a child work or do sexual acts for someone else's gain. "
        "It happens in cities, towns and online.": "La trata de niños ocurre cuando alguien obliga a un niño o a una niña a trabajar o a realizar actos "
        "sexuales para que otra persona obtenga un beneficio. Ocurre en ciudades, en pueblos y en internet.",
    }
    for msgid, translation in longer.items():
        set_translation(catalog, msgid, translation)
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "es", "--material", "poster", "--out", str(out))
    assert run.code == 0, run.stderr
    note = next(line for line in run.stderr.splitlines() if line.startswith("note: materials/poster.yaml: body type set at"))
    scale = int(note.split("type set at ")[1].split("%")[0])
    assert int(14 / 17 * 100) <= scale < 100  # body type is 17 pt at full size, 14 pt at the least
    manifest = json.loads((out / "default/manifest.json").read_text())
    assert round(manifest["outputs"]["us/es/poster.pdf"]["facts"]["text_scale"] * 100) == scale


def test_type_below_the_minimum_in_the_design_is_refused(sample_project, tmp_path):
    replace_in(
        sample_project / "templates/materials.css",
        ".poster, .poster_large { font-size: 17rem; }",
        ".poster, .poster_large { font-size: 12rem; }",
    )
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--out", str(tmp_path / "out"))
    assert run.code == 1
    assert (
        "error: materials/poster.yaml: us/en/poster: body type of 12.0 pt at full size, below the minimum of 14 pt "
        "[design.min-type]"
    ) in run.stderr


def _flat(points: list[tuple[float, float]]) -> list[float]:
    """Points in a stable order (by rounded position), flattened for pytest.approx."""
    return [value for point in sorted(points, key=lambda p: (round(p[0] / 10), round(p[1] / 10))) for value in point]


def _qr_centres(pdf: Path, page_index: int) -> list[tuple[float, float]]:
    """Centres of the QR codes on a page, in PDF points from the bottom left."""
    import pypdfium2 as pdfium
    import zxingcpp

    scale = 300 / 72
    document = pdfium.PdfDocument(pdf)
    page = document[page_index]
    height = page.get_height()
    image = page.render(scale=scale, grayscale=True).to_pil()
    centres = []
    for code in zxingcpp.read_barcodes(image):
        corners = [code.position.top_left, code.position.top_right, code.position.bottom_left, code.position.bottom_right]
        x = sum(point.x for point in corners) / 4 / scale
        y = height - sum(point.y for point in corners) / 4 / scale
        centres.append((round(x, 1), round(y, 1)))
    document.close()
    return sorted(centres)


def _number_origins(pdf: Path, page_index: int, number: str) -> list[tuple[float, float]]:
    """Where the number's glyphs are printed (pdfminer reads the glyphs, not /ActualText)."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        page = document.pages[page_index]
        return sorted((round(match["x0"], 1), round(float(page.height) - match["bottom"], 1)) for match in page.search(number))


def test_cards_ten_up_with_backs_for_a_long_edge_flip(tmp_path):
    from awareness.render.impose import PAPER_PT

    out = tmp_path / "out"
    run = run_cli(PROJECT_ROOT, "build", "--sheets", "--lang", "en", "--material", "wallet_card", "--out", str(out))
    assert run.code == 0, run.stderr
    card, sheet = out / "default/us/en/wallet_card.pdf", out / "default/us/en/wallet_card-sheet.pdf"
    width, height = 252.0, 144.0  # 3.5 x 2 in
    paper_w, paper_h = PAPER_PT["letter"]
    x0, y0 = (paper_w - 2 * width) / 2, (paper_h - 5 * height) / 2
    fronts = sorted((x0 + column * width, y0 + row * height) for column in range(2) for row in range(5))
    ((number_x, number_y),) = _number_origins(card, 0, "1-888-373-7888")
    assert _flat(_number_origins(sheet, 0, "1-888-373-7888")) == pytest.approx(
        _flat(sorted((x + number_x, y + number_y) for x, y in fronts)), abs=1.0
    )
    ((qr_x, qr_y),) = _qr_centres(card, 1)
    # Long-edge flip: the back of the card whose front is at x lies at paper_w - x - width.
    backs = sorted((paper_w - x - width + qr_x, y + qr_y) for x, y in fronts)
    assert _flat(_qr_centres(sheet, 1)) == pytest.approx(_flat(backs), abs=2.0)
    assert run_cli(PROJECT_ROOT, "check", str(sheet)).code == 0


def test_every_material_of_the_print_shop_campaign_has_an_office_sheet(tmp_path):
    """Cards: 2 x 5 with a 0.125 in bleed need 11.25 in, so the sheet takes 2 x 4 rather than
    none. Letter pages made with bleed and crop marks: an office copy, trimmed to Letter (the
    paper's edge is the cut), every page, the QR code readable, read back by `check`."""
    out = tmp_path / "out"
    run = run_cli(PROJECT_ROOT, "build", "--campaign", "print-shop", "--sheets", "--lang", "ar", "--out", str(out))
    assert run.code == 0, run.stderr
    manifest = json.loads((out / "print-shop/manifest.json").read_text())["outputs"]
    materials = load_yaml(PROJECT_ROOT / "materials/campaigns/print-shop.yaml")["materials"]
    assert sorted(name for name in manifest if name.endswith("-sheet.pdf")) == sorted(f"us/ar/{m}-sheet.pdf" for m in materials)
    assert manifest["us/ar/wallet_card-sheet.pdf"]["facts"]["copies"] == 8
    for material, pages in {"poster": 1, "handout": 2, "tearoff_poster": 1}.items():
        sheet = PdfReader(out / f"print-shop/us/ar/{material}-sheet.pdf")
        assert [[float(v) for v in page.mediabox] for page in sheet.pages] == [[0, 0, 612, 792]] * pages
        assert manifest[f"us/ar/{material}-sheet.pdf"]["facts"]["copies"] == 1
    # Tagged: each page a figure whose alternative text is that page's own text, in reading order.
    sheet, handout = out / "print-shop/us/ar/handout-sheet.pdf", out / "print-shop/us/ar/handout.pdf"
    spoken = _squeeze("".join(piece.text or "" for piece in tag_tree_text(handout)))
    alts = [_squeeze(figure.alt or "") for figure in tagged_figures(sheet)]
    assert len(alts) == 2 and "".join(alts) == spoken
    assert all(pikepdf.open(path).check_pdf_syntax() == [] for path in out.rglob("*-sheet.pdf"))
    assert run_cli(PROJECT_ROOT, "check", str(out)).code == 0


def test_a_campaign_without_bleed_gets_no_copy_of_its_full_pages(tmp_path):
    out = tmp_path / "out"
    run = run_cli(PROJECT_ROOT, "build", "--sheets", "--lang", "en", "--material", "poster", "--out", str(out))
    assert run.code == 0, run.stderr
    assert not list(out.rglob("*-sheet.pdf"))  # the poster is an office page already


def test_a_sheet_that_cannot_hold_one_card_names_the_material_and_setting(sample_project, tmp_path):
    replace_in(sample_project / "materials/wallet_card.yaml", "  letter: [3.5in, 2in]", "  letter: [9in, 2in]")
    run = run_cli(
        sample_project, "build", "--sheets", "--lang", "en", "--material", "wallet_card", "--out", str(tmp_path / "out")
    )
    assert run.code == 1
    assert "sheet of wallet_card: a 2 x 5 sheet of 9in x 2in cards needs 18.00 x 10.00 in, but letter paper leaves" in run.stderr


@pytest.mark.parametrize("lang", ["en", "ar", "ru", "zh-Hant"])
def test_tear_off_poster_tabs_carry_the_numbers(tmp_path, lang):
    from awareness.verify.readback import read_pdf

    out = tmp_path / "out"
    run = run_cli(PROJECT_ROOT, "build", "--campaign", "tearoff", "--lang", lang, "--out", str(out))
    assert run.code == 0, run.stderr
    pdf = read_pdf(out / f"tearoff/us/{lang}/tearoff_poster.pdf")
    assert len(pdf.page_sizes_pt) == 1
    tabs = 9  # materials/tearoff_poster.yaml
    assert pdf.text.count("1-888-373-7888") == 1 + tabs  # the poster's own line and one per tab
    assert pdf.text.count("233733") == 1 + tabs
    assert pdf.missing_glyphs == []
    assert run_cli(PROJECT_ROOT, "check", str(out)).code == 0


def _poppler_pages(pdf: Path) -> list[str]:
    """Each page's text as poppler reads it: what a clip hides is not read."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    isolates = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))  # the sign's /ActualText keeps them
    return text.translate(isolates).split("\f")[:-1]


def test_tiled_tabloid_poster_reads_back_on_four_letter_sheets(tmp_path):
    out = tmp_path / "out"
    run = run_cli(PROJECT_ROOT, "build", "--tiles", "--material", "poster_large", "--lang", "en", "--out", str(out))
    assert run.code == 0, run.stderr
    sign, tiles = out / "default/us/en/poster_large.pdf", out / "default/us/en/poster_large-tiles-letter.pdf"
    reader = PdfReader(tiles)
    assert [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages] == [(612, 792)] * 4
    pages = _poppler_pages(tiles)
    keys = ["top left", "top right", "bottom left", "bottom right"]
    for number, (page, where) in enumerate(zip(pages, keys, strict=True), start=1):
        assert f"Sheet {number} of 4, {where}: See the signs of child trafficking." in " ".join(page.split())

    def phrases(page: str) -> set[str]:
        sign_part = "\n".join(line for line in page.splitlines() if "of 4, " not in line)  # not the key
        words = [word for word in sign_part.split() if word.isalpha()]
        return {" ".join(words[index : index + 3]) for index in range(len(words) - 2)}

    assert phrases(pages[0]) & phrases(pages[1])  # the strip left and right of the vertical seam is on both
    assert phrases(pages[0]) & phrases(pages[2])  # and above and below the horizontal one
    # Text intact: every word of the sign is printed whole on some sheet, but for the number,
    # 100 pt and wider than the overlap, whose two halves overlap.
    on_sheets = {word for page in pages for word in page.split()}
    words = {word for word in _poppler_pages(sign)[0].split()} - {"1-888-373-7888"}
    assert words - on_sheets == set()
    left = next(word for word in pages[2].split() if word.startswith("1-888"))
    right = next(word for word in pages[3].split() if word.endswith("-7888"))
    assert "1-888-373-7888".startswith(left) and "1-888-373-7888".endswith(right) and len(left) + len(right) > 14
    manifest = json.loads((out / "default/manifest.json").read_text())
    assert manifest["outputs"]["us/en/poster_large-tiles-letter.pdf"]["facts"]["grid"] == [2, 2]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root  # the keys are tagged text
    # A screen reader meets the sign once: the first sheet's part is a figure whose alternative
    # text is the whole sign's text (as its tag tree has it), drawn where the figure's box says.
    (figure,) = tagged_figures(tiles)
    sign_text = _squeeze("".join(piece.text or "" for piece in tag_tree_text(sign)))
    assert figure.page == 0 and _squeeze(figure.alt or "") == sign_text
    x0, y0, x1, y1 = figure.bbox or (0, 0, 0, 0)
    assert 18 <= x0 < x1 <= 612 - 18 and 18 <= y0 < y1 <= 792 - 18  # inside the printable area
    assert run_cli(PROJECT_ROOT, "check", str(tiles)).code == 0
    assert pikepdf.open(tiles).check_pdf_syntax() == []
    # Beside each key, a map of the 2 x 2 grid with the sheet's own cell filled (no words needed).
    assert [_filled_map_cell(tiles, index) for index in range(4)] == [(0, 0), (1, 0), (0, 1), (1, 1)]


def _filled_map_cell(pdf: Path, index: int) -> tuple[int, int]:
    """(column, row) of the darkest cell of the key's map, in the bottom left corner of a sheet."""
    scale = 8
    page = pdfium.PdfDocument(pdf)[index]
    image = page.render(scale=scale, grayscale=True).to_pil()
    height = page.get_height()
    corner = image.crop((16 * scale, int((height - 50) * scale), int(33.5 * scale), int((height - 16) * scale)))
    left, top, right, bottom = corner.point(lambda value: 255 if value < 128 else 0).getbbox()
    cells = {
        (column, row): corner.crop(
            (
                left + column * (right - left) // 2,
                top + row * (bottom - top) // 2,
                left + (column + 1) * (right - left) // 2,
                top + (row + 1) * (bottom - top) // 2,
            )
        )
        for column in range(2)
        for row in range(2)
    }
    return min(cells, key=lambda cell: sum(cells[cell].getdata()))


def _squeeze(text: str) -> str:
    return "".join(text.translate(dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))).split())


def test_a_sign_too_large_to_tile_is_refused_with_its_file():
    """36 x 48 in needs 5 x 5 Letter sheets, more than the 4 x 4 a grid may have. (The poster
    itself cannot be laid out that large, so the grid is asked for directly.)"""
    from awareness.model.diagnostics import Location, ProjectError
    from awareness.render.tiles import tile_layout

    with pytest.raises(ProjectError) as raised:
        tile_layout((36 * 72, 48 * 72), "letter", Location(PROJECT_ROOT / "materials/poster_large.yaml"), "tiles of poster_large")
    assert raised.value.first.message == (
        "tiles of poster_large: a 36.00 x 48.00 in sign does not fit on 4 x 4 sheets of letter paper with 0.5 in overlaps "
        "(each sheet prints 8.00 x 10.08 in)"
    )
    assert tile_layout((11 * 72, 17 * 72), "letter", Location(PROJECT_ROOT), "").sheets == 4
