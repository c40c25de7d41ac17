"""Property tests (Hypothesis): numbers, displays and translations with invisible or bidi
characters and extra digit runs injected anywhere never get past the gates.

Most examples call the gate functions directly (fast); a few go through a real build, whose
output folder must then hold no PDF of the broken language (read back with pdftotext when one
exists)."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awareness.i18n.checks import text_findings
from awareness.load.yamlsafe import load_yaml
from awareness.model.diagnostics import Collector
from awareness.model.hotline import build_hotline, known_bad_numbers
from awareness.text.gate import gate_page
from awareness.text.trust import BIDI_CONTROLS, INVISIBLE

from .conftest import PROJECT_ROOT, run_cli, set_translation

REGISTRY = load_yaml(PROJECT_ROOT / "materials" / "hotlines.yaml")
KNOWN_BAD = known_bad_numbers(list(load_yaml(PROJECT_ROOT / "materials" / "known_bad_numbers.yaml")), {"8883737888"})

# What an attacker hides: bidi controls, invisible characters, joiners, C0 and C1 controls.
HIDDEN = sorted(BIDI_CONTROLS | INVISIBLE | {"\u200c", "\u200d", "\x07", "\x1b", "\x85", "\x9b"})
hidden = st.sampled_from(HIDDEN)
# Separators a reader's eye skips between digits: the usual ones (any three digits are a number)
# and any punctuation (six digits or more are).
usual_separator = st.sampled_from(["", " ", "-", ".", "/", "\u00a0", "–", "(", ")"])
any_separator = st.sampled_from(["", " ", "-", ".", ",", "·", "_", "/", ":", "\u00a0", "–", "(", ")", "'", ", "])
# Digits as any script or form writes them.
DIGIT_FORMS = [
    "0123456789",
    "０１２３４５６７８９",  # full-width
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "۰۱۲۳۴۵۶۷۸۹",  # Persian
    "०१२३४५६७८९",  # Devanagari
    "๐๑๒๓๔๕๖๗๘๙",  # Thai
    "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",  # mathematical bold
    "〇一二三四五六七八九",  # CJK numerals
]


@st.composite
def digit_run(draw: st.DrawFn, least: int = 3) -> str:
    """A number of `least` or more digits, in one script, split by separators of one or two characters."""
    digits = draw(st.text(alphabet="0123456789", min_size=least, max_size=15))
    form = draw(st.sampled_from(DIGIT_FORMS))
    parts = [form[int(digit)] for digit in digits]
    separator = any_separator if len(digits) >= 6 else usual_separator
    return "".join(part + draw(separator) for part in parts[:-1]) + parts[-1]


def inject(draw: st.DrawFn, text: str, what: st.SearchStrategy[str]) -> str:
    at = draw(st.integers(min_value=0, max_value=len(text)))
    return text[:at] + draw(what) + text[at:]


words = st.lists(
    st.sampled_from(["Llame", "gratis", "ayuda", "a", "cualquier", "hora", "línea", "confidencial"]), max_size=6
).map(" ".join)

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.data())
def test_a_translation_with_a_hidden_character_is_refused(data):
    translation = inject(data.draw, data.draw(words) + " %(number)s " + data.draw(words), hidden)
    findings = list(text_findings("Call %(number)s", translation))
    assert any(severity.name == "ERROR" for _check, severity, _text in findings), translation


@FAST
@given(st.data())
def test_a_translation_with_a_typed_number_is_refused(data):
    translation = data.draw(words) + " " + data.draw(digit_run()) + " " + data.draw(words) + " %(number)s"
    findings = list(text_findings("Call %(number)s", translation))
    assert any(check == "number.typed" for check, _severity, _text in findings), translation


@FAST
@given(st.data())
def test_a_page_never_prints_a_typed_number_or_a_hidden_character(data):
    """The gate on the rendered page, whatever the text was typed into (material text, a name)."""
    text = data.draw(words) + " " + data.draw(digit_run()) + " " + data.draw(words)
    hide = data.draw(st.booleans())
    if hide:
        text = inject(data.draw, text, hidden)
    html = f'<p>{text}</p><p><span class="ltr num" data-v="">\u20661-888-373-7888\u2069</span></p>'
    codes = {problem.code for problem in gate_page(html, None, "us/es/poster", KNOWN_BAD)}
    assert "number.typed" in codes or (hide and "text.untrusted" in codes), text


def _entry(field: str, value: str) -> dict:
    entry = {key: REGISTRY["childhelp"][key] for key in ("name", "about", "hours", "source")}
    entry |= {"country": "US", "verified": datetime.date(2026, 11, 22)}
    entry["phone"] = {"dial": "+18004224453", "display": "1-800-422-4453", "vanity": "1-800-4-A-CHILD"}
    entry["web"] = "https://www.childhelphotline.org"
    if field == "web":
        entry["web"] = value
    else:
        entry["phone"] = entry["phone"] | {field: value}
    return entry


@FAST
@given(st.data())
def test_a_registry_value_with_a_hidden_character_or_an_extra_digit_is_refused(data):
    field = data.draw(st.sampled_from(["display", "vanity", "web"]))
    clean = _entry(field, "")["phone"].get(field) if field != "web" else "https://www.childhelphotline.org"
    clean = clean or "1-800-422-4453"
    if field == "web" or data.draw(st.booleans()):
        value = inject(data.draw, clean, hidden)
    else:  # one more digit anywhere: a different number
        value = inject(data.draw, clean, st.sampled_from("0123456789"))
    problems = Collector()
    build_hotline("line", _entry(field, value), KNOWN_BAD, problems, None)
    assert problems.errors, value


# ------------------------------------------------------------------------------- real builds

MESSAGE = "Free. You do not have to give your name. Any time, day or night."


@pytest.fixture(scope="module")
def project_copy():
    folder = Path(tempfile.mkdtemp(prefix="gate-properties-"))
    for part in ("materials", "templates", "translations"):
        shutil.copytree(PROJECT_ROOT / part, folder / part, ignore=shutil.ignore_patterns("*.mo"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_no_generated_attack_reaches_a_pdf(project_copy, data):
    run_digits = data.draw(digit_run(least=7))
    attack = "Gratis " + run_digits + " " + data.draw(words)
    if data.draw(st.booleans()):
        attack = inject(data.draw, attack, hidden)
    catalog = project_copy / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    original = catalog.read_bytes()
    out = Path(tempfile.mkdtemp(prefix="gate-properties-out-"))
    try:
        set_translation(catalog, MESSAGE, attack)
        run = run_cli(project_copy, "build", "--lang", "es", "--material", "wallet_card", "--out", str(out))
        assert run.code == 1, attack
        written = list(out.rglob("*.pdf"))
        for pdf in written:  # none is expected; if one were, it must not carry the typed digits
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
            assert "Gratis" not in text
        assert written == [], attack
    finally:
        catalog.write_bytes(original)
        shutil.rmtree(out, ignore_errors=True)


def test_a_list_of_section_numbers_in_a_statute_is_not_a_phone_number():
    """Lenient (law wording): "Sections 25, 26, 28, 32, 69, 71" is a list; 1,800,373,7888 and
    1·800·373·7888 are one number. Strict (translations) still refuses the list's digits."""
    from awareness.text.numbers import typed_numbers

    assert typed_numbers("Sections 25, 26, 28, 32, 69, 71 of the Code", strict=False) == []
    assert [found.digits for found in typed_numbers("call 1,800,373,7888", strict=False)] == ["18003737888"]
    assert [found.digits for found in typed_numbers("call 1·800·373·7888", strict=False)] == ["18003737888"]
    assert typed_numbers("Sections 25, 26, 28, 32, 69, 71", strict=True)
