"""The design, read back from real PDFs: the number is the largest text, at the same size and
place in every language; pages are filled; captions say what the code does; and `check` fails
a PDF with each defect a reader or a printer would meet (each made here by painting the defect
onto a good PDF with pikepdf, so that the check is what is tested, not the renderer)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from awareness.verify.readback import read_pdf

from .conftest import PROJECT_ROOT, run_cli

NUMBER = "1-888-373-7888"
LANGUAGES = ("en", "ar", "zh-Hans", "hi", "ru")
POINTS_PER_INCH = 72


def number_boxes(pdf: Path, page_index: int = 0) -> list[dict]:
    """Where the hotline number is printed, read from the glyphs (not the text layer): the
    largest first (a QR caption may repeat it in small print)."""
    with pdfplumber.open(pdf) as document:
        return sorted(document.pages[page_index].search(NUMBER), key=lambda box: box["top"] - box["bottom"])


def largest_type(pdf: Path, page_index: int = 0) -> tuple[float, float]:
    """(the number's type size, the largest other type size) on a page, in points."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[page_index]
        boxes = number_boxes(pdf, page_index)[:1]
        inside = [
            char
            for char in page.chars
            for box in boxes
            if box["x0"] - 1 <= char["x0"] and char["x1"] <= box["x1"] + 1 and box["top"] - 1 <= char["top"] <= box["bottom"]
        ]
        number = min(char["size"] for char in inside)
        others = [char["size"] for char in page.chars if char not in inside and char["text"].strip() and char["upright"]]
        return number, max(others)


@pytest.mark.parametrize(
    ("material", "page", "least_pt"),
    [
        ("poster", 0, 60),
        ("poster_large", 0, 100),
        ("wallet_card", 0, 0),
        ("palm_card", 0, 0),
        ("restroom_sticker", 0, 0),
        ("tearoff_poster", 0, 40),
        ("handout", 1, 0),
    ],
)
def test_the_number_is_the_largest_text_at_one_size_and_place_in_every_language(showcase, material, page, least_pt):
    placed = {}
    for language in LANGUAGES:
        pdf = showcase / language / f"{material}.pdf"
        boxes = number_boxes(pdf, page)
        assert boxes, f"{language}: the number is not printed on page {page + 1}"
        number_pt, other_pt = largest_type(pdf, page)
        assert number_pt > other_pt, f"{material}/{language}: number {number_pt:.1f} pt, other text {other_pt:.1f} pt"
        assert number_pt >= least_pt
        placed[language] = (round(number_pt, 1), round(boxes[0]["x0"]), round(boxes[0]["top"]))
    sizes = {size for size, _x, _y in placed.values()}
    tops = [top for _size, _x, top in placed.values()]
    assert len(sizes) == 1, placed  # the same size in every language
    assert max(tops) - min(tops) <= 2, placed  # at the same height, within 2 pt


def test_on_a_poster_the_number_spans_most_of_the_width(showcase):
    for material in ("poster", "poster_large"):
        with pdfplumber.open(showcase / "en" / f"{material}.pdf") as document:
            page = document.pages[0]
            box = number_boxes(showcase / "en" / f"{material}.pdf")[0]
            assert (box["x1"] - box["x0"]) / page.width > 0.6, material


def test_every_page_is_filled_and_every_qr_code_is_large_and_scans_when_worn(showcase):
    run = run_cli(PROJECT_ROOT, "check", str(showcase), "--format", "json")
    reports = json.loads(run.stdout)
    assert run.code == 0, [report for report in reports if not report["ok"]][:2]
    assert len(reports) == 8 * len(LANGUAGES)
    for language in LANGUAGES:
        facts = read_pdf(showcase / language / "wallet_card.pdf", blur_mm=0.3)
        sizes = [size for page in facts.qr_sizes_mm for size in page]
        assert sizes and min(sizes) >= 19.5, sizes
        assert any(facts.qr_payloads_blurred), "the code no longer decodes after a 0.3 mm blur"


@pytest.mark.parametrize(
    ("material", "caption"),
    [
        ("wallet_card", "Scan to call the hotline"),  # payload tel
        ("poster", "Scan to open the hotline's website"),  # payload web
    ],
)
def test_the_qr_caption_says_what_the_code_does(showcase, material, caption):
    facts = read_pdf(showcase / "en" / f"{material}.pdf", decode_qr=False)
    assert caption in " ".join(facts.visual_lines)
    assert "help online" not in facts.text


def test_a_line_without_a_text_service_is_not_offered_as_text(tmp_path):
    materials = ("--material", "poster", "--material", "handout", "--material", "wallet_card")
    run = run_cli(PROJECT_ROOT, "build", "--region", "uk", "--lang", "en", *materials, "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    for pdf in ("poster.pdf", "handout.pdf", "wallet_card.pdf"):
        lines = read_pdf(next(tmp_path.rglob(pdf)), decode_qr=False).visual_lines
        assert any("08000 121 700" in line for line in lines)  # the UK helpline: a phone line, no text service
        assert not [line for line in lines if "text" in line.lower()], pdf


# ------------------------------------------------------------------ check fails each defect


def _copy(showcase: Path, tmp_path: Path) -> Path:
    """A private copy of the showcase build (with its manifest), to damage."""
    build = showcase.parent.parent  # the build's output folder: the campaign folder and its manifest
    target = tmp_path / "out"
    shutil.copytree(build, target)
    return target / "showcase" / "us"


def _page_box(pdf: Path, page_index: int) -> tuple[float, float]:
    with pikepdf.open(pdf) as document:
        box = document.pages[page_index].trimbox
        return float(box[2]) - float(box[0]), float(box[3]) - float(box[1])


def _paint(pdf: Path, page_index: int, operators: str, with_font: bool = False) -> None:
    """Paint PDF operators over a page, as a later edit or a broken template would."""
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        page = document.pages[page_index]
        if with_font:
            font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
            if pikepdf.Name.Resources not in page.obj:
                page.obj[pikepdf.Name.Resources] = pikepdf.Dictionary()
            resources = page.obj[pikepdf.Name.Resources]
            if pikepdf.Name.Font not in resources:
                resources[pikepdf.Name.Font] = pikepdf.Dictionary()
            resources[pikepdf.Name.Font][pikepdf.Name("/Fdefect")] = font
        # The page's own content may leave its transformation set (WeasyPrint scales px to pt):
        # wrapped in q ... Q, the defect is painted in the page's own coordinates.
        page.contents_add(pikepdf.Stream(document, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(document, f"\nQ q {operators} Q".encode()), prepend=False)
        document.save(pdf)


def _number_rect(pdf: Path, page_index: int = 0) -> tuple[float, float, float, float]:
    """The number's box in PDF coordinates (x, y, width, height)."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[page_index]
        box = number_boxes(pdf, page_index)[0]
        return box["x0"], float(page.height) - box["bottom"], box["x1"] - box["x0"], box["bottom"] - box["top"]


def _text(x: float, y: float, size: float, words: str) -> str:
    return f"BT /Fdefect {size} Tf 0 g {x:.1f} {y:.1f} Td ({words}) Tj ET"


def _check(pdf: Path) -> set[str]:
    run = run_cli(PROJECT_ROOT, "check", str(pdf), "--format", "json")
    assert run.code == 1, run.stdout[-2000:]
    return {diagnostic["code"] for diagnostic in json.loads(run.stdout)[0]["diagnostics"]}


def _defects() -> list[tuple[str, str, str, str]]:
    """(defect, material, language, the code `check` must report)."""
    return [
        ("a box painted over the number", "poster", "ar", "layout.covered"),
        ("text run into the number", "wallet_card", "hi", "layout.overlap"),
        ("text at the trim edge", "poster", "zh-Hans", "layout.safe-area"),
        ("type under the minimum", "poster", "ru", "layout.min-type"),
        ("text larger than the number", "palm_card", "ar", "layout.number-not-largest"),
        ("text across a tab's cut line", "tearoff_poster", "en", "layout.tab-cut"),
        ("an empty band", "handout", "hi", "layout.blank-band"),
        ("a caption that contradicts the code", "wallet_card", "en", "layout.qr-caption"),
        ("a number not in the registry", "restroom_sticker", "ru", "number.unknown"),
    ]


@pytest.mark.parametrize(("defect", "material", "language", "code"), _defects(), ids=[row[0] for row in _defects()])
def test_check_fails_a_pdf_with_the_defect(showcase, tmp_path, defect, material, language, code):
    out = _copy(showcase, tmp_path)
    pdf = out / language / f"{material}.pdf"
    assert code not in _codes_of_good(pdf)
    width, height = _page_box(pdf, 0)
    inch = POINTS_PER_INCH
    if defect == "a box painted over the number":
        x, y, w, h = _number_rect(pdf)
        operators = f"1 1 1 rg {x + w / 3:.1f} {y:.1f} {w / 3:.1f} {h:.1f} re f"
    elif defect == "text run into the number":
        x, y, w, h = _number_rect(pdf)
        operators = _text(x, y + h / 3, 12, "Overlap")
    else:
        operators = {
            "text at the trim edge": _text(4, height / 2, 12, "Edge"),
            "type under the minimum": _text(width / 2, 0.55 * inch, 4, "tiny"),
            "text larger than the number": _text(0.15 * inch, 0.15 * inch, 40, "Big"),
            "text across a tab's cut line": _text(0.3 * inch + (width - 0.6 * inch) / 9 - 15, 1.0 * inch, 12, "Across"),
            "an empty band": f"1 1 1 rg 0 {0.2 * height:.1f} {width:.1f} {0.45 * height:.1f} re f",
            "a caption that contradicts the code": _text(0.2 * inch, 1.8 * inch, 7, "Scan to open the hotline's website"),
            "a number not in the registry": _text(0.3 * inch, 0.3 * inch, 12, "Call 1-800-555-0199"),
        }[defect]
    _paint(pdf, 0, operators, with_font="Tf" in operators)
    assert code in _check(pdf)


def _codes_of_good(pdf: Path) -> set[str]:
    run = run_cli(PROJECT_ROOT, "check", str(pdf), "--format", "json")
    assert run.code == 0, run.stdout[-2000:]
    return {diagnostic["code"] for diagnostic in json.loads(run.stdout)[0]["diagnostics"]}
