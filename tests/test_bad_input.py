"""Bad input: one located line, exit 1, nothing lost or half-written, the rest still built."""

from __future__ import annotations

from .conftest import line_of, no_temporary_files, pdfs, replace_in, run_cli, set_translation

_pdfs, _no_temporary_files = pdfs, no_temporary_files


def test_yaml_syntax_error_names_file_and_line_and_the_rest_builds(sample_project, tmp_path):
    poster = sample_project / "materials" / "poster.yaml"
    replace_in(poster, "pages: 1", "pages: [1")
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "en", "--out", str(out))
    assert run.code == 1
    assert any(line.startswith("error: materials/poster.yaml:") and "YAML syntax error" in line for line in run.error_lines), (
        run.stderr
    )
    assert _pdfs(out) == {"default/us/en/handout.pdf", "default/us/en/wallet_card.pdf"}
    assert "  failed: us/en/poster" in run.stderr


def test_unknown_key_is_reported_with_its_line(sample_project, tmp_path):
    poster = sample_project / "materials" / "poster.yaml"
    replace_in(poster, "title: See the signs", "titel: See the signs")
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "wallet_card", "--out", str(tmp_path / "out"))
    expected = f"materials/poster.yaml:{line_of(poster, 'titel:')}: unknown key 'titel'"
    assert any(expected in line for line in run.error_lines), run.stderr
    assert run.code == 1


def test_missing_template_is_reported_at_the_material(sample_project, tmp_path):
    poster = sample_project / "materials" / "poster.yaml"
    replace_in(poster, "template: poster.html", "template: posterr.html")
    run = run_cli(sample_project, "build", "--lang", "en", "--out", str(tmp_path / "out"))
    expected = f"materials/poster.yaml:{line_of(poster, 'template:')}: template 'posterr.html' not found in templates/"
    assert any(expected in line for line in run.error_lines), run.stderr
    assert run.code == 1


def test_unknown_language_material_region_campaign(sample_project, tmp_path):
    for argv, message in (
        (["--lang", "xx"], "error: unknown language 'xx'"),
        (["--material", "flyer"], "error: unknown material 'flyer'"),
        (["--region", "atlantis"], "error: unknown region 'atlantis'"),
        (["--campaign", "nope"], "error: unknown campaign 'nope'"),
    ):
        out = tmp_path / argv[1]
        run = run_cli(sample_project, "build", *argv, "--out", str(out))
        assert run.code == 1
        assert len(run.error_lines) == 1 and run.error_lines[0].startswith(message), run.stderr
        assert not out.exists()


def test_known_bad_number_is_refused_with_the_correct_one(sample_project, tmp_path):
    hotlines = sample_project / "materials" / "hotlines.yaml"
    replace_in(hotlines, 'dial: "+18883737888"\n    display: 1-888-373-7888', 'dial: "+18003737888"\n    display: 1-800-373-7888')
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "en", "--out", str(out))
    assert run.code == 1
    assert any(
        "materials/hotlines.yaml:" in line
        and "1-800-373-7888 is a known wrong number" in line
        and "the correct number is 1-888-373-7888" in line
        for line in run.error_lines
    ), run.stderr
    assert not out.exists()


def test_display_form_must_carry_the_dialled_digits(sample_project, tmp_path):
    hotlines = sample_project / "materials" / "hotlines.yaml"
    replace_in(hotlines, "display: 1-888-373-7888", "display: 1-888-373-7878")
    run = run_cli(sample_project, "build", "--lang", "en", "--out", str(tmp_path / "out"))
    assert run.code == 1
    assert "display '1-888-373-7878' does not match +18883737888" in run.stderr


def test_text_too_long_for_the_card_fails_that_item_only(sample_project, tmp_path):
    catalog = sample_project / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    long_text = " ".join(["¿Necesita a alguien con quien hablar de lo que le pasa?"] * 8)
    set_translation(catalog, "Need someone to talk to?", long_text)
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "es", "--out", str(out))
    assert run.code == 1
    assert (
        "error: materials/wallet_card.yaml: us/es/wallet_card: the text does not fit on 2 page(s), even with body type at "
        "92%, the least its minimum type sizes allow (7 pt body, 5.5 pt small print); the block that does not fit begins: "
        "'Need someone to talk to?' [fit.overflow]"
    ) in run.stderr
    assert _pdfs(out) == {"default/us/es/handout.pdf", "default/us/es/poster.pdf"}
    assert _no_temporary_files(out)


def test_a_failed_rebuild_keeps_the_previous_pdf(sample_project, tmp_path):
    out = tmp_path / "out"
    assert run_cli(sample_project, "build", "--lang", "es", "--material", "wallet_card", "--out", str(out)).code == 0
    card = out / "default" / "us" / "es" / "wallet_card.pdf"
    before = card.read_bytes()
    catalog = sample_project / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    set_translation(catalog, "Need someone to talk to?", " ".join(["Texto demasiado largo para la tarjeta."] * 30))
    run = run_cli(sample_project, "build", "--lang", "es", "--material", "wallet_card", "--out", str(out))
    assert run.code == 1
    assert card.read_bytes() == before
    assert _no_temporary_files(out)


def test_missing_translation_falls_back_to_english_with_a_warning(sample_project, tmp_path):
    catalog = sample_project / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    set_translation(catalog, "Need someone to talk to?", "")
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "es", "--material", "wallet_card", "--out", str(out))
    assert run.code == 0
    assert (
        "warning: translations/es/LC_MESSAGES/messages.po: 1 message(s) not translated, printed in English, "
        "e.g. 'Need someone to talk to?' [catalog.untranslated]"
    ) in run.stderr
    strict = run_cli(sample_project, "build", "--lang", "es", "--material", "wallet_card", "--out", str(out), "--strict")
    assert strict.code == 1
    assert "error: translations/es/LC_MESSAGES/messages.po: 1 message(s) not translated" in strict.stderr


def test_broken_catalog_fails_its_language_only(sample_project, tmp_path):
    catalog = sample_project / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    replace_in(catalog, 'msgid "Call %(number)s"', 'msgid "Call %(number)s')
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--lang", "fr", "--lang", "en", "--material", "poster", "--out", str(out))
    assert run.code == 1
    assert any(line.startswith("error: translations/fr/LC_MESSAGES/messages.po:") for line in run.error_lines), run.stderr
    assert _pdfs(out) == {"default/us/en/poster.pdf"}


def test_no_network_and_no_file_outside_the_project(sample_project, tmp_path):
    template = sample_project / "templates" / "poster.html"
    replace_in(template, "<h1>", '<img src="http://example.invalid/tracker.png"><h1>')
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--out", str(tmp_path / "a"))
    assert run.code == 1
    assert "refused to fetch http://example.invalid/tracker.png" in run.stderr
    replace_in(template, "http://example.invalid/tracker.png", "file:///etc/hostname")
    run = run_cli(sample_project, "build", "--lang", "en", "--material", "poster", "--out", str(tmp_path / "b"))
    assert run.code == 1
    assert "refused to fetch /etc/hostname" in run.stderr
