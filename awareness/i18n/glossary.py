"""Per-language glossaries: the words a language uses for this field's terms (trafficking,
hotline, forced work, confidential, anonymous, text message), so that every material says
"hotline" the same way and no translation drifts into a word that means something else.

Each language keeps `translations/<lang>/glossary.csv`, in the CSV form Weblate imports and
exports for glossaries: a header `source,target,developer_comments`, one term per row.

The check: a message whose English contains a glossary term (as a word, any case, plural
"s"/"es" allowed) must contain the term's target in its translation. The target is matched
as text, case-folded, anywhere in a word (Arabic and Hebrew attach articles and prepositions
in front); a `*` at the end of a target word stands for any ending, for languages that
inflect ("торговл* людьми" matches "торговли людьми" and "торговля людьми"). A message that
does not use the term is a contradicted glossary: an error, because the page would say
something the reviewed glossary does not.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..files import record_read
from ..load.yamlsafe import read_text_file
from ..model.diagnostics import Location, ProjectError, Severity

GLOSSARY_FILE = "glossary.csv"
COLUMNS = ("source", "target", "developer_comments")
MAX_GLOSSARY_BYTES = 1_000_000


@dataclass(frozen=True)
class Term:
    source: str  # the English term
    target: str  # this language's term; "*" ends a word that inflects
    note: str  # for translators: when to use it, what to avoid
    line: int

    @property
    def source_pattern(self) -> re.Pattern[str]:
        return _source_pattern(self.source)

    @property
    def target_pattern(self) -> re.Pattern[str]:
        return _target_pattern(self.target)


@dataclass(frozen=True)
class Glossary:
    path: Path
    terms: tuple[Term, ...]

    def findings(self, source: str, translation: str) -> Iterator[tuple[str, Severity, str]]:
        """A contradicted term in one translated text, as (code, severity, text)."""
        folded = _fold(translation)
        for term in self.terms:
            if term.source_pattern.search(source) and not term.target_pattern.search(folded):
                yield (
                    "glossary.term",
                    Severity.ERROR,
                    f"{_short(source)}: the glossary ({self.path.name}, line {term.line}) translates {term.source!r} "
                    f"as {term.target!r}, and this translation does not use it",
                )


def glossary_path(catalog_path: Path) -> Path:
    """`translations/<lang>/LC_MESSAGES/messages.po` -> `translations/<lang>/glossary.csv`."""
    return catalog_path.parent.parent / GLOSSARY_FILE


def glossary_for(catalog_path: Path) -> Glossary | None:
    """The language's glossary, or None where it has none yet."""
    path = glossary_path(catalog_path)
    if not path.is_file():
        return None
    record_read(path)
    stat = path.stat()
    return _load(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load(path: Path, _mtime: int, _size: int) -> Glossary:
    text = read_text_file(path, MAX_GLOSSARY_BYTES, code="glossary")
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None or tuple(cell.strip() for cell in header[:2]) != COLUMNS[:2]:
        raise ProjectError.of(
            "glossary.header",
            f"the first line must be the header {','.join(COLUMNS)} (Weblate's glossary CSV)",
            Location(path, 1),
        )
    terms = []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise ProjectError.of("glossary.row", "each row needs a source term and its target", Location(path, number))
        terms.append(
            Term(row[0].strip(), unicodedata.normalize("NFC", row[1].strip()), row[2].strip() if len(row) > 2 else "", number)
        )
    return Glossary(path, tuple(terms))


@lru_cache(maxsize=256)
def _source_pattern(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(rf"(?<![\w-]){words}(?:e?s)?(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=256)
def _target_pattern(term: str) -> re.Pattern[str]:
    parts = []
    for word in _fold(term).split():
        parts.append(re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word))
    return re.compile(r"\s+".join(parts))


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()
