"""Hostile input, tried through the real command line as an attacker or a careless contributor would.

Each case must give a located error line (file and line), a non-zero exit, no PDF that carries
the bad content (read back with poppler's pdftotext, independent of the build's own reader),
nothing half-written, and the rest of the batch built.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .conftest import line_of, msgstr_line, no_temporary_files, pdfs, replace_in, run_cli, set_translation

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")

BAD = "8003737888"  # the known wrong number 1-800-373-7888, national digits
GOOD = "8883737888"  # the National Human Trafficking Hotline
FRONT_LINE = "Free. You do not have to give your name. Any time, day or night."
CALL = "Call %(number)s"


def catalog(project: Path, lang: str = "es") -> Path:
    return project / "translations" / lang / "LC_MESSAGES" / "messages.po"


def pdf_text(path: Path) -> str:
    """The PDF's text as poppler reads it (not the build's own extractor)."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout


def digits_of(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def assert_nothing_printed(out: Path, *fragments: str) -> None:
    """No PDF under `out` carries any of `fragments` (digits compared without separators)."""
    for pdf in out.rglob("*.pdf"):
        text = pdf_text(pdf)
        for fragment in fragments:
            if fragment.isdigit():
                assert fragment not in digits_of(text), f"{pdf} prints {fragment}"
            else:
                assert fragment not in text, f"{pdf} prints {fragment!r}"
    assert no_temporary_files(out) if out.exists() else True


def build_two(project: Path, out: Path, *extra: str):
    """es (broken by the test) and en (untouched) wallet cards: the rest of the batch must build."""
    return run_cli(project, "build", "--lang", "es", "--lang", "en", "--material", "wallet_card", "--out", str(out), *extra)


def assert_only_es_failed(run, out: Path) -> None:
    assert run.code == 1, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert pdfs(out) == {"default/us/en/wallet_card.pdf"}, run.stderr
    assert GOOD in digits_of(pdf_text(out / "default" / "us" / "en" / "wallet_card.pdf"))


# --------------------------------------------------------------------- numbers typed by a translator


@pytest.mark.parametrize(
    "typed",
    [
        "Gratis. Llame al 1-800-373-7888.",
        "Gratis. Llame al +1 (800) 373 7888.",
        "Gratis. Llame al 1.800.373.7888.",
        "Gratis. Llame al １-８００-３７３-７８８８.",  # full-width
        "Gratis. Llame al ١-٨٠٠-٣٧٣-٧٨٨٨.",  # Arabic-Indic digits
        "Gratis. 18,00,37,37,88,8 a cualquier hora.",  # groups of two, commas
        "Gratis. 1·8·0·0·3·7·3·7·8·8·8 a cualquier hora.",  # middle dots
        "Gratis. 18_00_37_37_88_8 a cualquier hora.",  # underscores
        "Gratis. ❶❽⓿⓿❸❼❸❼❽❽❽ a cualquier hora.",  # dingbat digits
        "Gratis. 一八〇〇三七三七八八八 a cualquier hora.",  # CJK numerals
        "Gratis. Llame al 1-800-FLA-SAVE.",  # keypad letters
    ],
)
def test_a_number_typed_into_a_translation_never_prints(sample_project, tmp_path, typed):
    po = catalog(sample_project)
    set_translation(po, FRONT_LINE, typed)
    out = tmp_path / "out"
    run = build_two(sample_project, out)
    assert_only_es_failed(run, out)
    line = msgstr_line(po, FRONT_LINE)
    assert any(
        f"translations/es/LC_MESSAGES/messages.po:{line}:" in error and "[number.typed]" in error for error in run.error_lines
    ), run.stderr
    assert_nothing_printed(out, BAD, "FLA-SAVE")


def test_translations_check_finds_what_the_build_refuses(sample_project):
    po = catalog(sample_project)
    set_translation(po, FRONT_LINE, "Gratis. 18,00,37,37,88,8 a cualquier hora.")
    set_translation(po, CALL, "Llame al %(number)d")
    checked = run_cli(sample_project, "translations", "check", "es")
    assert checked.code == 1
    output = checked.stdout + checked.stderr
    assert f"messages.po:{msgstr_line(po, FRONT_LINE)}" in output and "[number.typed]" in output
    assert f"messages.po:{msgstr_line(po, CALL)}" in output and "form changed" in output


@pytest.mark.parametrize(
    ("translation", "what"),
    [
        ("Llame al número de la tarjeta", "placeholder missing: %(number)s"),  # dropped
        ("Llame al %(number)s o al %(numero)s", "placeholder added: %(numero)s"),
        ("Llame al %(numero)s", "placeholder renamed: %(number)s became %(numero)s"),
        ("Llame al %(number)s %(number)s", "repeated or dropped"),
        ("Llame al %(number)d", "placeholder's form changed"),
        ("Llame al % (number)s", "placeholder missing"),  # broken by a space
        ("Llame al ％(number)s", "placeholder missing"),  # full-width percent
        ("Llame al {number}", "placeholder missing"),
        ("Llame al %(num\u200bber)s", "placeholder missing"),  # a zero-width space inside
    ],
)
def test_a_broken_placeholder_fails_its_language_at_its_line(sample_project, tmp_path, translation, what):
    po = catalog(sample_project)
    set_translation(po, CALL, translation)
    out = tmp_path / "out"
    run = build_two(sample_project, out)
    assert_only_es_failed(run, out)
    located = f"translations/es/LC_MESSAGES/messages.po:{msgstr_line(po, CALL)}:"
    assert any(located in error and what in error for error in run.error_lines), run.stderr


def _compile_mo(po: Path) -> Path:
    with po.open("rb") as handle:
        messages = read_po(handle)
    mo = po.with_suffix(".mo")
    with mo.open("wb") as handle:
        write_mo(handle, messages)
    future = time.time() + 3600
    os.utime(mo, (future, future))  # newer than the PO: a timestamp rule would trust it
    return mo


def test_a_stale_compiled_catalog_never_beats_the_po(sample_project, tmp_path):
    po = catalog(sample_project)
    set_translation(po, FRONT_LINE, "Gratis. Llame al 1-800-373-7888.")
    _compile_mo(po)  # compiled from the wrong text
    set_translation(po, FRONT_LINE, "Gratis y anónimo. A cualquier hora.")  # then corrected
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "es", "--material", "wallet_card", "--force", "--out", str(out))
    assert run.code == 0, run.stderr
    text = pdf_text(out / "default" / "us" / "es" / "wallet_card.pdf")
    assert "Gratis y anónimo" in text
    assert_nothing_printed(out, BAD)


def test_a_clean_compiled_catalog_does_not_hide_a_bad_po(sample_project, tmp_path):
    po = catalog(sample_project)
    _compile_mo(po)  # a clean .mo, newer than the PO
    set_translation(po, FRONT_LINE, "Gratis. Llame al 1-800-373-7888.")
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "es", "--material", "wallet_card", "--out", str(out))
    assert run.code == 1 and "[number.typed]" in run.stderr
    assert_nothing_printed(out, BAD)


# ------------------------------------------------------------------ characters that cannot be trusted

UNTRUSTED = {
    "right-to-left override": "\u202e",
    "right-to-left isolate": "\u2067",
    "left-to-right mark": "\u200e",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "soft hyphen": "\u00ad",
    "word joiner": "\u2060",
}


@pytest.mark.parametrize("name", sorted(UNTRUSTED))
def test_an_invisible_or_bidi_character_in_a_translation_never_prints(sample_project, tmp_path, name):
    po = catalog(sample_project)
    set_translation(po, CALL, f"Llame al {UNTRUSTED[name]}%(number)s")
    out = tmp_path / "out"
    run = build_two(sample_project, out)
    assert_only_es_failed(run, out)
    assert any(f"messages.po:{msgstr_line(po, CALL)}:" in e and "[text.untrusted]" in e for e in run.error_lines), run.stderr


def test_a_look_alike_word_in_a_translation_is_refused(sample_project, tmp_path):
    po = catalog(sample_project)
    set_translation(po, CALL, "Llаme al %(number)s")  # a Cyrillic а
    out = tmp_path / "out"
    run = build_two(sample_project, out)
    assert_only_es_failed(run, out)
    assert "mixes Cyrillic And Latin letters" in run.stderr


REGISTRY_FIELDS = {
    "display": ("display: 1-888-373-7888", 'display: "1-888-{c}373-7888"'),
    "dial": ('dial: "+18883737888"', 'dial: "+1888{c}3737888"'),
    "vanity": ("vanity: 1-800-4-A-CHILD", 'vanity: "1-800-4-A{c}-CHILD"'),
    "web": ("web: https://humantraffickinghotline.org\n", 'web: "https://humantrafficking{c}hotline.org"\n'),
    "keyword": ("keyword: HELP", 'keyword: "HE{c}LP"'),
}
REGISTRY_CHARACTERS = {
    "override": "\\u202e",
    "isolate": "\\u2066",
    "zero-width": "\\u200b",
    "joiner": "\\u200d",
    "C1 control": "\\x85",
    "Cyrillic": "\u0430",
    "full-width digit": "\uff18",
}


@pytest.mark.parametrize("character", sorted(REGISTRY_CHARACTERS))
@pytest.mark.parametrize("field", sorted(REGISTRY_FIELDS))
def test_untrusted_characters_in_registry_fields_are_refused(sample_project, tmp_path, field, character):
    hotlines = sample_project / "materials" / "hotlines.yaml"
    old, new = REGISTRY_FIELDS[field]
    replace_in(hotlines, old, new.format(c=REGISTRY_CHARACTERS[character]))
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--out", str(out))
    assert run.code == 1
    assert run.error_lines and all(re.match(r"error: materials/hotlines\.yaml:\d+: ", e) for e in run.error_lines), run.stderr
    assert not out.exists() or not pdfs(out)


# ----------------------------------------------------------------------- the known wrong number

REGISTRY_BAD_FORMS = [
    ('dial: "+18883737888"\n    display: 1-888-373-7888', 'dial: "+18003737888"\n    display: 1-800-373-7888'),
    ('dial: "+18883737888"\n    display: 1-888-373-7888', 'dial: "+18003737888"\n    display: (800) 373-7888'),
    ('dial: "+18883737888"\n    display: 1-888-373-7888', 'dial: "+18003737888"\n    display: +1 800 373 7888'),
    ('dial: "+18883737888"\n    display: 1-888-373-7888', 'dial: "+18003737888"\n    display: 800.373.7888'),
    ("vanity: 1-800-THE-LOST", "vanity: 1-855-FLA-SAVE"),
]


@pytest.mark.parametrize(("old", "new"), REGISTRY_BAD_FORMS)
def test_the_known_wrong_number_is_refused_in_the_registry_in_any_format(sample_project, tmp_path, old, new):
    hotlines = sample_project / "materials" / "hotlines.yaml"
    replace_in(hotlines, old, new)
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--out", str(out))
    assert run.code == 1
    assert any(re.match(r"error: materials/hotlines\.yaml:\d+: .*known wrong number", e) for e in run.error_lines), run.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("where", "old", "new"),
    [
        ("hotlines.yaml", "name: National Human Trafficking Hotline", "name: National Human Trafficking Hotline 1-800-373-7888"),
        ("hotlines.yaml", "name: National Human Trafficking Hotline", "name: National Hotline (800) 373·7888"),
        ("organizations.yaml", "name: Save the Children", "name: Save the Children 1 800 373 7888"),
        ("wallet_card.yaml", "front_heading: Need someone to talk to?", "front_heading: Need someone? 1-800-373-7888"),
        ("wallet_card.yaml", "front_heading: Need someone to talk to?", "front_heading: Need someone? 18,00,37,37,88,8"),
        ("wallet_card.yaml", "front_heading: Need someone to talk to?", "front_heading: Need someone? 1-855-FLA-SAVE"),
    ],
)
def test_the_known_wrong_number_typed_into_names_and_english_text_is_refused(sample_project, tmp_path, where, old, new):
    path = sample_project / "materials" / where
    replace_in(path, old, new)
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--material", "poster", "--out", str(out))
    assert run.code == 1
    assert any(e.startswith(f"error: materials/{where}:{line_of(path, new.split(': ', 1)[1])}:") for e in run.error_lines), (
        run.stderr
    )
    assert_nothing_printed(out, BAD, "FLA-SAVE")


@pytest.mark.parametrize(
    "wording",
    ["1-800-373-7888", "1,800,373,7888", "1·800·373·7888", "1-855-FLA-SAVE", "1-855-222-3333"],
)
def test_a_wrong_or_unknown_number_in_a_law_is_refused_at_its_line(sample_project, tmp_path, wording):
    law = sample_project / "materials" / "laws" / "fl_787_29.yaml"
    replace_in(
        law,
        "Florida Human Trafficking Hotline, 1-855-FLA-SAFE, to",
        f"Florida Human Trafficking Hotline, 1-855-FLA-SAFE or {wording}, to",
    )
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--law", "fl_787_29", "--out", str(out))
    assert run.code == 1
    assert any(re.match(r"error: materials/laws/fl_787_29\.yaml:\d+: .*number", e) for e in run.error_lines), run.stderr
    assert_nothing_printed(out, BAD, "FLA-SAVE", "8552223333")


def test_a_number_in_a_partners_name_is_refused(sample_project, tmp_path):
    campaign = sample_project / "materials" / "campaigns" / "partner.yaml"
    campaign.write_text(
        "materials: [poster]\nlanguages: [en]\nregions: [us]\ncobrand:\n  organization: Help line 18,00,37,37,88,8\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--campaign", "partner", "--out", str(out))
    assert run.code == 1
    assert any(e.startswith("error: materials/campaigns/partner.yaml:5:") for e in run.error_lines), run.stderr
    assert_nothing_printed(out, BAD)


# ------------------------------------------------------------------------------------ YAML

WALLET = "materials/wallet_card.yaml"


def _bomb(text: str) -> str:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return text.replace("pages: 2", "pages: 2\nbomb:\n  " + "\n  ".join(lines))


YAML_ATTACKS = {
    "duplicate key": (
        lambda t: t.replace("  front_heading: Need", "  front_heading: Human trafficking\n  front_heading: Need"),
        "appears twice",
    ),
    "duplicate quoted key": (lambda t: t.replace("pages: 2", 'pages: 2\n"pages": 3'), "appears twice"),
    "duplicate list key": (lambda t: t.replace("  back_questions:", "  back_questions: []\n  back_questions:"), "appears twice"),
    "alias bomb": (_bomb, "after expanding aliases"),
    "huge string": (
        lambda t: t.replace("front_heading: Need someone to talk to?", "front_heading: " + "A" * 200_000),
        "longer than",
    ),
    "deep nesting": (lambda t: t.replace("pages: 2", "pages: 2\ndeep: " + "[" * 500 + "]" * 500), "levels deep"),
    "deep mapping": (lambda t: t.replace("pages: 2", "pages: 2\ndeep: " + "{a: " * 100 + "1" + "}" * 100), "levels deep"),
    "control character": (lambda t: t.replace("Need someone", "Need some\x1bone"), "control character U+001B"),
    "C1 control": (lambda t: t.replace("Need someone", "Need some\x9bone"), "control character U+009B"),
    "syntax": (lambda t: t.replace("pages: 2", "pages: [2"), "YAML syntax error"),
}


@pytest.mark.parametrize("attack", sorted(YAML_ATTACKS))
def test_hostile_yaml_fails_its_material_only(sample_project, tmp_path, attack):
    path = sample_project / WALLET
    change, message = YAML_ATTACKS[attack]
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--material", "poster", "--out", str(out))
    assert run.code == 1
    assert any(re.match(rf"error: {WALLET}:\d+: .*{re.escape(message)}", e) for e in run.error_lines), run.stderr
    assert all(len(line) < 400 for line in run.stderr.splitlines())
    assert pdfs(out) == {"default/us/en/poster.pdf"}


def test_yaml_that_is_not_utf8_names_its_line(sample_project, tmp_path):
    path = sample_project / WALLET
    line = line_of(path, "Need someone")
    path.write_bytes(path.read_bytes().replace(b"Need someone", b"Need s\xe9meone"))
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--material", "poster", "--out", str(out))
    assert run.code == 1
    assert f"error: {WALLET}:{line}: not UTF-8" in run.stderr
    assert pdfs(out) == {"default/us/en/poster.pdf"}


@pytest.mark.parametrize(
    ("path", "old", "new", "message"),
    [
        ("hotlines.yaml", "verified: 2026-11-22\n  notes: >-", "verified: 2999-01-01\n  notes: >-", "in the future"),
        ("hotlines.yaml", "verified: 2026-11-22\n  notes: >-", "verified: 2026-02-30\n  notes: >-", "is not a 'date'"),
        ("hotlines.yaml", "verified: 2026-11-22\n  notes: >-", "verified: banana\n  notes: >-", "is not a 'date'"),
        ("laws/fl_787_29.yaml", "verified: 2026-11-22", "verified: 2999-01-01", "in the future"),
    ],
)
def test_dates_must_be_real_and_not_in_the_future(sample_project, tmp_path, path, old, new, message):
    file = sample_project / "materials" / path
    replace_in(file, old, new)
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--out", str(tmp_path / "out"))
    located = f"error: materials/{path}:{line_of(file, new.split(chr(10))[0].strip())}:"
    assert run.code == 1
    assert any(e.startswith(located) and message in e for e in run.error_lines), run.stderr


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# Review-State: reviewed\n# Reviewed-By: Ana Pérez\n# Reviewed-On: banana", "'banana' is not a date"),
        ("# Review-State: reviewed\n# Reviewed-By: Ana Pérez\n# Reviewed-On: 2999-01-01", "in the future"),
        ("# Review-State: reviewed\n# Reviewed-By:\n# Reviewed-On: 2026-11-01", "names no reviewer"),
        ("# Review-State: revieved\n# Reviewed-By: Ana\n# Reviewed-On: 2026-11-01", "write draft or reviewed"),
        ("# Review-State: reviewed\n# Reviewed-By: Ana\n# Reviewed-On: 2026-11-01\n# Reviewed-By:", "given twice"),
    ],
)
def test_a_review_header_that_does_not_parse_is_refused(sample_project, tmp_path, header, message):
    po = catalog(sample_project)
    text = po.read_text(encoding="utf-8")
    text = re.sub(r"# Review-State: draft\n(?:#.*\n)*?# Reviewed-On:\n", header + "\n", text, count=1)
    po.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    run = build_two(sample_project, out)
    assert_only_es_failed(run, out)
    assert any(e.startswith("error: translations/es/LC_MESSAGES/messages.po:1:") and message in e for e in run.error_lines)


def test_a_huge_translation_is_refused_quickly(sample_project, tmp_path):
    po = catalog(sample_project)
    text = po.read_text(encoding="utf-8")
    line = msgstr_line(po, "Need someone to talk to?")
    lines = text.splitlines()
    lines[line - 1] = 'msgstr "' + "B" * 400_000 + '"'
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    run = build_two(sample_project, out)
    assert time.monotonic() - started < 60  # it used to stall layout for many minutes
    assert_only_es_failed(run, out)
    assert any(f"messages.po:{line}:" in e and "at most 2,000" in e for e in run.error_lines), run.stderr


# -------------------------------------------------------------------- templates and crash isolation


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ("{{ {% }}", "template syntax error"),
        ("{% if %}", "template syntax error"),
        ("{{ 1/0 }}", "ZeroDivisionError"),
        ("{{ hotline.nosuch.deeper }}", "has no attribute 'nosuch'"),
        ("{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}", "calls itself"),
        ("<p>or call 1-800-373-7888</p>", "known wrong number"),
    ],
)
def test_a_broken_template_fails_its_own_items_only(sample_project, tmp_path, snippet, message):
    template = sample_project / "templates" / "wallet_card.html"
    replace_in(template, '<section class="back frame">', snippet + '\n<section class="back frame">')
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--material", "poster", "--out", str(out))
    assert run.code == 1
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    templated = any(re.match(r"error: templates/wallet_card\.html:\d+: ", e) and message in e for e in run.error_lines)
    gated = any(e.startswith("error: materials/wallet_card.yaml") and message in e for e in run.error_lines)
    assert templated or gated, run.stderr
    assert pdfs(out) == {"default/us/en/poster.pdf"}
    assert_nothing_printed(out, BAD)


@pytest.mark.parametrize("manifest", ['{"outputs": [1, 2,', "[]", '{"version": "x", "outputs": 5}', "\x00\x01", ""])
def test_a_corrupt_manifest_is_one_line_and_everything_is_rebuilt(sample_project, tmp_path, manifest):
    out = tmp_path / "out"
    assert run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--out", str(out)).code == 0
    (out / "default" / "manifest.json").write_text(manifest, encoding="utf-8")
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--out", str(out))
    assert run.code == 0, run.stderr
    assert [line for line in run.stderr.splitlines() if "manifest.json" in line and "[manifest.unreadable]" in line]
    assert "1 rendered" in run.stdout + run.stderr


@pytest.mark.parametrize(
    ("campaign", "message"),
    [
        ("notices:\n  - law: ../../../tmp/escape\n", "unknown law"),
        ("notices:\n  - law: ca_civ_52_6\n    county: ../../../../tmp/escape\n", "cannot be part of a file name"),
        ("cobrand:\n  organization: Partner\n  logo: ../../../etc/hostname\n", "outside the project"),
    ],
)
def test_a_campaign_path_never_escapes_the_output(sample_project, tmp_path, campaign, message):
    (sample_project / "materials" / "campaigns" / "escape.yaml").write_text(
        "materials: [poster]\nlanguages: [en]\nregions: [us]\n" + campaign, encoding="utf-8"
    )
    out = tmp_path / "deep" / "out"
    before = {path for path in tmp_path.rglob("*") if path.is_file()}
    run = run_cli(sample_project, "build", "--campaign", "escape", "--out", str(out))
    assert run.code == 1
    assert any(message in e for e in run.error_lines), run.stderr
    written = [path for path in tmp_path.rglob("*") if path.is_file() and path not in before]
    assert all(path.is_relative_to(out) for path in written), written
    assert not Path("/tmp/escape").exists()


def test_an_output_that_cannot_be_written_is_one_line_per_folder(sample_project, tmp_path):
    out = tmp_path / "out"
    out.write_text("a file where the output folder should be", encoding="utf-8")
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--out", str(out))
    assert run.code == 1
    assert run.error_lines and all("cannot write" in e and "[output.unwritable]" in e for e in run.error_lines), run.stderr
    assert "Traceback" not in run.stderr


def test_a_pdf_path_taken_by_a_folder_fails_that_item_only(sample_project, tmp_path):
    out = tmp_path / "out"
    (out / "default" / "us" / "en" / "wallet_card.pdf").mkdir(parents=True)
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--material", "poster", "--out", str(out))
    assert run.code == 1
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert any("wallet_card" in e for e in run.error_lines), run.stderr
    assert {pdf for pdf in pdfs(out) if (out / pdf).is_file()} == {"default/us/en/poster.pdf"}
    assert no_temporary_files(out)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_a_read_only_output_is_one_line(sample_project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--out", str(out))
    finally:
        out.chmod(0o755)
    assert run.code == 1
    assert run.error_lines and all("[output.unwritable]" in e for e in run.error_lines), run.stderr
