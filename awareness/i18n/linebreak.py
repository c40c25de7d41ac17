"""Line breaking as a native reader expects, prepared before layout.

Pango, which lays the text out, breaks Thai at words (libthai) but Lao, Khmer and Burmese only
at spaces, and Chinese and Japanese between any two characters, Korean between syllables. So,
in the text of the page's body (never in attributes or placeholder values):

- Lao, Khmer, Burmese: ICU's line-break opportunities (dictionary words, and never before a
  full stop such as Khmer ។ or Burmese ။) get a ZERO WIDTH SPACE, a break opportunity that
  draws nothing; in Burmese never inside a syllable (before a letter that an asat or a
  virama closes or stacks), nor after the negative prefix မ (မ / လို splits "need not");
- Japanese and Chinese: BudouX phrases are held together with WORD JOINERs (no break inside a
  phrase, so no "送ってくださ / い"), and kinsoku stays Pango's (punctuation ends a phrase);
- Korean: the syllables of a word are held together with WORD JOINERs (CSS keep-all, which
  WeasyPrint lacks);
- every language that separates words with spaces: a block's last word of three letters or
  fewer is held to the word before it with a NO-BREAK SPACE (no "है।" or "do?" alone on a
  line); not on a page whose body is marked `data-verbatim` (a law's notice, whose words and
  spaces are the statute's).

The joiner and the zero width space are default-ignorable: they are not drawn and do not
appear in the text a reader copies from the PDF (the read-back tests prove it); the no-break
space is a space.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from functools import cache

WORD_JOINER = "\u2060"
ZERO_WIDTH_SPACE = "\u200b"
# Our own break hints, for layout only: taken out of every text a reader gets (PDF text layer, exports).
BREAK_HINTS = dict.fromkeys(map(ord, WORD_JOINER + ZERO_WIDTH_SPACE))
MAX_PHRASE = 14  # a longer phrase may break inside rather than overflow its line
NO_BREAK_SPACE = "\u00a0"
SHORT_LAST_WORD = 3  # letters: a block's last line of one word that short looks like a mistake
UNSPACED = {"th", "lo", "km", "my", "ja", "zh"}  # words are not separated by spaces
# The text that ends a block (a paragraph, list item, heading, cell) or a span (a caption, a
# line's name: set as blocks by the stylesheet), up to its closing tag.
_VERBATIM = re.compile(r"[^>]*\bdata-verbatim\b")  # in the body's start tag: a law's words, as they are
_BLOCK_END_TEXT = re.compile(r"[^<>]+(?=</(?:p|li|h[1-6]|dd|dt|td|th|figcaption|span)>)")

_TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_WITHIN_HANGUL_WORD = re.compile("(?<=[\uac00-\ud7a3])(?=[\uac00-\ud7a3(])|(?<=\\))(?=[\uac00-\ud7a3])")
_HAN_OR_KANA = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
DICTIONARY_SCRIPTS = {"lo": "[\u0e80-\u0eff]", "km": "[\u1780-\u17ff]", "my": "[\u1000-\u109f]"}


def insert_break_hints(html: str, tag: str) -> str:
    """The page with the break hints of its language in the body's text."""
    base = tag.split("-")[0]
    joiner = _joiner_for(base)
    head, body_start, body = html.partition("<body")
    if not body_start:
        return html
    if joiner is not None:
        body = _apply_to_text(body, joiner)
    if base not in UNSPACED and not _VERBATIM.match(body):
        body = _BLOCK_END_TEXT.sub(lambda match: keep_last_word(match.group(0)), body)
    return head + body_start + body


def keep_last_word(text: str) -> str:
    """A short last word ("do?", "है।") held to the word before it with a no-break space, so
    that a paragraph, list item or heading never ends on a line of its own that short."""
    kept = text.rstrip()
    before, space, last = kept.rpartition(" ")
    letters = sum(1 for char in last if unicodedata.category(char)[0] == "L")
    if not space or not before.strip() or not 0 < letters <= SHORT_LAST_WORD:
        return text
    return before + NO_BREAK_SPACE + last + text[len(kept) :]


def _joiner_for(base: str) -> Callable[[str], str] | None:
    if base == "ko":
        return keep_hangul_words
    if base in ("ja", "zh"):
        return lambda text: keep_phrases(text, base)
    if base in DICTIONARY_SCRIPTS:
        return lambda text: mark_word_breaks(text, base)
    return None


def _apply_to_text(body: str, change: Callable[[str], str]) -> str:
    """Change text nodes only, and not inside placeholder values (numbers, addresses) or style."""
    parts: list[str] = []
    skip_depth = 0
    for match in _TAG_OR_TEXT.finditer(body):
        part = match.group(0)
        if part.startswith("<"):
            if skip_depth:
                skip_depth += -1 if part.startswith("</") else 0 if part.endswith("/>") else 1
            elif "data-v" in part or part.startswith("<style"):
                skip_depth = 1
            parts.append(part)
        else:
            parts.append(part if skip_depth else change(part))
    return "".join(parts)


def keep_hangul_words(text: str) -> str:
    if not _HANGUL.search(text):
        return text
    return _WITHIN_HANGUL_WORD.sub(WORD_JOINER, text)


@cache
def _budoux_parser(base: str):  # type: ignore[no-untyped-def]
    import budoux

    return budoux.load_default_japanese_parser() if base == "ja" else budoux.load_default_simplified_chinese_parser()


def keep_phrases(text: str, base: str) -> str:
    if not _HAN_OR_KANA.search(text):
        return text
    phrases = _budoux_parser(base).parse(text)
    return "".join(WORD_JOINER.join(phrase) if len(phrase) <= MAX_PHRASE else phrase for phrase in phrases)


@cache
def _line_iterator(base: str):  # type: ignore[no-untyped-def]
    import icu

    return icu.BreakIterator.createLineInstance(icu.Locale(base))


MYANMAR_CLOSING = "\u103a\u1039"  # asat and virama: they close or stack the letter before them


MYANMAR_NEGATION = "\u1019"  # မ: the negative prefix binds to its verb (မလို, မရွေး: "not need", "any")


def _after_negation(before: str) -> bool:
    """A Burmese break right after the negative prefix, which ICU's dictionary leaves as a word of its own."""
    return before == MYANMAR_NEGATION or before.endswith((" " + MYANMAR_NEGATION, ZERO_WIDTH_SPACE + MYANMAR_NEGATION))


def _inside_syllable(before: str, after: str) -> bool:
    """A Burmese break that would split a syllable: before a letter closed by an asat or stacked
    with a virama (ချ|တ်), or right after a virama."""
    return before.endswith("\u1039") or (len(after) > 1 and after[1] in MYANMAR_CLOSING)


def mark_word_breaks(text: str, base: str) -> str:
    script = re.compile(DICTIONARY_SCRIPTS[base])
    if not script.search(text):
        return text
    iterator = _line_iterator(base)
    iterator.setText(text)
    boundaries = list(iterator)
    pieces, last = [], 0
    for boundary in boundaries:
        pieces.append(text[last:boundary])
        last = boundary
    out = [pieces[0]] if pieces else []
    for before, after in itertools.pairwise(pieces):
        # A break opportunity between two words of the script; spaces already are one.
        if (
            before
            and after
            and script.search(before[-1])
            and script.search(after[0])
            and not (base == "my" and (_inside_syllable(before, after) or _after_negation(before)))
        ):
            out.append(ZERO_WIDTH_SPACE)
        out.append(after)
    return "".join(out)
