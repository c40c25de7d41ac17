"""The default campaign, built for real and read back: what would be printed is right."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from babel.messages.pofile import read_po

from awareness.i18n.languages import Language, catalog_dir_name
from awareness.load.yamlsafe import load_yaml
from awareness.pipeline.resolve import proof_note
from awareness.text.numbers import keypad_digits as digits_of
from awareness.verify.readback import digits_only, read_pdf

from .conftest import PROJECT_ROOT
from .pdfinspect import misdeclared, tag_tree_text, tagged_figures

LANGUAGES = load_yaml(PROJECT_ROOT / "materials" / "regions.yaml")["us"]["languages"]
MATERIALS = {"poster": 1, "wallet_card": 2, "handout": 2}
LETTER_PT = (612.0, 792.0)
TRIM_PT = {"poster": LETTER_PT, "handout": LETTER_PT, "wallet_card": (252.0, 144.0)}  # 3.5 x 2 in
QR_PAYLOADS = {
    "poster": [["https://humantraffickinghotline.org"]],
    "handout": [[], ["https://humantraffickinghotline.org"]],
    "wallet_card": [[], ["tel:+18883737888"]],
}
KNOWN_BAD = [digits_of(entry["form"]) for entry in load_yaml(PROJECT_ROOT / "materials" / "known_bad_numbers.yaml")]
CASES = [(material, lang) for lang in LANGUAGES for material in MATERIALS]


def _pdf(out_dir: Path, material: str, lang: str) -> Path:
    return out_dir / "default" / "us" / lang / f"{material}.pdf"


def _translated_title(material: str, lang: str) -> str:
    title = load_yaml(PROJECT_ROOT / "materials" / f"{material}.yaml")["title"]
    if lang == "en":
        return title
    with (PROJECT_ROOT / "translations" / catalog_dir_name(lang) / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)[title].string


def test_build_succeeds_without_warnings(default_build):
    run, out_dir = default_build
    assert run.code == 0, run.stderr
    assert "warning" not in run.stderr.lower(), run.stderr
    expected = len(LANGUAGES) * len(MATERIALS)  # every material in every language of the region
    assert f"Built {expected} of {expected} outputs" in run.stderr
    assert len(list(out_dir.rglob("*.pdf"))) == expected
    assert not [path for path in out_dir.rglob("*") if path.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def facts(default_build):
    _run, out_dir = default_build
    cache = {}

    def read(material: str, lang: str):
        if (material, lang) not in cache:
            cache[material, lang] = read_pdf(_pdf(out_dir, material, lang))
        return cache[material, lang]

    return read


@pytest.mark.parametrize(("material", "lang"), CASES)
def test_pages_boxes_title_language(facts, material, lang):
    pdf = facts(material, lang)
    assert len(pdf.page_sizes_pt) == MATERIALS[material]
    for media, trim in zip(pdf.page_sizes_pt, pdf.trim_sizes_pt, strict=False):
        assert media == pytest.approx(TRIM_PT[material], abs=0.5)
        assert trim == pytest.approx(TRIM_PT[material], abs=0.5)
    assert pdf.title == _translated_title(material, lang)
    assert pdf.language == lang


@pytest.mark.parametrize(("material", "lang"), CASES)
def test_fonts_embedded_and_no_glyph_missing(facts, material, lang):
    pdf = facts(material, lang)
    assert pdf.fonts, "no font in the PDF"
    assert pdf.unembedded_fonts == []
    assert pdf.missing_glyphs == []


def _printed_lines(pdf) -> list[str]:
    """Lines as an eye reads the glyphs, left to right. Parentheses are made one sign:
    a PDF maps each glyph to one character, and right-to-left text elsewhere on the page
    maps the mirrored "(" glyph to ")"; the page itself shows them right."""
    return [line.replace("(", "|").replace(")", "|") for line in pdf.visual_lines]


def _printed(pdf, number: str) -> bool:
    wanted = number.replace("(", "|").replace(")", "|")
    return any(wanted in line for line in _printed_lines(pdf))


@pytest.mark.parametrize(("material", "lang"), CASES)
def test_hotline_digits_in_order(facts, material, lang):
    """Every number reads in order where it is printed, right-to-left pages included."""
    pdf = facts(material, lang)
    assert _printed(pdf, "1-888-373-7888")
    assert _printed(pdf, "233733") and _printed(pdf, "HELP")  # the keyword, as the eye reads it
    digits = digits_only(pdf.text)
    assert "18883737888" in digits
    for bad in KNOWN_BAD:
        assert bad not in digits


@pytest.mark.parametrize("lang", LANGUAGES)
def test_handout_lists_the_other_hotlines(facts, lang):
    pdf = facts("handout", lang)
    assert _printed(pdf, "1-800-4-A-CHILD (1-800-422-4453)")
    assert _printed(pdf, "1-800-THE-LOST (1-800-843-5678)")
    assert _printed(pdf, "911")


@pytest.mark.parametrize(("material", "lang"), CASES)
def test_qr_code_decodes_to_exactly_the_payload(facts, material, lang):
    assert facts(material, lang).qr_payloads == QR_PAYLOADS[material]


def test_wallet_card_front_is_discreet(facts):
    """Nothing on the front of the card names trafficking or abuse."""
    front = facts("wallet_card", "en").page_texts[0].lower()
    for word in ("traffick", "abuse", "exploit", "sex", "police"):
        assert word not in front


# Fonts that have printed wrongly with this stack, by language (seen on rendered pages).
FONTS_THAT_PRINT_WRONG = {"th": "Looped"}


@pytest.mark.parametrize("material", MATERIALS)
@pytest.mark.parametrize("lang", FONTS_THAT_PRINT_WRONG)
def test_no_font_known_to_print_wrong(facts, material, lang):
    names = [font.name for font in facts(material, lang).fonts]
    assert not [name for name in names if FONTS_THAT_PRINT_WRONG[lang] in name], names


@pytest.mark.parametrize("lang", LANGUAGES)
def test_proofs_of_unreviewed_translations_say_so(facts, lang):
    """Every catalog is a draft so far: each of its pages carries the proof note."""
    pdf = facts("poster", lang)
    assert ("has not been reviewed by a native speaker" in pdf.text) == (lang != "en")


QR_SCALE = 4.0  # 288 dpi: every module several pixels wide


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_figure_has_alt_text_and_the_qr_figure_box_is_where_the_code_is_printed(default_build, lang):
    """A screen reader's figure (pikepdf, through the structure tree) and the printed page
    (PDFium, zxing) agree: the QR code decodes inside its figure's /BBox, and the box is the
    code with its quiet zone, not a region of the page around it."""
    _run, out = default_build
    for material, payloads in QR_PAYLOADS.items():
        path = _pdf(out, material, lang)
        figures = tagged_figures(path)
        assert figures and all(figure.alt and figure.bbox for figure in figures), (material, figures)
        document = pdfium.PdfDocument(path)
        for index, expected in enumerate(payloads):
            if not expected:
                continue
            page = document[index]
            image = page.render(scale=QR_SCALE, grayscale=True).to_pil()
            holding = []
            for figure in (figure for figure in figures if figure.page == index):
                x0, y0, x1, y1 = figure.bbox  # type: ignore[misc]
                top = page.get_height() - y1
                crop = image.crop(tuple(round(v * QR_SCALE) for v in (x0, top, x1, top + y1 - y0)))
                codes = zxingcpp.read_barcodes(crop, formats=zxingcpp.BarcodeFormat.QRCode)
                if [code.text for code in codes] == expected:
                    corners = codes[0].position
                    side = (
                        max(corners.top_right.x, corners.bottom_right.x) - min(corners.top_left.x, corners.bottom_left.x)
                    ) / QR_SCALE
                    holding.append((figure, side))
            assert len(holding) == 1, f"{material} page {index + 1}: {len(holding)} figures hold the code {expected}: {figures}"
            figure, side = holding[0]
            x0, y0, x1, y1 = figure.bbox  # type: ignore[misc]
            assert max(x1 - x0, y1 - y0) < 1.5 * side, f"{material}: box {figure.bbox} is much larger than the {side:.0f} pt code"
            assert figure.alt and len(figure.alt) > 10, f"{material}: the QR figure's alt text says nothing: {figure.alt!r}"


def _squeezed(text: str) -> str:
    return "".join(text.translate(dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))).split())


@pytest.mark.parametrize(("material", "lang"), CASES)
def test_the_tag_tree_reads_every_run_in_its_language_and_in_reading_order(default_build, material, lang):
    """Every default PDF as a screen reader reads it (pikepdf through the structure tree and
    /ActualText): no text without words, the title and the hotline in reading order, every
    part in the page's language but the English proof note."""
    _run, out = default_build
    pieces = tag_tree_text(_pdf(out, material, lang))
    assert all(piece.text is not None for piece in pieces), [piece.role for piece in pieces if piece.text is None]
    spoken = _squeezed("".join(piece.text or "" for piece in pieces))
    if material != "wallet_card":  # the card's title is not printed: its front is discreet
        assert _squeezed(_translated_title(material, lang)) in spoken
    assert "1-888-373-7888" in spoken
    wrong = misdeclared(pieces, lang, proof_note(Language(lang)))
    assert not wrong, f"{material} {lang}: declared in another language: {wrong}"


UNSPACED = {"th", "lo", "km", "my", "ja", "zh-Hans", "zh-Hant"}  # no spaces between words


@pytest.mark.parametrize(("material", "lang"), [case for case in CASES if case[1] not in UNSPACED])
def test_no_line_is_one_short_word(facts, material, lang):
    """A paragraph, heading or caption never ends on a line of one word of three letters or
    fewer ("है।", "do?", "la"): it looks like a mistake and is read as one."""
    alone = [
        part.strip()
        for page in facts(material, lang).page_lines
        for line in page
        for part in line.split("\t")
        if part.strip()
        and len(part.split()) == 1
        and not any(char.isdigit() for char in part)
        and 0 < sum(unicodedata.category(char)[0] == "L" for char in part) <= 3
    ]
    assert not alone, f"{material} {lang}: lines of one short word: {alone}"
