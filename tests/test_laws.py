"""Regions and the law: statutory notices built and proved against their rules; regions."""

from __future__ import annotations

import json

import pytest
import yaml

from awareness.verify.readback import read_pdf

from .conftest import PROJECT_ROOT, line_of, replace_in, run_cli
from .pdfinspect import tag_tree_text

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
        f"materials/laws/fl_787_29.yaml:{line_of(law, '  en: |')}: fl_787_29: prints 1-855-FLA-SAVE, a known wrong number"
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
    """Each region's hotlines, paper and captions, in a left-to-right and a right-to-left
    language (the default campaign's test reads back all 34 languages of the US region)."""
    languages = ("--lang", "en", "--lang", "ar")
    run = run_cli(PROJECT_ROOT, "build", "--campaign", "regions", *languages, "--jobs", "2", "--out", str(tmp_path))
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


# ---------------------------------------------------------------- every law as data (issue 16)

LAWS_DIR = PROJECT_ROOT / "materials/laws"


def _notice(out, law, name="notice.pdf", place="statewide"):
    return read_pdf(out / "all-notices/notices" / law / place / name, decode_qr=False)


def _body_sizes(pdf):
    """Type sizes of every printed line but a proof's draft note."""
    return [
        size
        for lines, sizes in zip(pdf.page_lines, pdf.page_line_type_pt, strict=True)
        for line, size in zip(lines, sizes, strict=True)
        if size > 0 and not line.startswith("Draft:")
    ]


@pytest.fixture(scope="session")
def all_notices(tmp_path_factory):
    """Every notice the project can build (materials/campaigns/all-notices.yaml), built once."""
    from .conftest import shared_build

    return shared_build(tmp_path_factory, "all-notices", "build", "--campaign", "all-notices", "--jobs", "2")


def test_every_law_in_data_builds_at_its_sizes_and_passes_check(all_notices):
    run, out = all_notices
    assert run.code == 0, run.stderr[-3000:]
    laws = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in LAWS_DIR.glob("*.yaml")}
    built = {law for law, data in laws.items() if data["verification"] != "none"}
    assert len(built) >= 24, sorted(built)
    on_disk = {path.parent.parent.name for path in (out / "all-notices/notices").rglob("*.pdf")}
    assert on_disk == built, built ^ on_disk
    check = run_cli(PROJECT_ROOT, "check", str(out / "all-notices"), "--format", "json")
    reports = json.loads(check.stdout)
    assert check.code == 0, [report for report in reports if not report["ok"]][:2]
    assert len(reports) >= 30


def test_maryland_stall_sign_is_3_by_5_with_the_number_in_bold(all_notices):
    import pdfplumber

    _run, out = all_notices
    path = out / "all-notices/notices/md_br_19_103/statewide/notice.pdf"
    pdf = read_pdf(path, decode_qr=False)
    assert _size_in(pdf) == (3.0, 5.0)
    assert min(_body_sizes(pdf)) >= 8.0 - 0.05
    with pdfplumber.open(path) as document:
        words = [word for word in document.pages[0].extract_words(extra_attrs=["fontname"]) if "373-7888" in word["text"]]
    assert len(words) == 2 and all("Bold" in word["fontname"] for word in words), words  # English and Spanish
    assert "This sign is required under State law." in pdf.text


def test_baltimore_sets_its_hotline_numbers_in_30_pt_and_grows_the_sign_to_hold_them(all_notices):
    _run, out = all_notices
    pdf = _notice(out, "baltimore_42_2")
    width, height = _size_in(pdf)
    assert min(width, height) >= 3.0 and max(width, height) >= 5.0
    note = min(char.bottom for char in pdf.chars[0])  # the proof's draft note is the lowest line: not the sign
    chars = [char for char in pdf.chars[0] if char.char.strip() and char.bottom > note + 1]
    large_digits = "".join(char.char for char in chars if char.char.isdigit() and char.size_pt >= 30.0 - 0.05)
    assert large_digits.count("18883737888") == 2 and large_digits.count("233733") == 2  # both numbers, English and Spanish
    assert min(char.size_pt for char in chars) >= 12.0 - 0.05  # the body's least type
    assert "This sign is required by Baltimore City law" in pdf.text


def test_kentucky_window_cling_is_3_by_3_at_10_pt_and_the_sign_8_5_by_11_at_16(all_notices):
    _run, out = all_notices
    cling = _notice(out, "ky_281_767", "notice-window_cling.pdf")
    sign = _notice(out, "ky_281_767", "notice-sign.pdf")
    assert _size_in(cling) == (3.0, 3.0) and min(_body_sizes(cling)) >= 10.0 - 0.05
    assert _size_in(sign) == (8.5, 11.0) and min(_body_sizes(sign)) >= 16.0 - 0.05
    for pdf in (cling, sign):
        assert sum("1-888-373-7888" in line for line in pdf.visual_lines) == 2  # English and Spanish


def test_florida_lodging_sign_is_11_by_15_in_32_pt_type(all_notices):
    _run, out = all_notices
    pdf = _notice(out, "fl_509_096")
    assert _size_in(pdf) == (11.0, 15.0)
    assert min(_body_sizes(pdf)) >= 32.0 - 0.05
    assert sum("1-855-FLA-SAFE" in line for line in pdf.visual_lines) == 2


def test_new_mexico_notice_adds_the_workforce_language_in_an_equal_part(all_notices):
    _run, out = all_notices
    pdf = _notice(out, "nm_30_52_2_1")
    width, height = _size_in(pdf)
    assert width >= 11.0 and height >= 8.5 and width > height  # "eight and one-half inches high and eleven inches wide"
    assert "THÔNG BÁO VỀ NẠN MUA BÁN NGƯỜI" in pdf.text  # Vietnamese: 14 % of the workforce
    assert not any("\uac00" <= char <= "\ud7a3" for char in pdf.text)  # Korean: 4 %, below the 10 % rule
    assert sum("505-GET-FREE" in line for line in pdf.visual_lines) == 3
    tops = sorted({round(char.top, 1) for char in pdf.chars[0]}, reverse=True)
    parts = [
        next(top for top in tops if _line_at(pdf, top).startswith(start)) for start in ("NOTICE ON", "AVISO SOBRE", "THÔNG BÁO")
    ]
    assert abs((parts[0] - parts[1]) - (parts[1] - parts[2])) < 1.5, parts  # equal parts: the same pitch from part to part


def _line_at(pdf, top):
    return "".join(
        char.char for char in sorted((char for char in pdf.chars[0] if abs(char.top - top) < 0.2), key=lambda c: c.left)
    )


def test_montana_poster_carries_a_qr_code_that_opens_the_hotline(all_notices):
    _run, out = all_notices
    pdf = read_pdf(out / "all-notices/notices/mt_44_4_1501/statewide/notice.pdf", decode_qr=True)
    assert pdf.qr_payloads[0] == ["https://humantraffickinghotline.org"]
    assert "humantraffickinghotline.org" in " ".join(pdf.visual_lines)


def test_georgia_notice_prints_no_unverified_state_line_and_says_so(all_notices, tmp_path):
    run, out = all_notices
    pdf = _notice(out, "ga_16_5_47")
    digits = "".join(char for char in pdf.text if char.isdigit())
    assert "8663634842" not in digits and "8448423678" not in digits
    assert "requires georgia_hotline" in run.stderr and "[law.element-unverified] (acknowledged" in run.stderr
    strict = run_cli(PROJECT_ROOT, "build", "--law", "ga_16_5_47", "--strict", "--out", str(tmp_path))
    assert strict.code == 1 and "error: materials/laws/ga_16_5_47.yaml:" in strict.stderr


def test_the_vra_language_is_chosen_by_county_in_california_and_illinois(all_notices):
    def languages(state, county):
        run = run_cli(PROJECT_ROOT, "post", "--state", state, "--county", county, "--business", "bar", "--format", "json")
        assert run.code == 0, run.stderr
        return {notice["law"]: (notice["languages"], notice["problem"]) for notice in json.loads(run.stdout)["notices"]}

    assert languages("CA", "Los Angeles")["ca_civ_52_6"][0] == ["en", "es", "zh-Hant"]
    assert languages("CA", "Orange")["ca_civ_52_6"][0] == ["en", "es", "vi"]
    assert languages("IL", "DuPage")["il_775_ilcs_50"] == (["en", "es"], None)  # covered for Spanish only
    cook, problem = languages("IL", "Cook County")["il_775_ilcs_50"]
    assert cook == [] and "Cook County is covered for hi, zh-Hant" in problem and "choose one with --lang" in problem
    _run, out = all_notices  # Cook County with Chinese chosen: three languages on one sign, read back
    pdf = _notice(out, "il_775_ilcs_50", place="cook")
    assert sum("1-888-373-7888" in line for line in pdf.visual_lines) == 3 and "伊利諾州法律保護" in pdf.text


def test_the_ten_percent_workforce_rule_adds_only_languages_read_by_a_tenth(tmp_path):
    run = run_cli(
        PROJECT_ROOT,
        "post",
        "--state",
        "NM",
        "--business",
        "employer",
        "--workforce",
        "vi=10,ko=9.9,zh-Hans=31",
        "--format",
        "json",
    )
    assert run.code == 0, run.stderr
    (notice,) = json.loads(run.stdout)["notices"]
    assert notice["law"] == "nm_30_52_2_1" and notice["languages"] == ["en", "es", "zh-Hans", "vi"]  # most read first
    texas = json.loads(
        run_cli(
            PROJECT_ROOT, "post", "--state", "TX", "--business", "hotel", "--workforce", "vi=12,ko=4", "--format", "json"
        ).stdout
    )["notices"]
    assert [(notice["law"], notice["languages"], notice["separate_signs"]) for notice in texas] == [
        ("tx_1tac_54_103", ["en", "es", "vi"], True)
    ]


# ---------------------------------------------------------------- bad law data: one located line, the rest built


def _two_law_campaign(project, laws):
    campaign = project / "materials/campaigns/pair.yaml"
    notices = "\n".join(f"  - {{law: {law}{', county: ' + county if county else ''}}}" for law, county in laws)
    campaign.write_text(f"materials: []\nlanguages: [en]\nregions: [us]\nnotices:\n{notices}\n", encoding="utf-8")
    return campaign


def _assert_one_line(run, expected):
    assert run.code == 1
    assert "Traceback" not in run.stderr
    matching = [line for line in run.error_lines if expected in line]
    assert len(matching) == 1, run.stderr


def test_a_place_no_places_file_defines_is_refused_at_its_line_and_a_new_place_needs_no_python(sample_project, tmp_path):
    law = sample_project / "materials/laws/sc_16_3_2100.yaml"
    placement = next(line for line in law.read_text(encoding="utf-8").splitlines() if line.startswith("placement: ["))
    replace_in(law, placement, "placement: [entrance, loading_dock]")
    run = run_cli(sample_project, "build", "--law", "sc_16_3_2100", "--out", str(tmp_path / "a"))
    _assert_one_line(
        run,
        f"materials/laws/sc_16_3_2100.yaml:{line_of(law, 'placement:')}: 'loading_dock' is not a place in materials/places.yaml",
    )
    assert not list((tmp_path / "a").rglob("*.pdf"))
    places = sample_project / "materials/places.yaml"
    places.write_text(places.read_text(encoding="utf-8") + "loading_dock: beside the loading dock\n", encoding="utf-8")
    run = run_cli(sample_project, "post", "--state", "SC", "--business", "nuisance_property")
    assert run.code == 0, run.stderr
    assert "beside the loading dock" in run.stdout and "near the public entrance" in run.stdout


def test_a_form_of_notice_no_formats_file_defines_is_refused_at_its_line(sample_project, tmp_path):
    law = sample_project / "materials/laws/fl_509_096.yaml"
    replace_in(law, "  lodging_sign:", "  lodging_sing:")
    run = run_cli(sample_project, "build", "--law", "fl_509_096", "--out", str(tmp_path))
    _assert_one_line(
        run,
        f"materials/laws/fl_509_096.yaml:{line_of(law, '  lodging_sing:')}: 'lodging_sing' is not a form of notice in materials/notice_formats.yaml",
    )


def test_a_law_missing_a_required_field_fails_alone(sample_project, tmp_path):
    law = sample_project / "materials/laws/hi_371_20.yaml"
    line = line_of(law, "citation:")
    replace_in(law, "citation: Haw. Rev. Stat. § 371-20\n", "")
    _two_law_campaign(sample_project, [("hi_371_20", None), ("sc_16_3_2100", None)])
    run = run_cli(sample_project, "build", "--campaign", "pair", "--out", str(tmp_path))
    _assert_one_line(run, "missing key 'citation'")
    assert "error: materials/laws/hi_371_20.yaml:" in run.error_lines[0] and line > 1
    assert [path.parent.parent.name for path in tmp_path.rglob("*.pdf")] == ["sc_16_3_2100"]


def test_a_citation_without_a_source_or_a_date_is_refused(sample_project, tmp_path):
    law = sample_project / "materials/laws/sc_16_3_2100.yaml"
    start = law.read_text(encoding="utf-8").index("sources:\n")
    end = law.read_text(encoding="utf-8").index("verified: 2026-12-03\n")
    text = law.read_text(encoding="utf-8")
    law.write_text(text[:start] + "sources: []\n" + text[end:].replace("verified: 2026-12-03\n", "", 1), encoding="utf-8")
    run = run_cli(sample_project, "build", "--law", "sc_16_3_2100", "--out", str(tmp_path))
    assert run.code == 1 and "Traceback" not in run.stderr
    assert (
        f"error: materials/laws/sc_16_3_2100.yaml:{line_of(law, 'sources: []')}: 'sources': [] should be non-empty" in run.stderr
    )
    assert "error: materials/laws/sc_16_3_2100.yaml:" in run.stderr and "missing key 'verified'" in run.stderr
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_size_smaller_than_its_own_least_type_allows_is_refused(sample_project, tmp_path):
    law = sample_project / "materials/laws/ky_281_767.yaml"
    replace_in(
        law,
        "    sizes: [[3in, 3in], [4in, 4in]]\n    placement: [public_restrooms]",
        "    sizes: [[1in, 3in], [4in, 4in]]\n    placement: [public_restrooms]",
    )
    replace_in(law, "    min_size: [3in, 3in]\n", "    min_size: [1in, 3in]\n")
    _two_law_campaign(sample_project, [("ky_281_767", None), ("sc_16_3_2100", None)])
    run = run_cli(sample_project, "build", "--campaign", "pair", "--out", str(tmp_path))
    _assert_one_line(
        run,
        f"materials/laws/ky_281_767.yaml:{line_of(law, '  window_cling:')}: format 'window_cling': 1in x 3in is "
        "too small for its own type: a 14-character number at 10 pt does not fit in its width",
    )
    assert [path.parent.parent.name for path in tmp_path.rglob("*.pdf")] == ["sc_16_3_2100"]


def test_a_county_without_a_language_entry_fails_its_notice_alone(sample_project, tmp_path):
    table = sample_project / "materials/vra_languages.yaml"
    text = table.read_text(encoding="utf-8")
    start = text.index("    cook:\n")
    cut = text.index("      languages:\n", start)
    end = text.index("      note:", cut)
    table.write_text(text[:cut] + text[end:], encoding="utf-8")
    _two_law_campaign(sample_project, [("il_775_ilcs_50", "cook"), ("sc_16_3_2100", None)])
    run = run_cli(sample_project, "build", "--campaign", "pair", "--out", str(tmp_path))
    _assert_one_line(run, "missing key 'languages' in 'states.IL.cook'")
    located = int(run.error_lines[0].split("materials/vra_languages.yaml:")[1].split(":")[0])
    assert line_of(table, "    cook:") <= located < line_of(table, "    dupage:")
    assert [path.parent.parent.name for path in tmp_path.rglob("*.pdf")] == ["sc_16_3_2100"]


def test_a_business_kind_no_law_file_defines_is_refused(sample_project, tmp_path):
    run = run_cli(sample_project, "post", "--state", "TX", "--business", "hotl")
    _assert_one_line(run, "error: materials/business_kinds.yaml: 'hotl' is not a kind of business")
    law = sample_project / "materials/laws/sc_16_3_2100.yaml"
    replace_in(law, "business_kinds: [nuisance_property,", "business_kinds: [nuisance_proprety,")
    run = run_cli(sample_project, "build", "--law", "sc_16_3_2100", "--out", str(tmp_path))
    _assert_one_line(
        run,
        f"materials/laws/sc_16_3_2100.yaml:{line_of(law, 'business_kinds:')}: 'nuisance_proprety' is not a kind "
        "of business in materials/business_kinds.yaml",
    )
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_notice_in_three_languages_declares_each_part_in_its_own(tmp_path):
    """Read as a screen reader reads it (pikepdf, the structure tree): the Spanish and Chinese
    parts of the Los Angeles notice are declared Spanish and Chinese, not English."""
    run = run_cli(PROJECT_ROOT, "build", "--law", "ca_civ_52_6", "--county", "los_angeles", "--out", str(tmp_path))
    assert run.code == 0, run.stderr
    pieces = tag_tree_text(tmp_path / "laws/notices/ca_civ_52_6/los_angeles/notice.pdf")
    assert {piece.lang for piece in pieces} == {"en", "es", "zh-Hant"}
    han = [piece for piece in pieces if any("\u4e00" <= char <= "\u9fff" for char in piece.text or "")]
    assert han and {piece.lang for piece in han} == {"zh-Hant"}
    assert any(piece.lang == "es" and "trata" in (piece.text or "").lower() for piece in pieces)
