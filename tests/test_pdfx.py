"""The print-shop campaign is PDF/X-4: a CMYK output intent, no RGB anywhere a preflight looks
(page content, forms, patterns, images), fonts embedded, TrimBox and BleedBox right, and no
rich black under small type (a slight misregistration blurs it)."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from .conftest import PROJECT_ROOT, line_of, replace_in, run_cli, shared_build
from .pdfinspect import colours, unembedded_fonts

LANGUAGES = ("en", "ar", "hi", "zh-Hant")
SMALL_TYPE_PT = 12.0


@pytest.fixture(scope="session")
def print_shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    argv = ["build", "--campaign", "print-shop", *(part for lang in LANGUAGES for part in ("--lang", lang))]
    run, out = shared_build(tmp_path_factory, "print-shop", *argv)
    assert run.code == 0, run.stderr
    return out / "print-shop"


def _pdfs(folder: Path) -> list[Path]:
    found = sorted(path for path in folder.rglob("*.pdf") if "-sheet" not in path.name)
    assert len(found) == 5 * len(LANGUAGES)  # poster, wallet card, handout, tear-off poster, sticker
    return found


def test_output_intent_is_the_cmyk_profile_with_its_registered_condition(print_shop):
    from PIL import ImageCms

    for pdf_path in _pdfs(print_shop):
        with pikepdf.open(pdf_path) as pdf:
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX", pdf_path
            assert str(intent.OutputConditionIdentifier) == "CGATS TR 001"
            assert str(intent.RegistryName) == "http://www.color.org"
            destination = intent.DestOutputProfile
            assert int(destination.N) == 4
            data = destination.read_bytes()
            assert data[16:20] == b"CMYK" and data[12:16] == b"prtr"
            assert (
                ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(data))).strip() == "Artifex CMYK SWOP Profile"
            )
            assert pdf.open_metadata()["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
            assert pdf.pdf_version >= "1.6"


def test_no_rgb_in_any_content_stream_form_or_image(print_shop):
    for pdf_path in _pdfs(print_shop):
        found = colours(pdf_path)
        assert found.rgb == set(), pdf_path
        assert {what for _where, what in found.spaces} <= {"CMYK", "Gray", "Pattern", "image CMYK", "image Gray"}


def test_the_inspector_sees_rgb_added_to_a_form(print_shop, tmp_path):
    """The same check finds one RGB fill hidden in a form XObject: it can fail."""
    pdf = pikepdf.open(print_shop / "us/en/wallet_card.pdf")
    page = pdf.pages[0]
    form = pdf.make_stream(b"0.2 0.4 0.6 rg 0 0 10 10 re f", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form)
    form.BBox = [0, 0, 10, 10]
    page.obj.Resources.XObject = pikepdf.Dictionary(Probe=form)
    page.contents_add(pdf.make_stream(b"q /Probe Do Q"))
    pdf.save(tmp_path / "probe.pdf")
    assert colours(tmp_path / "probe.pdf").rgb == {("p1>/Probe", "RGB (rg)")}


def test_fonts_are_embedded(print_shop):
    for pdf_path in _pdfs(print_shop):
        assert unembedded_fonts(pdf_path) == [], pdf_path


def test_trim_and_bleed_boxes(print_shop):
    bleed = 9.0  # 0.125 in on Letter
    trims = {"poster": (612, 792), "handout": (612, 792), "tearoff_poster": (612, 792), "wallet_card": (252, 144)}
    trims["restroom_sticker"] = (288, 216)  # 4 x 3 in
    for pdf_path in _pdfs(print_shop):
        width, height = trims[pdf_path.stem]
        for page in pikepdf.open(pdf_path).pages:
            assert [float(v) for v in page.trimbox] == [0, 0, width, height], pdf_path
            assert [float(v) for v in page.bleedbox] == [-bleed, -bleed, width + bleed, height + bleed]
            assert [float(v) for v in page.mediabox] == [float(v) for v in page.bleedbox]


def _rich_black(fill: tuple[float, ...]) -> bool:
    return len(fill) == 4 and fill[3] >= 0.85 and sum(fill[:3]) > 0.1


def test_small_text_is_never_rich_black(print_shop):
    small = 0
    for pdf_path in _pdfs(print_shop):
        for where, size, fill in colours(pdf_path).texts:
            if size < SMALL_TYPE_PT:
                small += 1
                assert fill, f"{pdf_path}: {where} text at {size:.1f} pt not in CMYK"
                assert not _rich_black(fill), f"{pdf_path}: {where} text at {size:.1f} pt in rich black {fill}"
    assert small > 100  # the check saw the small type (card backs, small print)
    assert _rich_black((0.6, 0.4, 0.4, 1.0)) and not _rich_black((0, 0, 0, 0.9))


def test_check_passes_the_print_shop_files(print_shop):
    run = run_cli(PROJECT_ROOT, "check", str(print_shop))
    assert run.code == 0, run.stdout[-2000:]
    lines = [line for line in run.stdout.splitlines() if line.startswith(("ok ", "FAIL"))]
    assert lines and all("PDF/X-4" in line and "output intent CGATS TR 001" in line for line in lines), lines


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ("materials/no_such_profile.icc", "not found"),
        ("/usr/share/color/icc/ghostscript/srgb.icc", "is for RGB, not CMYK"),
        ("materials/hotlines.yaml", "is not an ICC profile"),
    ],
)
def test_a_missing_or_wrong_colour_profile_is_one_line_and_nothing_is_written(sample_project, tmp_path, profile, message):
    campaign = sample_project / "materials/campaigns/print-shop.yaml"
    replace_in(campaign, "pdf: {variant: pdf/x-4}", f"pdf: {{variant: pdf/x-4, icc_profile: {profile}}}")
    argv = ("build", "--campaign", "print-shop", "--material", "wallet_card", "--lang", "en", "--out", str(tmp_path))
    run = run_cli(sample_project, *argv)
    assert run.code == 1 and "Traceback" not in run.stderr
    line = line_of(campaign, "icc_profile")
    assert any(
        text.startswith(f"error: materials/campaigns/print-shop.yaml:{line}:") and message in text
        for text in run.stderr.splitlines()
    ), run.stderr
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_pdf_variant_weasyprint_cannot_make_is_refused_at_its_line(sample_project, tmp_path):
    campaign = sample_project / "materials/campaigns/print-shop.yaml"
    replace_in(campaign, "pdf: {variant: pdf/x-4}", "pdf: {variant: pdf/x-5g}")
    run = run_cli(sample_project, "build", "--campaign", "print-shop", "--lang", "en", "--out", str(tmp_path))
    assert run.code == 1 and "Traceback" not in run.stderr
    assert f"materials/campaigns/print-shop.yaml:{line_of(campaign, 'pdf/x-5g')}:" in run.stderr, run.stderr
    assert not list(tmp_path.rglob("*.pdf"))
