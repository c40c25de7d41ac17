"""The translators' side of gettext: extract messages into messages.pot and merge catalogs.

Built on Babel's catalog API (extract, read_po, write_po, Catalog.update); the English text
lives in the templates (`_("...")`) and in the translatable fields of the materials YAML.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import jinja2.ext
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

from .atomic import atomic_write_bytes
from .errors import Collector, Location, ProjectError
from .languages import catalog_dir_name, parse_locale
from .paths import ProjectPaths
from .yamlfile import LocatedDict, LocatedList, load_yaml, location_of

PROJECT_NAME = "awareness-materials"
COMMENT_TAGS = ("Translators:",)
# Translatable fields of the registries: the rest (numbers, addresses, sources) never is.
REGISTRY_FIELDS = {"hotlines.yaml": ("name", "about"), "organizations.yaml": ("about",)}

Message = tuple[str, str, int, list[str]]  # msgid, file, line, comments


def extract_catalog(paths: ProjectPaths) -> Catalog:
    """Every message of the project, with where it appears, as a template catalog."""
    catalog = Catalog(project=PROJECT_NAME, fuzzy=False)
    problems = Collector()
    for msgid, filename, line, comments in _all_messages(paths, problems):
        flags = ("python-format",) if "%(" in msgid else ()
        catalog.add(msgid, locations=[(filename, line)], auto_comments=comments, flags=flags)
    problems.raise_if_any()
    return catalog


def _all_messages(paths: ProjectPaths, problems: Collector) -> Iterator[Message]:
    for template in sorted(paths.templates.glob("*.html")):
        try:
            yield from _template_messages(template, paths)
        except ProjectError as error:
            problems.extend(error)
    for registry, fields in REGISTRY_FIELDS.items():
        yield from _registry_messages(paths.materials / registry, paths, fields)
    for material in paths.material_files():
        yield from _material_messages(material, paths)


def _template_messages(template: Path, paths: ProjectPaths) -> Iterator[Message]:
    source = io.BytesIO(template.read_bytes())
    try:
        found = list(
            extract(jinja2.ext.babel_extract, source, comment_tags=COMMENT_TAGS, options={"silent": "false"})
        )
    except jinja2.TemplateSyntaxError as error:
        raise ProjectError(f"template syntax error: {error.message}", Location(template, error.lineno)) from None
    for line, msgid, comments, _context in found:
        if isinstance(msgid, str):
            yield msgid, paths.relative(template), line, comments


def _registry_messages(path: Path, paths: ProjectPaths, fields: tuple[str, ...]) -> Iterator[Message]:
    data = load_yaml(path)
    for entry_id, entry in (data or {}).items():
        for field in fields:
            if isinstance(entry, dict) and isinstance(entry.get(field), str):
                line = location_of(entry, field).line
                yield entry[field], paths.relative(path), line, [f"{path.stem}: {entry_id} ({field})"]


def _material_messages(path: Path, paths: ProjectPaths) -> Iterator[Message]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        return
    material = data.get("id", path.stem)
    if isinstance(data.get("title"), str):
        yield data["title"], paths.relative(path), location_of(data, "title").line, [f"material: {material} (title)"]
    for key, value, line in _text_strings(data.get("text")):
        yield value, paths.relative(path), line, [f"material: {material} ({key})"]


def _text_strings(text: object) -> Iterator[tuple[str, str, int]]:
    if not isinstance(text, LocatedDict):
        return
    for key, value in text.items():
        if isinstance(value, str):
            yield key, value, location_of(text, key).line
        elif isinstance(value, LocatedList):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield key, item, location_of(value, index).line


def write_catalog(catalog: Catalog, path: Path, *, template: bool = False) -> None:
    """Write a PO or POT file atomically, so that a failure never leaves half a catalog."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=88, omit_header=False, sort_output=False, ignore_obsolete=template)
    atomic_write_bytes(path, buffer.getvalue())


# Babel's PO reader is lenient (an unterminated string passes); these are the only line
# shapes a PO file may have, so a line of any other shape is a syntax error.
_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf'^\s*(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_PO_STRING}|{_PO_STRING})?\s*$')


def po_syntax_errors(path: Path) -> list[tuple[int, str]]:
    """(line, problem) for every line that is not valid PO syntax; checks UTF-8 too."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return [(line, "not UTF-8 text")]
    return [
        (number, f"not valid PO syntax: {line.strip()[:60]!r}")
        for number, line in enumerate(text.splitlines(), start=1)
        if not _PO_LINE.match(line)
    ]


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """A catalog, or a located ProjectError for its first syntax error."""
    problems = po_syntax_errors(path)
    if problems:
        line, message = problems[0]
        raise ProjectError(message, Location(path, line))
    with path.open("rb") as handle:
        try:
            return read_po(handle, locale=locale, abort_invalid=True)
        except Exception as error:  # Babel raises several types for bad PO text
            raise ProjectError(f"not a valid PO catalog: {error}", Location(path, getattr(error, "lineno", None))) from None


DRAFT_HEADER = """\
Review-State: draft
A native speaker has not reviewed this catalog yet. After a review, set the line
above to "Review-State: reviewed" and fill in the two lines below.
Reviewed-By:
Reviewed-On:"""


def init_catalog(paths: ProjectPaths, tag: str) -> Path:
    """Create `translations/<lang>/LC_MESSAGES/messages.po` from the template, marked draft."""
    locale = parse_locale(tag)
    target = paths.po_file(catalog_dir_name(tag))
    if target.exists():
        raise ProjectError(f"catalog for '{tag}' exists already", Location(target))
    template = read_catalog(paths.pot_file)
    catalog = Catalog(locale=locale, project=PROJECT_NAME, fuzzy=False, header_comment=f"# {tag} translation of {PROJECT_NAME}.\n"
                      + "\n".join(f"# {line}" for line in DRAFT_HEADER.splitlines()))
    catalog.update(template)
    write_catalog(catalog, target)
    return target


def update_catalogs(paths: ProjectPaths) -> list[Path]:
    """Merge messages.pot into every catalog; near matches are kept, marked fuzzy."""
    template = read_catalog(paths.pot_file)
    updated = []
    for po_path in sorted(paths.translations.glob("*/LC_MESSAGES/messages.po")):
        catalog = read_catalog(po_path)
        catalog.update(template, no_fuzzy_matching=False)
        write_catalog(catalog, po_path)
        updated.append(po_path)
    return updated
