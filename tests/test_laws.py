"""Regions and the law: statutory notices built and proved against their rules; regions."""

from __future__ import annotations

import json

import pytest
import yaml

from awareness.verify.readback import read_pdf

from .conftest import PROJECT_ROOT, line_of, replace_in, run_cli

INCH = 72.0


def _size_in(pdf) -> tuple[float, float]:
    width, height = pdf.trim_sizes_pt[0]
    return round(width / INCH, 2), round(height / INCH, 2)


def test_california_notice_three_languages_on_11_by_14(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "ca_civ_52_6", "--county", "los_angeles", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    assert "en, es, zh-Hant on 11in x 14in, type at 100% of the law's 16 pt" in run.stderr
    pdf = read_pdf(tmp_path / "laws/notices/ca_civ_52_6/los_angeles/notice.pdf")
    assert _size_in(pdf) == (11.0, 14.0) and len(pdf.page_sizes_pt) == 1
    lines = pdf.visual_lines
    for number in ("1-888-373-7888", "233-733", "1-888-539-2373", "1-888-KEY-2-FRE(EDOM)"):
        assert sum(number in line for line in lines) == 3  # once in each language
    assert "Accessible in more than 160 languages." in pdf.text  # the statute's wording, not today's 200+
    assert pdf.missing_glyphs == []
    check = run_cli(PROJECT_ROOT, "check", str(tmp_path))  # read back against the law, proof line and all
    assert check.code == 0, check.stdout
    # The wording is verified only in part, and the county languages not at all: said, and fatal with --strict.
    assert (
        "is verified only in part" in run.stderr and "section 203 languages of Los Angeles County are not verified" in run.stderr
    )
    strict = run_cli(PROJECT_ROOT, "build", "--law", "ca_civ_52_6", "--county", "los_angeles", "--strict", "--out", str(tmp_path))
    assert strict.code == 1


def test_three_language_california_notice_on_letter_says_what_would_fit(tmp_path):
    run = run_cli(
        PROJECT_ROOT, "build", "--law", "ca_civ_52_6", "--county", "los_angeles", "--size", "8.5inx11in", "--out", str(tmp_path)
    )
    assert run.code == 1
    assert (
        "a 3-language notice (English, Spanish, Chinese (Traditional)) does not fit on 8.5in x 11in at 16 pt: "
        "it needs 11in x 14in (--size 11inx14in)"
    ) in run.stderr
    assert not list(tmp_path.rglob("*.pdf"))


def test_florida_notice_carries_the_florida_hotline(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "fl_787_29", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    pdf = read_pdf(tmp_path / "laws/notices/fl_787_29/statewide/notice.pdf")
    assert _size_in(pdf) == (8.5, 11.0)
    assert sum("1-855-FLA-SAFE" in line for line in pdf.visual_lines) == 2  # English and Spanish
    assert "1-888-373-7888" not in pdf.text and "FLA-SAVE" not in pdf.text
    assert "Florida Human Trafficking Hotline" in pdf.text


def test_new_york_restroom_cards_one_per_language_with_the_national_number(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "ny_gbl_390_d", "--lang", "es", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    cards = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.pdf"))
    assert cards == [
        f"laws/notices/ny_gbl_390_d/statewide/notice-{lang}.pdf" for lang in sorted(["en", "es", "zh-Hans", "ru", "ht", "ko"])
    ]
    assert run_cli(PROJECT_ROOT, "check", str(tmp_path)).code == 0


def test_new_york_hotline_poster_prints_the_statement_word_for_word(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "ny_ssl_483_ff", "--lang", "es", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    english = read_pdf(tmp_path / "laws/notices/ny_ssl_483_ff/statewide/notice-en.pdf")
    assert _size_in(english) == (8.5, 11.0)
    assert sum("1-888-373-7888" in line for line in english.visual_lines) == 1
    # The statute's words, not today's facts (the hotline now answers in 200+ languages).
    assert "(5) Accessible in one hundred seventy languages; and" in " ".join(english.text.split())
    assert (tmp_path / "laws/notices/ny_ssl_483_ff/statewide/notice-es.pdf").exists()
    assert '"training, and general"' in run.stderr  # the gap in the published text is said on every build


def test_texas_sign_carries_every_element_of_the_rule_in_english_and_spanish(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "tx_gov_402_0351", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    assert "warning" not in run.stderr  # the rule's elements are verified; the wording is the project's
    pdf = read_pdf(tmp_path / "laws/notices/tx_gov_402_0351/statewide/notice.pdf")
    width, height = _size_in(pdf)
    assert width >= 8.5 and height >= 11.0 and len(pdf.page_sizes_pt) == 1
    text = " ".join(pdf.visual_lines)
    for shown in ("1-888-373-7888", "233733", "humantraffickinghotline.org", "1-844-643-2251", "iwatchtx.org"):
        assert text.count(shown) == 2, shown  # in English and in Spanish
    assert "Key signs that a person may be a victim of human trafficking:" in pdf.text
    assert "Señales clave de que una persona puede ser víctima de trata de personas:" in pdf.text
    assert pdf.missing_glyphs == []
    assert run_cli(PROJECT_ROOT, "check", str(tmp_path)).code == 0


def test_texas_lodging_signs_are_separate_per_language_and_say_what_is_unverified(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "tx_1tac_54_103", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    for lang in ("en", "es"):
        pdf = read_pdf(tmp_path / f"laws/notices/tx_1tac_54_103/statewide/notice-{lang}.pdf")
        assert _size_in(pdf) == (11.0, 17.0)
        assert sum("1-888-373-7888" in line for line in pdf.visual_lines) == 1
        assert sum("1-844-643-2251" in line for line in pdf.visual_lines) == 1
    # The type grows past the rule's 16 pt where the page has room: a sign is read from afar.
    assert "en on 11in x 17in, type at" in run.stderr and "type at 100% of" not in run.stderr
    assert "designated by the attorney general" in run.stderr  # the one element not checked: a warning
    assert run_cli(PROJECT_ROOT, "build", "--law", "tx_1tac_54_103", "--strict", "--out", str(tmp_path / "s")).code == 1


def test_a_staff_language_without_wording_is_refused_with_the_file(tmp_path):
    """Each sign is its own output: the Thai one fails, naming the file; English and Spanish are built."""
    run = run_cli(PROJECT_ROOT, "build", "--law", "tx_1tac_54_103", "--lang", "th", "--out", str(tmp_path))
    assert run.code == 1
    assert "materials/laws/tx_1tac_54_103.yaml:" in run.stderr and "no wording in th" in run.stderr
    assert sorted(path.name for path in tmp_path.rglob("*.pdf")) == ["notice-en.pdf", "notice-es.pdf"]


def test_an_element_missing_from_a_language_is_refused_at_load(sample_project, tmp_path):
    law = sample_project / "materials/laws/tx_gov_402_0351.yaml"
    text = law.read_text(encoding="utf-8")
    start = text.index("    dps: >-\n      Denuncie")
    end = text.index("    indicators: |\n      Señales")
    law.write_text(text[:start] + text[end:], encoding="utf-8")
    run = run_cli(sample_project, "build", "--law", "tx_gov_402_0351", "--out", str(tmp_path))
    assert run.code == 1
    assert f"materials/laws/tx_gov_402_0351.yaml:{line_of(law, '  es:')}: text es: no passage for dps" in run.stderr


def test_an_element_that_does_not_print_its_number_is_refused(sample_project, tmp_path):
    law = sample_project / "materials/laws/tx_gov_402_0351.yaml"
    replace_in(law, "call 1-844-643-2251 or go to iwatchtx.org. In an emergency", "go to iwatchtx.org. In an emergency")
    run = run_cli(sample_project, "build", "--law", "tx_gov_402_0351", "--out", str(tmp_path))
    assert run.code == 1
    assert "text en: the passage for 'dps' must print 1-844-643-2251 (tx_iwatch.phone)" in run.stderr


def test_an_element_lost_from_the_laid_out_page_fails_the_build(sample_project, tmp_path):
    """The proof reads the laid-out page, not the data: a template that drops a passage fails."""
    template = sample_project / "templates/law_notice.html"
    replace_in(template, "{% for passage in block.passages %}", "{% for passage in block.passages if passage.element != 'dps' %}")
    run = run_cli(sample_project, "build", "--law", "tx_gov_402_0351", "--out", str(tmp_path))
    assert run.code == 1
    assert "the en sign lacks dps (the contact information for reporting suspicious activity" in run.stderr
    assert not list(tmp_path.rglob("*.pdf"))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--law", "nv_999"], "error: unknown law 'nv_999'"),
        (["--law", "fl_787_29", "--lang", "ko"], "Florida human trafficking public awareness sign is printed in en, es only"),
        (["--law", "fl_787_29", "--county", "miami_dade"], "does not choose a language by county; leave out --county"),
        (["--law", "ca_civ_52_6"], "adds the county's Voting Rights Act language: give --county"),
    ],
)
def test_unknown_law_or_a_language_the_law_does_not_take(tmp_path, argv, message):
    run = run_cli(PROJECT_ROOT, "build", *argv, "--out", str(tmp_path))
    assert run.code == 1 and message in run.stderr, run.stderr
    assert len(run.error_lines) == 1


def test_a_county_not_in_the_section_203_list_gets_english_and_spanish_with_a_warning(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "ca_civ_52_6", "--county", "marin", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    assert "marin is not in the CA section 203 list" in run.stderr and "[law.county-not-covered]" in run.stderr
    assert "en, es on 8.5in x" in run.stderr


def test_statute_printing_a_number_the_registry_does_not_know_is_refused(sample_project, tmp_path):
    law = sample_project / "materials/laws/fl_787_29.yaml"
    replace_in(
        law,
        "call the Florida Human Trafficking Hotline, 1-855-FLA-SAFE,",
        "call the Florida Human Trafficking Hotline, 1-855-FLA-SAVE,",
    )
    run = run_cli(sample_project, "build", "--law", "fl_787_29", "--out", str(tmp_path))
    assert run.code == 1
    assert (
        f"materials/laws/fl_787_29.yaml:{line_of(law, '  en: |')}: the wording prints 1-855-FLA-SAVE, a known wrong number"
        in run.stderr
    )


def test_list_laws_shows_rules_and_sources():
    run = run_cli(PROJECT_ROOT, "list", "--laws")
    assert run.code == 0
    for text in (
        "ca_civ_52_6: California human trafficking notice (Cal. Civ. Code § 52.6)",
        "sign: at least 8.5in x 11in, type at least 16 pt",
        "tx_1tac_54_103",
        "a separate sign per language",
        "source: https://d1tvxue8o4w0fl.cloudfront.net/statute/florida",
    ):
        assert text in run.stdout


def test_stale_number_warns_and_strict_fails(sample_project, tmp_path):
    hotlines = sample_project / "materials/hotlines.yaml"
    replace_in(
        hotlines,
        "  source: https://www.childhelphotline.org/how-it-works\n  verified: 2026-11-22",
        "  source: https://www.childhelphotline.org/how-it-works\n  verified: 2024-01-15",
    )
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--out", str(tmp_path / "a"))
    assert run.code == 0
    assert (
        f"warning: materials/hotlines.yaml:{line_of(hotlines, 'verified: 2024-01-15')}: 'childhelp' was last verified on 2024-01-15, more than a year ago"
        in run.stderr
    )
    assert (
        run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--strict", "--out", str(tmp_path / "b")).code
        == 1
    )


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
    a4 = read_pdf(tmp_path / "regions/uk/en/poster.pdf", decode_qr=False)
    assert [round(value) for value in a4.trim_sizes_pt[0]] == [595, 842]  # A4 from CLDR for GB


def test_check_reads_a_notice_back_against_its_law(sample_project, tmp_path):
    assert run_cli(PROJECT_ROOT, "build", "--law", "fl_787_29", "--out", str(tmp_path)).code == 0
    notice = tmp_path / "laws/notices/fl_787_29/statewide/notice.pdf"
    ok = run_cli(PROJECT_ROOT, "check", str(notice))
    assert ok.code == 0 and ok.stdout.startswith("ok "), ok.stdout
    # The same PDF against a stricter law: larger page, larger type, the number printed once more.
    law = sample_project / "materials/laws/fl_787_29.yaml"
    replace_in(law, "    min_size: [8.5in, 11in]\n    min_type: 16pt", "    min_size: [11in, 17in]\n    min_type: 40pt")
    replace_in(law, "    sizes: [[8.5in, 11in], [8.5in, 14in], [11in, 14in], [11in, 17in]]", "    sizes: [[11in, 17in]]")
    replace_in(
        law,
        "call the Florida Human Trafficking Hotline, 1-855-FLA-SAFE,",
        "call 1-855-FLA-SAFE, the Florida Human Trafficking Hotline, 1-855-FLA-SAFE,",
    )
    failed = run_cli(sample_project, "check", str(notice))
    assert failed.code == 1
    assert (
        "page of 8.50 x 11.00 in; Florida human trafficking public awareness sign requires at least 11in x 17in" in failed.stdout
    )
    assert "Florida human trafficking public awareness sign requires at least 40 pt" in failed.stdout
    assert "1-855-FLA-SAFE printed 2 time(s); the wording in en, es prints it 3" in failed.stdout


def test_korean_lines_break_between_words_never_inside_one(tmp_path):
    """Hangul syllables are break opportunities to a line breaker; Korean breaks only at spaces."""
    run = run_cli(PROJECT_ROOT, "build", "--law", "tx_1tac_54_103", "--lang", "ko", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    wording = yaml.safe_load((PROJECT_ROOT / "materials/laws/tx_1tac_54_103.yaml").read_text(encoding="utf-8"))["text"]["ko"]
    words = {word for passage in wording.values() for word in passage.split()}
    pdf = read_pdf(tmp_path / "laws/notices/tx_1tac_54_103/statewide/notice-ko.pdf")
    printed = [token.lstrip("•·") for line in pdf.visual_lines for token in line.split()]
    broken = [token for token in printed if token and any("\uac00" <= char <= "\ud7a3" for char in token) and token not in words]
    assert broken == [], broken
    assert pdf.missing_glyphs == []


def test_arabic_staff_sign_reads_its_numbers_left_to_right(tmp_path):
    run = run_cli(PROJECT_ROOT, "build", "--law", "tx_1tac_54_103", "--lang", "ar", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    pdf = read_pdf(tmp_path / "laws/notices/tx_1tac_54_103/statewide/notice-ar.pdf")
    for shown in ("1-888-373-7888", "1-844-643-2251", "iwatchtx.org"):
        assert sum(shown in line for line in pdf.visual_lines) == 1, shown
    assert pdf.language == "ar" and pdf.missing_glyphs == []
    assert run_cli(PROJECT_ROOT, "check", str(tmp_path)).code == 0
