"""Thirty-four languages as a native reader meets them: line breaks between words (th, lo, km,
my) and phrases (ja, zh), with kinsoku and no one-character last line; the Korean text form;
Haitian and Tagalog names and dates in the language itself; no promise of confidentiality on
the materials a child may read; and every language built and read back."""

from __future__ import annotations

import datetime
import itertools
import re
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from babel.messages.pofile import read_po

from awareness.i18n.glossary import glossary_for
from awareness.i18n.languages import Language, catalog_dir_name
from awareness.i18n.linebreak import WORD_JOINER, ZERO_WIDTH_SPACE, insert_break_hints, keep_phrases, mark_word_breaks
from awareness.load.project import load_project
from awareness.load.yamlsafe import load_yaml
from awareness.pipeline.resolve import proof_note
from awareness.render.pdf import PdfWriter
from awareness.verify.readback import read_pdf

from .conftest import PROJECT_ROOT, run_cli, shared_build
from .pdfinspect import misdeclared, tag_tree_text

LANGUAGES = load_yaml(PROJECT_ROOT / "materials" / "regions.yaml")["us"]["languages"]
NUMBER = "1-888-373-7888"
HAN_OR_KANA = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@cache
def catalog(lang: str):  # type: ignore[no-untyped-def]
    with (PROJECT_ROOT / "translations" / catalog_dir_name(lang) / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def translated(lang: str, msgid: str, context: str | None = None) -> str:
    message = catalog(lang).get(msgid, context=context)
    assert message is not None and message.string, f"{msgid!r} not translated in {lang}"
    return str(message.string)


# Known sentences of the catalogs, with words a dictionary knows that must never be split.
HEADING = "Need someone to talk to?"
LINE = "Free. You do not have to give your name. Any time, day or night."
KNOWN_WORDS = {
    "th": {HEADING: ["ต้องการ", "คุย", "ด้วย"], LINE: ["ฟรี", "ต้อง", "ชื่อ", "เวลา", "กลางวัน", "กลางคืน"]},
    "lo": {HEADING: ["ຕ້ອງການ", "ຄົນ"], LINE: ["ເວລາ", "ກາງເວັນ", "ກາງຄືນ", "ຊື່"]},
    "km": {HEADING: ["និយាយ", "ជាមួយ", "នរណា", "ម្នាក់"], LINE: ["ឥតគិតថ្លៃ", "ចាំបាច់", "ប្រាប់", "ឈ្មោះ", "គ្រប់"]},
    "my": {HEADING: ["စကားပြော"], LINE: ["အမည်", "အချိန်", "မလို", "မရွေး"]},
    "ja": {HEADING: ["だれかに", "話したい", "ですか"], LINE: ["名前", "言わなくても", "大丈夫", "いつでも", "話せます"]},
    "zh-Hans": {HEADING: ["需要", "找人", "说话"], LINE: ["免费", "不用", "名字", "白天", "晚上", "可以"]},
}
HINTED = ("lo", "km", "my", "ja", "zh-Hans")  # Thai is broken at words by Pango itself (libthai)


def break_opportunities(hinted: str, cjk: bool) -> tuple[str, set[int]]:
    """The text without hints, and where a line may break in it: after a space, at a ZERO
    WIDTH SPACE, and (Chinese, Japanese) between two Han or kana not held by a WORD JOINER."""
    plain: list[str] = []
    where: set[int] = set()
    joined = False
    for char in hinted:
        if char == WORD_JOINER:
            joined = True
            continue
        if char == ZERO_WIDTH_SPACE:
            where.add(len(plain))
            continue
        if plain and not joined and (plain[-1].isspace() or (cjk and HAN_OR_KANA.match(plain[-1]) and HAN_OR_KANA.match(char))):
            where.add(len(plain))
        plain.append(char)
        joined = False
    return "".join(plain), where


def _inside(text: str, word: str, where: set[int]) -> list[int]:
    spans = [match.start() for match in re.finditer(re.escape(word), text)]
    assert spans, f"{word!r} not in {text!r}"
    return [position for start in spans for position in where if start < position < start + len(word)]


@pytest.mark.parametrize("lang", HINTED)
def test_break_hints_fall_between_the_words_a_dictionary_knows(lang):
    base = lang.split("-")[0]
    for msgid, words in KNOWN_WORDS[lang].items():
        text = translated(lang, msgid)
        hinted = keep_phrases(text, base) if base in ("ja", "zh") else mark_word_breaks(text, base)
        plain, where = break_opportunities(hinted, base in ("ja", "zh"))
        assert plain == text, "the hints change nothing but where a line may break"
        inside_words = [p for p in where if p > 0 and not plain[p - 1].isspace()]
        assert inside_words, f"no break opportunity between two words of {text!r}: the line would overflow"
        for word in words:
            assert not _inside(plain, word, where), f"{lang}: a line may break inside {word!r} in {hinted!r}"


def test_japanese_phrases_that_broke_before_stay_whole():
    """The defects the issue quotes: "…送ってくださ / い" and "い / つでも"."""
    for phrase in ("ください", "いつでも"):
        texts = [str(m.string) for m in catalog("ja") if m.id and isinstance(m.string, str) and phrase in m.string]
        assert texts, phrase
        for text in texts:
            plain, where = break_opportunities(keep_phrases(text, "ja"), cjk=True)
            assert not _inside(plain, phrase, where), text


FONTS = {
    "th": "Noto Sans Thai",
    "lo": "Noto Sans Lao",
    "km": "Noto Sans Khmer",
    "my": "Noto Sans Myanmar",
    "ja": "Noto Sans CJK JP",
    "zh-Hans": "Noto Sans CJK SC",
}
WIDTHS_EM = range(3, 14)
NO_LINE_STARTS = set("、。，．,.？！?!：；:;」』）)]｝〉》ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NO_LINE_ENDS = set("「『（([｛〈《")


@pytest.fixture(scope="module")
def narrow_columns(tmp_path_factory):
    """The known sentences laid out by the project's writer (break hints, /ActualText) in
    columns 3 to 13 em wide, one page each, read back line by line with PDFium."""
    PdfWriter(PROJECT_ROOT / "templates", [])  # installs the writer's /ActualText for each text run
    out = tmp_path_factory.mktemp("columns")

    def lines(lang: str, msgid: str) -> list[list[str]]:
        text = translated(lang, msgid)
        pages = "".join(f'<div style="width: {w}em; page-break-after: always">{text}</div>' for w in WIDTHS_EM)
        html = (
            f'<html lang="{lang}"><head><title>{lang}</title><style>@page {{ size: 3in 6in; margin: 0.1in }}'
            f' body {{ font: 10pt "{FONTS[lang]}" }}</style></head><body>{pages}</body></html>'
        )
        from weasyprint import HTML

        path = out / f"{lang}-{len(msgid)}.pdf"
        path.write_bytes(HTML(string=insert_break_hints(html, lang)).write_pdf(pdf_variant="pdf/ua-1"))
        document = pdfium.PdfDocument(path)
        try:
            return [page.get_textpage().get_text_range().replace("\r\n", "\n").split("\n") for page in document]
        finally:
            document.close()

    return lines


@pytest.mark.parametrize("lang", FONTS)
def test_laid_out_lines_break_between_words_keep_kinsoku_and_no_lone_last_character(narrow_columns, lang):
    for msgid, words in KNOWN_WORDS[lang].items():
        text = translated(lang, msgid)
        squeezed = "".join(text.split())
        for width, lines in zip(WIDTHS_EM, narrow_columns(lang, msgid), strict=True):
            copied = "".join("".join(lines).split())
            assert copied == squeezed, f"{lang} at {width}em: the text a reader copies differs: {lines}"
            ends, position = set(), 0
            for line in lines[:-1]:
                position += len("".join(line.split()))
                ends.add(position)
            for word in words:
                assert not _inside(squeezed, word, ends), f"{lang} at {width}em: a line breaks inside {word!r}: {lines}"
            assert len("".join(lines[-1].split())) > 1 or len(lines) == 1, f"{lang} at {width}em: one-character last line {lines}"
            for before, after in itertools.pairwise(lines):
                assert after.strip()[:1] not in NO_LINE_STARTS, f"{lang} at {width}em: a line starts with {after[:1]!r}: {lines}"
                assert before.strip()[-1:] not in NO_LINE_ENDS, f"{lang} at {width}em: a line ends with {before[-1:]!r}: {lines}"


def test_every_language_names_languages_and_dates_in_itself():
    """No language prints another language's names, months or lists (Tagalog once printed
    "English at Spanish", Haitian "anglais et espagnol" or "en, es")."""
    project = load_project(PROJECT_ROOT)
    english = project.languages["en"].language
    day = datetime.date(2026, 11, 22)
    for tag in LANGUAGES:
        if tag == "en":
            continue
        language = project.languages[tag].language
        names = [language.language_name(other) for other in ("en", "es")]
        assert names[0] != english.language_name("en") and names[1] != english.language_name("es"), (tag, names)
        listed = language.format_list(names)
        french = tag == "fr"  # French words are right only in French
        assert " and " not in listed and (french or " et " not in listed) and "en, es" not in listed, (tag, listed)
        date = language.format_date(day)
        assert "November" not in date and (french or "novembre" not in date) and "M11" not in date, (tag, date)


@pytest.fixture(scope="module")
def posters(tmp_path_factory) -> Path:
    """Posters in the languages whose forms depend on inserted values or supplied locale data."""
    args = ["build", "--material", "poster", "--lang", "ko", "--lang", "ht", "--lang", "tl"]
    run, out = shared_build(tmp_path_factory, "language-posters", *args)
    assert run.code == 0, run.stderr[-3000:]
    return out / "default" / "us"


BIDI_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))  # around each number: kept, not compared


def _text(pdf: Path) -> str:
    return unicodedata.normalize("NFC", " ".join(read_pdf(pdf, decode_qr=False).text.translate(BIDI_ISOLATES).split()))


@pytest.mark.slow
def test_korean_prints_the_final_form_not_a_form_letter_particle(posters):
    text = _text(posters / "ko" / "poster.pdf")
    assert not re.search(r"\((이|을|를|은|는|가|과|와|으)\)", text), text
    assert "HELP라고" in text  # the particle the catalog chose for the keyword, printed as written
    assert translated("ko", "Text HELP to %(number)s", context="keyword HELP").replace("%(number)s", "233733") in text


@pytest.mark.slow
def test_haitian_and_tagalog_pages_print_names_and_dates_in_their_language(posters):
    haitian, tagalog = _text(posters / "ht" / "poster.pdf"), _text(posters / "tl" / "poster.pdf")
    assert "angle ak panyòl" in haitian, haitian
    assert re.search(r"\d{1,2} (janvye|fevriye|mas|avril|me|jen|jiyè|out|septanm|oktòb|novanm|desanm) \d{4}", haitian), haitian
    assert "Ingles at Espanyol" in tagalog, tagalog
    assert re.search(
        r"(Enero|Pebrero|Marso|Abril|Mayo|Hunyo|Hulyo|Agosto|Setyembre|Oktubre|Nobyembre|Disyembre) \d{1,2}, \d{4}", tagalog
    )
    for wrong in ("anglais", "espagnol", "novembre", "English", "Spanish", "en, es", " M11 ", "November"):
        assert wrong not in haitian and wrong not in tagalog, wrong


# Materials a child may read (audience survivors or children): the hotline may have to report.
CHILD_MATERIALS = [
    name
    for name in ("wallet_card", "palm_card", "restroom_sticker", "poster", "handout")
    if load_yaml(PROJECT_ROOT / "materials" / f"{name}.yaml").get("audience", "public") != "public"
]
QUALIFIED = "What you say stays private. If a child is in danger, the hotline may have to tell the authorities."


def _child_msgids() -> list[str]:
    """Messages printed on the child materials: their own text, and the template pieces they use."""
    with (PROJECT_ROOT / "translations" / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    wanted = [f"materials/{name}.yaml" for name in CHILD_MATERIALS] + [f"templates/{name}.html" for name in CHILD_MATERIALS]
    return [str(m.id) for m in template if m.id and isinstance(m.id, str) and any(f in wanted for f, _line in m.locations)]


@pytest.mark.parametrize("lang", [tag for tag in LANGUAGES if tag != "en"])
def test_child_materials_promise_no_confidentiality_and_the_qualified_promise_is_translated(lang):
    assert CHILD_MATERIALS == ["wallet_card", "palm_card", "restroom_sticker"]
    glossary = glossary_for(PROJECT_ROOT / "translations" / catalog_dir_name(lang) / "LC_MESSAGES" / "messages.po")
    assert glossary is not None
    terms = [term for term in glossary.terms if term.source in ("confidential", "anonymous")]
    assert len(terms) == 2, lang
    msgids = _child_msgids()
    assert len(msgids) >= 5
    for msgid in msgids:
        assert not re.search(r"confidential|anonymous", msgid, re.I), msgid
        folded = unicodedata.normalize("NFC", translated(lang, msgid)).casefold()
        for term in terms:
            assert not term.target_pattern.search(folded), f"{lang}: {msgid!r} says {term.source!r} on a child's material"
    qualified = translated(lang, QUALIFIED)
    assert qualified != QUALIFIED and not catalog(lang)[QUALIFIED].fuzzy


@pytest.fixture(scope="module")
def cards(tmp_path_factory) -> Path:
    """The wallet card (the cheapest material) in all 34 languages, one build."""
    run, out = shared_build(tmp_path_factory, "language-cards", "build", "--material", "wallet_card")
    assert run.code == 0, run.stderr[-3000:]
    assert f"Built {len(LANGUAGES)} of {len(LANGUAGES)} outputs" in run.stderr
    return out / "default" / "us"


WALLET_MESSAGES = [
    "Need someone to talk to?",
    "Free. You do not have to give your name. Any time, day or night.",
    "Are you afraid to leave?",
]


def _squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).translate(BIDI_ISOLATES).split())


def _letters(text: str) -> str:
    """Letters and digits only: in the glyph layer, a vowel mark (Arabic tanwin) may move
    beside its letter and Persian's zero-width non-joiner has no glyph."""
    return "".join(char for char in unicodedata.normalize("NFC", text) if unicodedata.category(char)[0] in "LN")


def _words_in_reading_order(expected: str, text: str) -> list[str]:
    """The words of `expected` whose letters are not in `text` in reading order."""
    found = {_letters(word) for word in text.replace("\u200c", " ").split()} | {_letters(text)}
    return [
        word
        for word in map(_letters, expected.replace("\u200c", " ").split())
        if word and not any(word in letters for letters in found)
    ]


RIGHT_TO_LEFT = {"ar", "fa", "ur", "he", "ps"}


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_prints_every_glyph_the_number_in_order_and_the_catalog_text(cards, lang):
    pdf = read_pdf(cards / lang / "wallet_card.pdf", decode_qr=False)
    assert pdf.missing_glyphs == [] and pdf.unembedded_fonts == []
    assert any(NUMBER in line for line in pdf.visual_lines), pdf.visual_lines
    copied = _squeeze(pdf.text)
    assert WORD_JOINER not in copied and ZERO_WIDTH_SPACE not in copied, "break hints in the text a reader copies"
    for msgid in WALLET_MESSAGES:
        expected = msgid if lang == "en" else translated(lang, msgid)
        if lang in RIGHT_TO_LEFT:
            # PDFium reads a right-to-left run's glyphs and puts them in reading order itself
            # (it reversed every word while the runs carried their text as marked content).
            missing = _words_in_reading_order(expected, pdf.text)
            assert not missing, f"{lang}: {missing} of {expected!r} not in the text layer in reading order"
        else:
            assert _squeeze(expected) in copied, f"{lang}: {expected!r} not in the text layer"
    # The back's call label stays on the line of its number (Tagalog, Ukrainian wrapped it alone):
    # letters of body size (not the QR caption's small print) beside the number's digits.
    number = [c for c in pdf.chars[1] if c.char.isdigit() and c.size_pt >= 11]
    assert number, "no number on the back"
    top, bottom = max(c.top for c in number), min(c.bottom for c in number)
    label = [c for c in pdf.chars[1] if c.char.isalpha() and c.size_pt >= 7 and c.bottom < top and c.top > bottom]
    assert label, f"{lang}: the call label is not on its number's line: {pdf.page_lines[1]}"


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_tag_tree_reads_the_catalog_text_exactly_in_reading_order(cards, lang):
    """What a screen reader reads (pikepdf, through the structure tree and /ActualText):
    every run readable, the catalog's text exactly (Devanagari and Thai clusters, Arabic
    marks, Persian's zero-width non-joiners), right-to-left text in logical order, and the
    English proof note declared English."""
    pieces = tag_tree_text(cards / lang / "wallet_card.pdf")
    unreadable = [piece.role for piece in pieces if piece.text is None]
    assert not unreadable, f"{lang}: text with no /ActualText in the tag tree: {unreadable}"
    spoken = _squeeze("".join(piece.text or "" for piece in pieces))
    for msgid in WALLET_MESSAGES:
        expected = msgid if lang == "en" else translated(lang, msgid)
        assert _squeeze(expected) in spoken, f"{lang}: {expected!r} not in the tag tree"
    note = proof_note_lines(lang)
    wrong = misdeclared(pieces, lang, note)
    assert not wrong, f"{lang}: declared in another language: {wrong}"
    english = [piece for piece in pieces if piece.lang == "en" and piece.text and piece.text.strip()]
    if lang != "en":
        assert english, f"{lang}: the English proof note is not declared English"


def proof_note_lines(lang: str) -> str:
    return proof_note(Language(lang))


POPPLER_DIRECTION_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_poppler_reads_the_catalog_text_in_every_script(cards, lang):
    """An independent extractor (poppler's pdftotext, as in Evince and most Linux viewers):
    left-to-right scripts exactly as the catalog has them (the runs' /ActualText);
    right-to-left scripts from their glyphs, every word's letters in reading order."""
    result = subprocess.run(["pdftotext", str(cards / lang / "wallet_card.pdf"), "-"], capture_output=True, text=True, check=True)
    text = result.stdout.translate(POPPLER_DIRECTION_MARKS)
    for msgid in WALLET_MESSAGES:
        expected = msgid if lang == "en" else translated(lang, msgid)
        if lang in RIGHT_TO_LEFT:
            missing = _words_in_reading_order(expected, text)
            assert not missing, f"{lang}: {missing} of {expected!r} not read by poppler in reading order"
        else:
            assert _squeeze(expected) in _squeeze(text), f"{lang}: {expected!r} not read by poppler"


OTHER_MATERIALS = ["palm_card", "poster_large", "restroom_sticker", "tearoff_poster", "handout_large_print"]


@pytest.mark.slow
def test_every_language_builds_every_material(tmp_path):
    """The materials the default campaign does not build (it covers poster, card and handout),
    in all 34 languages: each laid out within its minimum type, written and read back (glyphs,
    numbers in order, QR codes) by the build itself."""
    selected = [arg for material in OTHER_MATERIALS for arg in ("--material", material)]
    run = run_cli(PROJECT_ROOT, "build", "--campaign", "every-language", *selected, "--out", str(tmp_path))
    expected = len(OTHER_MATERIALS) * len(LANGUAGES)
    assert run.code == 0, run.stderr[-3000:]
    assert f"Built {expected} of {expected} outputs" in run.stderr
    assert len(list(tmp_path.rglob("*.pdf"))) == expected


def test_a_short_last_word_is_held_to_the_word_before_it():
    page = (
        "<html><head><style>p{}</style></head><body><p>Any time, day or night.</p><li>आपको नाम बताने की ज़रूरत नहीं है।</li>"
        '<h2>What you can do</h2><p>Call <span data-v="1">911</span> now.</p><span class="qr-caption">Eskane sit la</span></body>'
    )
    hinted = insert_break_hints(page, "hi")
    assert "नहीं\u00a0है।" in hinted and "can\u00a0do" in hinted and "sit\u00a0la" in hinted
    assert "or night." in hinted and '<span data-v="1">911</span> now.' in hinted  # five letters; a word after a value
    assert "\u00a0" not in insert_break_hints(page, "th")  # Thai does not separate its words with spaces
