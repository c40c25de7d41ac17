"""Catalogs: PO files read strictly, kept by content, and the translators' extract/update.

A catalog is read straight from its `.po` (Poedit, Weblate): there is no compiled `.mo` to go
stale, so a corrected PO file is what prints, always. A parsed catalog is cached by the hash of
its bytes. A PO file is refused, with its line, when it is not UTF-8 (or declares another
charset), has a line that is not PO syntax, or is too large.
"""

from __future__ import annotations

import datetime
import gettext
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2.ext
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

from ..files import atomic_write_bytes
from ..load.materialtext import material_text
from ..load.yamlsafe import load_yaml, location_of, read_text_file
from ..model.diagnostics import Collector, Location, ProjectError
from ..model.material import default_name
from ..model.paths import DOMAINS, MATERIALS_DOMAIN, ProjectPaths
from .languages import catalog_dir_name, cldr_locale, parse_tag

PROJECT_NAME = "awareness-materials"
COMMENT_TAGS = ("Translators:",)
MAX_PO_BYTES = 8 * 1024 * 1024
# Translatable fields of the registries: the rest (numbers, addresses, sources) never is.
REGISTRY_FIELDS = {"hotlines.yaml": ("name", "about"), "organizations.yaml": ("about",)}
MessageKey = tuple[str | None, str]  # (context, msgid)
Message = tuple[
    str | tuple[str, str], str, int, list[str], str | None
]  # msgid (or singular, plural), file, line, comments, context

# Babel's PO reader is lenient (an unterminated string passes); these are the only line
# shapes a PO file may have, so a line of any other shape is a syntax error.
_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf"^\s*(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_PO_STRING}|{_PO_STRING})?\s*$")
_CHARSET = re.compile(r'^"Content-Type:[^"]*charset=([^"\\;\s]+)', re.MULTILINE | re.IGNORECASE)
_REVIEW_LINE = re.compile(r"^#\s*(Review-State|Reviewed-By|Reviewed-On):[ \t]*(.*?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ReviewState:
    """From the catalog's header comment: `Review-State`, `Reviewed-By`, `Reviewed-On`.
    A review counts only with a reviewer and a real date that is not in the future."""

    state: str = "draft"
    reviewer: str = ""
    date: datetime.date | None = None
    problem: str | None = None  # why the header does not count as a review

    @property
    def reviewed(self) -> bool:
        return self.state == "reviewed" and self.problem is None

    def __str__(self) -> str:
        if self.state == "source":
            return "source text"
        return f"reviewed by {self.reviewer} on {self.date}" if self.reviewed else "draft, not reviewed"

    def as_dict(self) -> dict[str, str | bool | None]:
        return {
            "state": self.state,
            "reviewed": self.reviewed,
            "reviewer": self.reviewer,
            "date": self.date.isoformat() if self.date else None,
            "problem": self.problem,
        }


def parse_review(header: str, today: datetime.date) -> ReviewState:
    lines = _REVIEW_LINE.findall(header)
    found = dict(lines)
    repeated = sorted({name for name, _value in lines if sum(1 for other, _ in lines if other == name) > 1})
    if repeated:
        return ReviewState("draft", found.get("Reviewed-By", ""), None, f"{repeated[0]} is given twice; keep one line")
    state, reviewer, date_text = found.get("Review-State", "draft"), found.get("Reviewed-By", ""), found.get("Reviewed-On", "")
    if state not in ("draft", "reviewed"):
        return ReviewState("draft", reviewer, None, f"Review-State is '{state}'; write draft or reviewed")
    if state == "draft":
        return ReviewState("draft", reviewer)
    if not reviewer.strip():
        return ReviewState(state, reviewer, None, "Review-State is reviewed, but Reviewed-By names no reviewer")
    try:
        date = datetime.date.fromisoformat(date_text)
    except ValueError:
        return ReviewState(state, reviewer, None, f"Reviewed-On '{date_text}' is not a date (write YYYY-MM-DD)")
    if date > today:
        return ReviewState(state, reviewer, date, f"Reviewed-On {date} is in the future")
    return ReviewState(state, reviewer, date)


@dataclass(frozen=True, eq=False)  # one object per catalog content: compared and hashed by identity
class CatalogData:
    """One language's catalog, parsed: what the renderer looks messages up in."""

    tag: str
    path: Path
    sha256: str
    catalog: Catalog
    review: ReviewState
    strings: dict[MessageKey, str | tuple[str, ...]] = field(default_factory=dict)  # translated, not fuzzy
    lines: dict[MessageKey, int] = field(default_factory=dict)  # line of each msgstr
    plural: Callable[[int], int] = field(default=lambda n: int(n != 1))

    def get(self, key: MessageKey) -> str | tuple[str, ...] | None:
        return self.strings.get(key)


def po_text(path: Path) -> str:
    """The PO file as text, or a located error: UTF-8 only, and declared so."""
    text = read_text_file(path, MAX_PO_BYTES, code="catalog")
    charset = _CHARSET.search(text)
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        line = text[: charset.start()].count("\n") + 1
        raise ProjectError.of(
            "catalog.charset",
            f"the catalog declares charset={charset.group(1)}; write it as UTF-8 (Poedit: Catalog > Properties > Charset)",
            Location(path, line),
        )
    return text


def po_syntax_errors(text: str) -> list[tuple[int, str]]:
    return [
        (number, f"not valid PO syntax: {line.strip()[:60]!r}")
        for number, line in enumerate(text.splitlines(), start=1)
        if not _PO_LINE.match(line)
    ]


def parse_po(path: Path, text: str | None = None) -> Catalog:
    """A Babel catalog from a PO file, or a located ProjectError for its first problem."""
    text = po_text(path) if text is None else text
    problems = po_syntax_errors(text)
    if problems:
        line, message = problems[0]
        raise ProjectError.of("catalog.syntax", message, Location(path, line))
    try:
        return read_po(io.BytesIO(text.encode("utf-8")), abort_invalid=True, charset="utf-8")
    except Exception as problem:  # Babel raises several types for bad PO text
        raise ProjectError.of(
            "catalog.syntax", f"not a valid PO catalog: {problem}", Location(path, getattr(problem, "lineno", None))
        ) from None


def load_catalog(path: Path, tag: str, today: datetime.date | None = None) -> CatalogData:
    """The catalog at `path`, parsed once per content (a changed PO is read again)."""
    data = path.read_bytes() if path.is_file() else b""
    return _load_catalog(path, tag, hashlib.sha256(data).hexdigest(), today or datetime.date.today())


@lru_cache(maxsize=128)
def _load_catalog(path: Path, tag: str, sha256: str, today: datetime.date) -> CatalogData:
    text = po_text(path)
    catalog = parse_po(path, text)
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    msgstr_lines = _msgstr_lines(text.splitlines())
    strings: dict[MessageKey, str | tuple[str, ...]] = {}
    lines: dict[MessageKey, int] = {}
    for message in catalog:
        if not message.id:
            continue
        key = (message.context, message.id if isinstance(message.id, str) else message.id[0])
        lines[key] = msgstr_lines.get(message.lineno or 0, message.lineno or 0)
        string = message.string
        if message.fuzzy or not string or (isinstance(string, (list, tuple)) and not all(string)):
            continue
        strings[key] = tuple(string) if isinstance(string, (list, tuple)) else string
    plural = gettext.c2py(catalog.plural_expr) if catalog.plural_expr else (lambda n: int(n != 1))
    return CatalogData(tag, path, sha256, catalog, parse_review(header, today), strings, lines, plural)


def _msgstr_lines(lines: list[str]) -> dict[int, int]:
    """msgid line -> line of its first msgstr (where a translator fixes a finding)."""
    found: dict[int, int] = {}
    current = None
    for number, line in enumerate(lines, start=1):
        if line.startswith("msgid "):
            current = number
        elif line.startswith("msgstr") and current is not None and current not in found:
            found[current] = number
    return found


# ------------------------------------------------------------------------ translators' side


def extract_catalog(paths: ProjectPaths, domain: str = MATERIALS_DOMAIN) -> Catalog:
    """Every message of one domain, with where it appears, as a template catalog."""
    catalog = Catalog(project=PROJECT_NAME, fuzzy=False)
    problems = Collector()
    messages = _material_domain(paths, problems) if domain == MATERIALS_DOMAIN else _web_domain(paths, problems)
    for msgid, filename, line, comments, context in messages:
        flags = ("python-format",) if "%(" in (msgid if isinstance(msgid, str) else msgid[0]) else ()
        catalog.add(msgid, locations=[(filename, line)], auto_comments=comments, flags=flags, context=context)
    problems.raise_if_errors()
    return catalog


def _material_domain(paths: ProjectPaths, problems: Collector) -> Iterator[Message]:
    """What is printed: the material templates, the registries' names and descriptions, the materials' text."""
    yield from _templates(sorted(paths.templates.glob("*.html")), paths, problems)
    for registry, fields in REGISTRY_FIELDS.items():
        yield from _registry_messages(paths.materials / registry, paths, fields)
    for material in paths.material_files():
        yield from _material_messages(material, paths)


def _web_domain(paths: ProjectPaths, problems: Collector) -> Iterator[Message]:
    """The web page's own words: its templates, its code's `gettext(...)`, and the names of the
    data it offers to choose from (regions, kinds of business, materials) or shows (places, forms of notice)."""
    yield from _templates(sorted((paths.web / "templates").glob("*.html")), paths, problems)
    for module in sorted(paths.web.glob("*.py")):
        found = extract("python", io.BytesIO(module.read_bytes()), keywords={"gettext": None}, comment_tags=COMMENT_TAGS)
        for line, msgid, comments, context in found:
            if isinstance(msgid, str):
                yield msgid, paths.relative(module), line, comments, context
    yield from _registry_messages(paths.materials / "regions.yaml", paths, ("name",))
    yield from _mapping_messages(paths.materials / "business_kinds.yaml", paths)
    yield from _mapping_messages(paths.materials / "places.yaml", paths)
    yield from _mapping_messages(paths.materials / "notice_formats.yaml", paths)
    for material in paths.material_files():
        yield from _material_name(material, paths)


def _material_name(path: Path, paths: ProjectPaths) -> Iterator[Message]:
    data = load_yaml(path)
    if isinstance(data, dict):
        where = location_of(data, "name") or location_of(data, "id")
        name = data.get("name") or default_name(str(data.get("id", path.stem)))
        yield name, paths.relative(path), where.line if where and where.line else 0, [f"material: {path.stem} (its name)"], None


def _templates(templates: list[Path], paths: ProjectPaths, problems: Collector) -> Iterator[Message]:
    for template in templates:
        try:
            yield from _template_messages(template, paths)
        except ProjectError as error:
            problems.extend(error)


def _mapping_messages(path: Path, paths: ProjectPaths) -> Iterator[Message]:
    """A file of `id: words`, each value a message."""
    data = load_yaml(path)
    for entry_id, words in (data or {}).items():
        if isinstance(words, str):
            where = location_of(data, entry_id)
            yield words, paths.relative(path), where.line if where and where.line else 0, [f"{path.stem}: {entry_id}"], None


def _template_messages(template: Path, paths: ProjectPaths) -> Iterator[Message]:
    source = io.BytesIO(template.read_bytes())
    try:
        extractor: Any = jinja2.ext.babel_extract  # typeshed and Jinja disagree on the callable's shape
        found = list(extract(extractor, source, comment_tags=COMMENT_TAGS, options={"silent": "false"}))
    except jinja2.TemplateSyntaxError as error:
        raise ProjectError.of(
            "template.syntax", f"template syntax error: {error.message}", Location(template, error.lineno)
        ) from None
    for line, msgid, comments, context in found:
        if isinstance(msgid, str):
            yield msgid, paths.relative(template), line, comments, context
        elif isinstance(msgid, tuple) and len(msgid) >= 2 and all(isinstance(part, str) for part in msgid[:2]):
            yield (msgid[0], msgid[1]), paths.relative(template), line, comments, context  # ngettext: singular and plural


def _registry_messages(path: Path, paths: ProjectPaths, fields: tuple[str, ...]) -> Iterator[Message]:
    data = load_yaml(path)
    for entry_id, entry in (data or {}).items():
        for key in fields:
            if isinstance(entry, dict) and isinstance(entry.get(key), str):
                where = location_of(entry, key)
                yield (
                    entry[key],
                    paths.relative(path),
                    where.line if where and where.line else 0,
                    [f"{path.stem}: {entry_id} ({key})"],
                    None,
                )


def _material_messages(path: Path, paths: ProjectPaths) -> Iterator[Message]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        return
    material = data.get("id", path.stem)
    if isinstance(data.get("title"), str):
        where = location_of(data, "title")
        yield (
            data["title"],
            paths.relative(path),
            where.line if where and where.line else 0,
            [f"material: {material} (title)"],
            None,
        )
    for key, value, where in material_text(data.get("text")):
        yield value, paths.relative(path), where.line if where and where.line else 0, [f"material: {material} ({key})"], None


def write_catalog(catalog: Catalog, path: Path, *, template: bool = False) -> None:
    """Write a PO or POT file atomically, so that a failure never leaves half a catalog."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=88, omit_header=False, sort_output=False, ignore_obsolete=template)
    atomic_write_bytes(path, buffer.getvalue())


DRAFT_HEADER = """\
Review-State: draft
A native speaker has not reviewed this catalog yet. After a review, set the line
above to "Review-State: reviewed" and fill in the two lines below (Reviewed-On: YYYY-MM-DD).
Reviewed-By:
Reviewed-On:"""


def init_catalog(paths: ProjectPaths, tag: str, domain: str = MATERIALS_DOMAIN) -> Path:
    """Create `translations/<lang>/LC_MESSAGES/<domain>.po` from the template, marked draft."""
    parse_tag(tag)
    target = paths.po_file(catalog_dir_name(tag), domain)
    if target.exists():
        raise ProjectError.of("catalog.exists", f"catalog for '{tag}' exists already", Location(target))
    template = parse_po(paths.template_file(domain))
    locale = cldr_locale(tag)
    catalog = Catalog(
        locale=locale or "en",
        project=PROJECT_NAME,
        fuzzy=False,
        header_comment=f"# {tag} translation of {PROJECT_NAME}.\n" + "\n".join(f"# {line}" for line in DRAFT_HEADER.splitlines()),
    )
    catalog.update(template)
    write_catalog(catalog, target)
    if locale is None:  # Babel wrote "Language: en": say what the catalog is
        text = target.read_text(encoding="utf-8").replace('"Language: en\\n"', f'"Language: {catalog_dir_name(tag)}\\n"')
        atomic_write_bytes(target, text.encode("utf-8"))
    return target


def update_catalogs(paths: ProjectPaths) -> list[Path]:
    """Merge each domain's template into every catalog of that domain; near matches are kept,
    marked fuzzy."""
    updated = []
    for domain in DOMAINS:
        if not paths.template_file(domain).is_file():
            continue
        template = parse_po(paths.template_file(domain))
        for po_path in paths.catalog_files(domain):
            catalog = parse_po(po_path)
            catalog.update(template, no_fuzzy_matching=False)
            write_catalog(catalog, po_path)
            updated.append(po_path)
    return updated
