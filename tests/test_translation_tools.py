"""`translations check`, `status`, `preview` and the review gate of `build --release`."""

from __future__ import annotations

import json

import pytest

from .conftest import msgstr_line, replace_in, run_cli, set_translation

ES = ("translations", "es", "LC_MESSAGES", "messages.po")

# (msgid, bad translation, check id) — each an error that would misprint or crash.
ERROR_CASES = [
    ("Call %(number)s", "Llame al número", "placeholder"),
    ("Call %(number)s", "Llame al %(numero)s", "placeholder"),
    ("Text %(number)s", "Envíe un SMS al %(number)s y %(extra)s", "placeholder"),
    ("Emergency: %(number)s", "Emergencia 100%: %(number)s", "placeholder"),
    ("Signs to look for", "<b>Señales</b> de alerta", "markup"),
    (
        "Call or text the hotline. You do not have to give your name.",
        "Llame al 1-888-373-7888. No tiene que dar su nombre.",
        "number.typed",
    ),
    ("Call %(number)s", "Llame al %(number)s\u202e", "text.untrusted"),
    ("Signs to look for", "Señales\u200b de alerta", "text.untrusted"),
    ("Signs to look for", "Señаles de alerta", "text.untrusted"),  # a Cyrillic а in a Latin word
    ("Scan to open the hotline's website", "Visite humantraffickinghotline.org", "typed-address"),
    (
        "Scan to open the hotline's website",
        "humantraffickinghotline.org에서 확인하세요",
        "typed-address",
    ),  # no word boundary before 에
]
WARNING_CASES = [
    ("Who is at risk?", "", "untranslated"),
    ("What you can do", "Lo que usted puede hacer para ayudar a un niño que está en peligro ahora mismo", "length"),
    ("Where to get help", "Where to get help", "same-as-source"),
    ("Organizations that help", "Organizaciones  que ayudan", "double-space"),
    ("How children are trapped", " Cómo atrapan a los niños", "whitespace"),
]


def _check(project, *argv):
    run = run_cli(project, "translations", "check", *argv)
    return run, [line for line in run.stdout.splitlines() if line]


@pytest.mark.parametrize(("msgid", "translation", "check_id"), ERROR_CASES)
def test_each_error_is_found_with_its_line(sample_project, msgid, translation, check_id):
    catalog = sample_project.joinpath(*ES)
    set_translation(catalog, msgid, translation)
    run, findings = _check(sample_project, "es", "--no-fit")
    assert run.code == 1
    expected = f"translations/es/LC_MESSAGES/messages.po:{msgstr_line(catalog, msgid)}: [{check_id}]"
    assert any(line.startswith(expected) for line in findings), findings


@pytest.mark.parametrize(("msgid", "translation", "check_id"), WARNING_CASES)
def test_each_warning_is_found_and_strict_makes_it_an_error(sample_project, msgid, translation, check_id):
    catalog = sample_project.joinpath(*ES)
    set_translation(catalog, msgid, translation)
    run, findings = _check(sample_project, "es", "--no-fit")
    expected = f"translations/es/LC_MESSAGES/messages.po:{msgstr_line(catalog, msgid)}: [{check_id}]"
    assert run.code == 0 and any(line.startswith(expected) and line.endswith("(warning)") for line in findings), findings
    assert _check(sample_project, "es", "--no-fit", "--strict")[0].code == 1


def test_fuzzy_is_a_warning(sample_project):
    catalog = sample_project.joinpath(*ES)
    set_translation(catalog, "Who is at risk?", "¿Quién está en riesgo?", fuzzy=True)
    _run, findings = _check(sample_project, "es", "--no-fit")
    assert any(f":{msgstr_line(catalog, 'Who is at risk?')}: [fuzzy]" in line for line in findings), findings


def test_clean_catalog_passes(sample_project):
    run, findings = _check(sample_project, "es", "fr", "ar")
    assert run.code == 0, run.stdout + run.stderr
    assert findings == []


def test_syntax_error_and_wrong_header_and_encoding_other_catalogs_still_checked(sample_project):
    fr = sample_project / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    replace_in(fr, 'msgid "Call %(number)s"', 'msgid "Call %(number)s')
    ru = sample_project / "translations" / "ru" / "LC_MESSAGES" / "messages.po"
    replace_in(ru, '"Language: ru\\n"', '"Language: uk\\n"')
    hi = sample_project / "translations" / "hi" / "LC_MESSAGES" / "messages.po"
    hi.write_bytes(hi.read_bytes().replace("बच्चों".encode(), b"\xff\xfe", 1))
    es = sample_project.joinpath(*ES)
    set_translation(es, "Signs to look for", "<i>Señales</i>")
    before = {path: path.read_bytes() for path in (fr, ru, hi)}
    run, findings = _check(sample_project, "fr", "ru", "hi", "es", "--no-fit")
    assert run.code == 1
    assert any(line.startswith("translations/fr/LC_MESSAGES/messages.po:") and "[syntax]" in line for line in findings)
    assert any(line.startswith("translations/ru/LC_MESSAGES/messages.po:") and "[language-header]" in line for line in findings)
    assert any(
        line.startswith("translations/hi/LC_MESSAGES/messages.po:") and "[encoding] not UTF-8" in line for line in findings
    )
    assert any(line.startswith("translations/es/LC_MESSAGES/messages.po:") and "[markup]" in line for line in findings)
    assert before == {path: path.read_bytes() for path in (fr, ru, hi)}  # checking never rewrites


def test_fit_check_names_the_messages_that_do_not_fit(sample_project):
    catalog = sample_project.joinpath(*ES)
    long_text = "Usted no está solo; " * 30
    set_translation(catalog, "You are not alone. Help is free and you do not have to give your name.", long_text.strip())
    run, findings = _check(sample_project, "es")
    assert run.code == 1
    line = msgstr_line(catalog, "You are not alone. Help is free and you do not have to give your name.")
    fit = [finding for finding in findings if "[fit]" in finding]
    assert any(
        finding.startswith(
            f"translations/es/LC_MESSAGES/messages.po:{line}: [fit] restroom_sticker in es (us) does not fit "
            "even with the smallest type allowed; this message is in the block that overflows"
        )
        and "You are not alone" in finding
        for finding in fit
    ), findings
    # The message is printed on the restroom sticker only (the wallet card says it in fewer words).
    assert {finding.split("[fit] ")[1].split(" in es")[0] for finding in fit} == {"restroom_sticker"}


def test_status_counts_and_complete_materials(sample_project):
    catalog = sample_project.joinpath(*ES)
    set_translation(catalog, "Need someone to talk to?", "")
    set_translation(catalog, "Who is at risk?", "¿Quién está en riesgo?", fuzzy=True)
    run = run_cli(sample_project, "translations", "status", "--format", "json")
    assert run.code == 0, run.stderr
    spanish = next(entry for entry in json.loads(run.stdout) if entry["tag"] == "es")
    assert (spanish["fuzzy"], spanish["missing"]) == (1, 1)
    assert spanish["incomplete"] == ["handout", "handout_large_print", "palm_card", "restroom_sticker", "wallet_card"]
    assert spanish["complete"] == ["poster", "poster_large", "tearoff_poster"]
    assert spanish["review"]["reviewed"] is False
    table = run_cli(sample_project, "translations", "status").stdout
    assert any(line.startswith("es ") and "draft, not reviewed" in line for line in table.splitlines())


def _mark_reviewed(catalog):
    replace_in(catalog, "# Review-State: draft", "# Review-State: reviewed")
    replace_in(catalog, "# Reviewed-By:", "# Reviewed-By: Ana Pérez <ana@example.org>")
    replace_in(catalog, "# Reviewed-On:", "# Reviewed-On: 2026-11-20")


def test_release_refuses_unreviewed_languages(sample_project, tmp_path):
    out = tmp_path / "out"
    run = run_cli(sample_project, "build", "--release", "--lang", "es", "--material", "poster", "--out", str(out))
    assert run.code == 1
    assert "--release refuses translations no native speaker has reviewed: es" in run.stderr
    assert not out.exists()
    allowed = run_cli(
        sample_project, "build", "--release", "--allow-unreviewed", "--lang", "es", "--material", "poster", "--out", str(out)
    )
    assert allowed.code == 0, allowed.stderr


def test_proof_note_only_on_unreviewed_translations(sample_project, tmp_path):
    from awareness.verify.readback import read_pdf

    out = tmp_path / "out"
    assert run_cli(sample_project, "build", "--lang", "es", "--lang", "fr", "--material", "poster", "--out", str(out)).code == 0
    assert "has not been reviewed" in read_pdf(out / "default/us/es/poster.pdf", decode_qr=False).text
    _mark_reviewed(sample_project.joinpath(*ES))
    listing = run_cli(sample_project, "list").stdout
    assert "reviewed by Ana Pérez <ana@example.org> on 2026-11-20" in listing
    assert run_cli(sample_project, "build", "--release", "--lang", "es", "--material", "poster", "--out", str(out)).code == 0
    assert "has not been reviewed" not in read_pdf(out / "default/us/es/poster.pdf", decode_qr=False).text


def test_preview_writes_pdf_and_png_pages(sample_project):
    run = run_cli(sample_project, "preview", "--lang", "th", "--material", "wallet_card")
    assert run.code == 0, run.stderr
    folder = sample_project / "output" / "preview" / "default" / "us" / "th"
    assert sorted(path.name for path in folder.iterdir()) == ["wallet_card-page1.png", "wallet_card-page2.png", "wallet_card.pdf"]


def test_wrong_number_of_plural_forms(tmp_path):
    from awareness.i18n.checks import check_catalog

    po = tmp_path / "ru" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        '#, python-format\nmsgid "%(num)s card"\nmsgid_plural "%(num)s cards"\nmsgstr[0] "%(num)s карта"\nmsgstr[1] "%(num)s карты"\n',
        encoding="utf-8",
    )
    findings = check_catalog(po, "ru").all()
    assert [(finding.location.line, finding.code) for finding in findings if finding.code == "catalog.plural-forms"] == [
        (10, "catalog.plural-forms")
    ]
