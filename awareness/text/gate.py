"""The gate on a rendered page: what is about to be printed, read as text, before layout.

Every value filled into a placeholder (registry numbers, dates, counts) is marked `data-v` by
the translator and the filters; the text outside those marks is what translators, material
authors and law files typed. That text may hold no character that cannot be trusted and no
digits that could be dialled. Together with the catalog checks of each message the page uses,
this is the one gate every output passes; there is no path to a PDF around it.
"""

from __future__ import annotations

from html.parser import HTMLParser

from ..model.diagnostics import Diagnostic, Location, Severity
from ..model.hotline import KnownBadNumber, known_bad_in
from .numbers import FoundNumber, typed_numbers
from .trust import untrusted_characters

_SKIPPED = frozenset({"style", "script", "title", "head"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _TypedText(HTMLParser):
    """Collects the page's text outside placeholder values, style and head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: is it (or an ancestor) skipped?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        inherited = bool(self._stack) and self._stack[-1]
        self._stack.append(inherited or tag in _SKIPPED or any(name == "data-v" for name, _ in attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)


def typed_text(html: str) -> str:
    parser = _TypedText()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


class _BodyText(_TypedText):
    """All of the body's text, placeholder values included (what layout must show)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        inherited = bool(self._stack) and self._stack[-1]
        self._stack.append(inherited or tag in _SKIPPED)


def body_text(html: str) -> str:
    parser = _BodyText()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


def gate_page(
    html: str, where: Location | None, item: str, known_bad: list[KnownBadNumber], strict: bool = True
) -> list[Diagnostic]:
    """Diagnostics for typed numbers and untrusted characters in the page's own text.
    `strict`: any three digits count (materials); else only phone-like runs (statutes)."""
    text = typed_text(html)
    found: list[Diagnostic] = []
    for problem in dict.fromkeys(untrusted_characters(text, allow_newlines=True)):
        found.append(
            Diagnostic("text.untrusted", f"the page would print an untrusted character: {problem}", Severity.ERROR, where, item)
        )
    for number in typed_numbers(text, strict):
        found.append(Diagnostic("number.typed", _typed_message(number, known_bad), Severity.ERROR, where, item))
    return found


def _typed_message(number: FoundNumber, known_bad: list[KnownBadNumber]) -> str:
    bad = known_bad_in(number.digits, known_bad)
    if bad:
        return (
            f"the page would print {number.text!r}, the known wrong number {bad.form} ({bad.why}); "
            f"the correct number is {bad.correct}"
        )
    return (
        f"the page would print a number typed into its text ({number.text!r}); numbers are printed "
        "from the registry through placeholders only"
    )
