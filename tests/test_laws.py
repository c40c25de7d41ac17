"""Regions and the law: statutory notices built and proved against their rules; regions."""

from __future__ import annotations

import json

import pytest

from awareness.readback import read_pdf

from .conftest import PROJECT_ROOT, line_of, replace_in, run_cli

INCH = 72.0


def _size_in(pdf) -> tuple[float, float]:
    width, height = pdf.trim_sizes_pt[0]
    return round(width / INCH, 2), round(height / INCH, 2)


def test_california_notice_three_languages_on_11_by_14(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "ca_civ_52_6", "--county", "los_angeles", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    assert "en, es, zh-Hant on 11in x 14in, smallest type 16.0 pt" in run.stderr
    pdf = read_pdf(tmp_path / "ca_civ_52_6/los_angeles/notice.pdf")
    assert _size_in(pdf) == (11.0, 14.0) and len(pdf.page_sizes_pt) == 1
    lines = pdf.visual_lines
    for number in ("1-888-373-7888", "233-733", "1-888-539-2373", "1-888-KEY-2-FRE(EDOM)"):
        assert sum(number in line for line in lines) == 3  # once in each language
    assert "Accessible in more than 160 languages." in pdf.text  # the statute's wording, not today's 200+
    assert pdf.missing_glyphs == []
    # The wording is verified only in part, and the county languages not at all: said, and fatal with --strict.
    assert "is verified only in part" in run.stderr and "county languages" in run.stderr
    strict = run_cli(PROJECT_ROOT, "build", "--law", "ca_civ_52_6", "--county", "los_angeles", "--strict", "--out", str(tmp_path))
    assert strict.code == 1


def test_three_language_california_notice_on_letter_says_what_would_fit(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "ca_civ_52_6", "--county", "los_angeles", "--size", "8.5inx11in",
                  "--out", str(tmp_path))
    assert run.code == 1
    assert ("a 3-language notice (English, Spanish, Chinese (Traditional)) does not fit on 8.5in x 11in at 16 pt: "
            "it needs 11in x 14in (--size 11inx14in)") in run.stderr
    assert not list(tmp_path.rglob("*.pdf"))


def test_florida_notice_carries_the_florida_hotline(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "fl_787_29", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    pdf = read_pdf(tmp_path / "fl_787_29/statewide/notice.pdf")
    assert _size_in(pdf) == (8.5, 11.0)
    assert sum("1-855-FLA-SAFE" in line for line in pdf.visual_lines) == 2  # English and Spanish
    assert "1-888-373-7888" not in pdf.text and "FLA-SAVE" not in pdf.text
    assert "Florida Human Trafficking Hotline" in pdf.text


def test_new_york_restroom_cards_one_per_language_with_the_national_number(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "ny_gbl_390_d", "--lang", "es", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    cards = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.pdf"))
    assert cards == [f"ny_gbl_390_d/us/{lang}/restroom_sticker.pdf" for lang in sorted(["en", "es", "zh-Hans", "ru", "ht", "ko"])]


def test_texas_signs_refuse_plainly_without_the_attorney_generals_wording(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "tx_1tac_54_103", "--out", str(tmp_path))
    assert run.code == 1
    assert "materials/laws/tx_1tac_54_103.yaml:" in run.stderr and "has no wording for this notice" in run.stderr


@pytest.mark.parametrize(("argv", "message"), [
    (["--law", "nv_999"], "error: unknown law 'nv_999'"),
    (["--law", "ca_civ_52_6", "--county", "marin"], "unknown county 'marin'"),
    (["--law", "fl_787_29", "--lang", "ko"], "Florida Statutes § 787.29 does not list 'ko' (its languages: en, es)"),
])
def test_unknown_law_county_or_language(tmp_path, argv, message):
    run = run_cli(PROJECT_ROOT, "build", *argv, "--out", str(tmp_path))
    assert run.code == 1 and message in run.stderr
    assert len(run.error_lines) == 1


def test_statute_printing_a_number_the_registry_does_not_know_is_refused(sample_project, tmp_path):
    law = sample_project / "materials/laws/fl_787_29.yaml"
    replace_in(law, "call the Florida Human Trafficking Hotline, 1-855-FLA-SAFE,", "call the Florida Human Trafficking Hotline, 1-855-FLA-SAVE,")
    run = run_cli(sample_project, "build", "--law", "fl_787_29", "--out", str(tmp_path))
    assert run.code == 1
    assert f"materials/laws/fl_787_29.yaml:{line_of(law, '  en: |')}: the wording prints 1-855-FLA-SAVE, a known wrong number" in run.stderr


def test_list_laws_shows_rules_and_sources():
    run = run_cli(PROJECT_ROOT, "list", "--laws")
    assert run.code == 0
    for text in ("ca_civ_52_6: California Civil Code § 52.6", "size at least 8.5in x 11in, type at least 16 pt",
                 "tx_1tac_54_103", "a separate sign per language", "source: Fla. Stat. § 787.29(4)"):
        assert text in run.stdout


def test_stale_number_warns_and_strict_fails(sample_project, tmp_path):
    hotlines = sample_project / "materials/hotlines.yaml"
    replace_in(hotlines, "  source: https://www.childhelphotline.org/how-it-works\n  verified: 2026-11-22",
               "  source: https://www.childhelphotline.org/how-it-works\n  verified: 2024-01-15")
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--out", str(tmp_path / "a"))
    assert run.code == 0
    assert "warning: materials/hotlines.yaml: 'childhelp' was last verified on 2024-01-15, more than a year ago" in run.stderr
    assert run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--strict", "--out", str(tmp_path / "b")).code == 1


def test_region_whose_hotline_is_missing_from_the_registry(sample_project, tmp_path):
    regions = sample_project / "materials/regions.yaml"
    replace_in(regions, "  hotline: uk_modern_slavery", "  hotline: uk_slavery")
    run = run_cli(sample_project, "build", "--lang", "en", "--out", str(tmp_path))
    assert run.code == 1
    assert f"error: materials/regions.yaml:{line_of(regions, 'hotline: uk_slavery')}: unknown hotline 'uk_slavery'" in run.stderr


def test_every_region_builds_its_default_materials_and_passes_check(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--campaign", "regions", "--jobs", "2", "--out", str(tmp_path))
    assert run.code == 0, run.stderr[-3000:]
    assert "warning" not in run.stderr
    check = run_cli(PROJECT_ROOT, "check", str(tmp_path / "regions"), "--format", "json")
    reports = json.loads(check.stdout)
    assert check.code == 0, [report for report in reports if not report["ok"]][:3]
    regions = {report["path"].split("/regions/")[1].split("/")[0] for report in reports}
    assert regions == {"us", "ca", "mx", "uk", "eu", "au", "us-ca", "us-fl", "us-tx", "us-ny"}
    a4 = next(report for report in reports if "/uk/en/poster.pdf" in report["path"])
    assert [round(value) for value in a4["trim_sizes_pt"][0]] == [595, 842]  # A4 from CLDR for GB
