"""Stage 3a, render HTML: Jinja2 templates, translated through the catalogs, then gated.

Translations are escaped (a catalog cannot inject markup); every number, address and other
placeholder value is marked, isolated left to right where it is a number or an address, so its
digits never reorder. After rendering, the page's own text goes through the gate (no typed
number, no untrusted character) and every message it used through the catalog checks; only then
are the line-break hints of the language inserted.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from markupsafe import Markup

from ..files import record_read
from ..i18n.catalogs import CatalogData, MessageKey, load_catalog
from ..i18n.checks import check_catalog
from ..i18n.linebreak import ZERO_WIDTH_SPACE, insert_break_hints
from ..i18n.translator import VALUE_MARK, Translator
from ..model.diagnostics import Diagnostic, Location, ProjectError, Severity
from ..model.hotline import KnownBadNumber, PhoneNumber, WebAddress
from ..text.gate import gate_page

LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"
ICON_DIR = Path("/usr/share/bootstrap-icons/svg")  # Debian's bootstrap-icons (MIT): LICENSES/bootstrap-icons.md
ICON_NAME = re.compile(r"^[a-z0-9-]+$")


def isolate_ltr(value: object, css_class: str = "ltr") -> Markup:
    """A number, code or address that must read left to right inside any text direction."""
    return Markup('<span class="{}" {}="">{}{}{}</span>').format(
        css_class, Markup(VALUE_MARK), LEFT_TO_RIGHT_ISOLATE, value, POP_DIRECTIONAL_ISOLATE
    )


def number_filter(number: PhoneNumber | None, form: str = "printed") -> Markup:
    """{{ line.phone|number }}: the registry's printed form; |number('short') on small pieces."""
    if number is None:
        raise jinja2.UndefinedError("a number the template prints is not in the registry entry")
    return isolate_ltr(number.short if form == "short" else number.printed, "ltr num")


def address_filter(address: WebAddress | str, breakable: bool = False) -> Markup:
    """{{ line.web|address }}; |address(True) where a long address may need two lines: it may
    then break after a dot or a slash (a hint the PDF's text layer leaves out), never inside a word."""
    label = address.label if isinstance(address, WebAddress) else address
    if breakable:
        label = re.sub(r"([./])(?=.)", rf"\1{ZERO_WIDTH_SPACE}", label)
    return isolate_ltr(label, "ltr addr")


@cache
def _icon_svg(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")


def icon_uri(name: str, colour: str = "#000000") -> str:
    """A pictogram of the icon set as an SVG data: URI, drawn in `colour` (a CSS colour)."""
    if not ICON_NAME.match(name) or not (ICON_DIR / f"{name}.svg").is_file():
        raise ProjectError.of("template.icon", f"icon '{name}' is not in {ICON_DIR} (install Debian's bootstrap-icons)")
    record_read(ICON_DIR / f"{name}.svg")
    svg = _icon_svg(name).replace('fill="currentColor"', f'fill="{colour}"')
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@dataclass(frozen=True)
class RenderedHtml:
    html: str
    fallbacks: frozenset[MessageKey]  # messages printed in English for want of a translation
    messages: tuple[MessageKey, ...] = ()  # used, in order; data-msg="i" indexes them


class HtmlRenderer:
    """Builds the Jinja environment once; renders any number of pages."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
        )
        self.environment.filters.update(ltr=isolate_ltr, number=number_filter, address=address_filter)
        self.environment.globals.update(icon=icon_uri)
        self._closures: dict[str, list[Path]] = {}

    def render(
        self,
        template: str,
        context: dict[str, Any],
        *,
        catalog: Path | None,
        tag: str,
        item: str,
        where: Location,
        known_bad: list[KnownBadNumber],
        strict_numbers: bool = True,
        mark_messages: bool = False,
    ) -> RenderedHtml:
        """The page as HTML; a ProjectError when the gate or a used message's check fails."""
        data = self._catalog(catalog, tag) if catalog else None
        translator = Translator(data, mark_messages=mark_messages)
        context = context | {"gettext": translator.gettext, "ngettext": translator.ngettext, "pgettext": translator.pgettext}
        try:
            html = self._render(template, context, where)
        except ProjectError as error:  # a translation the page cannot use: the catalog check says why
            found = [d.for_item(item) for d in check_catalog(catalog, tag).errors_for(translator.used)] if catalog else []
            raise ProjectError(found or error.diagnostics) from None
        problems = gate_page(html, where, item, known_bad, strict=strict_numbers)
        if catalog is not None:
            problems += [d.for_item(item) for d in check_catalog(catalog, tag).errors_for(translator.used)]
        if problems:
            raise ProjectError(problems)
        return RenderedHtml(insert_break_hints(html, tag), frozenset(translator.fallbacks), tuple(translator.used))

    def _catalog(self, path: Path, tag: str) -> CatalogData:
        record_read(path)
        return load_catalog(path, tag)

    def _render(self, template: str, context: dict[str, Any], where: Location) -> str:
        try:
            for path in self._closure(template):
                record_read(path)
            return self.environment.get_template(template).render(context)
        except jinja2.TemplateSyntaxError as problem:
            location = Location(self.templates_dir / (problem.name or template), problem.lineno)
            raise ProjectError(
                Diagnostic("template.syntax", f"template syntax error: {problem.message}", Severity.ERROR, location)
            ) from None
        except jinja2.TemplateNotFound as problem:
            raise ProjectError.of("template.missing", f"template '{problem.name}' not found in templates/", where) from None
        except (
            jinja2.UndefinedError,
            TypeError,
            LookupError,
            ValueError,
            ArithmeticError,
            AttributeError,
            RecursionError,
        ) as problem:
            raise ProjectError.of("template.error", f"{template}: {_what(problem)}", self._line_of(problem, template)) from None

    def _line_of(self, problem: BaseException, template: str) -> Location:
        """The template file and line a runtime error happened at (Jinja's traceback names them)."""
        found = Location(self.templates_dir / template)
        traceback = problem.__traceback__
        while traceback is not None:
            filename = Path(traceback.tb_frame.f_code.co_filename)
            if filename.suffix == ".html" and filename.parent == self.templates_dir:
                found = Location(filename, traceback.tb_lineno)
            traceback = traceback.tb_next
        return found

    def _closure(self, name: str) -> list[Path]:
        """The template and every template it extends, includes or imports, recursively."""
        if name not in self._closures:
            seen: list[str] = []
            pending = [name]
            while pending:
                current = pending.pop()
                if current in seen:
                    continue
                seen.append(current)
                source, _filename, _uptodate = self.environment.loader.get_source(self.environment, current)  # type: ignore[union-attr]
                pending.extend(ref for ref in jinja2.meta.find_referenced_templates(self.environment.parse(source)) if ref)
            self._closures[name] = [self.templates_dir / template for template in seen]
        return self._closures[name]


def _what(problem: BaseException) -> str:
    if isinstance(problem, RecursionError):
        return "a macro or include calls itself without end"
    return f"{problem}" if isinstance(problem, jinja2.UndefinedError) else f"{type(problem).__name__}: {problem}"
