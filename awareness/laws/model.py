"""Laws that require a posted notice: data in materials/laws/<id>.yaml (who, where, formats,
sizes, type, languages, required lines, wording), loaded and checked like every other file.

A law either fixes the wording (the statute's own text is printed word for word), or fixes
only what a sign must carry (its `elements`, in the law's words, with this project's wording
for each), or leaves the wording to an agency (then its elements too). Every number a wording
prints must be one the registry knows; the notice prints it from the registry.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.schema import check_schema
from ..load.yamlsafe import load_yaml, location_of
from ..model.diagnostics import Collector, Location, ProjectError
from ..model.hotline import known_bad_in, registry_entry_for
from ..model.project import Project
from ..model.units import css_length_in_points
from ..text.numbers import keypad_digits, typed_numbers
from ..text.trust import first_untrusted

TITLE_KEY = "title"  # in an element law's text: the sign's heading, not an element
VRA_FILE = "vra_languages.yaml"
KINDS_FILE = "business_kinds.yaml"
PLACES_FILE = "places.yaml"
FORMATS_FILE = "notice_formats.yaml"


@dataclass(frozen=True)
class Element:
    """Something a sign must carry, where the law sets content rather than wording."""

    id: str
    requires: str  # the law's words
    shows: tuple[tuple[str, str], ...]  # (hotline id, "phone" | "sms" | "web" | "chat") the passage must print
    verified: bool = True  # False: required by the law, but what to print is unverified: not printed, a warning


@dataclass(frozen=True)
class LawFormat:
    """A physical form the law allows: a sign, a stall sign, a window cling, a card."""

    name: str
    min_size: tuple[str, str] | None
    sizes: tuple[tuple[str, str], ...]  # tried smallest first
    min_type_pt: float
    number_min_pt: float = 0.0
    number_bold: bool = False
    bold_body: bool = False
    placement: tuple[str, ...] = ()
    material: str | None = None
    either_orientation: bool = False  # "at least 3 by 5 inches": the minimum may be met turned
    placement_rule: str | None = None  # for this form's own places: all | any
    qr: tuple[str, str] | None = None  # (hotline id, kind) printed as a QR code with its address
    note: str = ""

    def allows(self, size: tuple[str, str]) -> bool:
        """Whether a page of `size` meets this format's least size."""
        if self.min_size is None:
            return True
        return at_least(size, self.min_size) or (self.either_orientation and at_least(size, (self.min_size[1], self.min_size[0])))


@dataclass(frozen=True)
class LanguageRule:
    required: tuple[str, ...]
    rule: str  # none | vra_county | workforce_10pct | agency_may_add | department_may_add
    equal_parts: bool | None
    separate_signs: bool
    note: str = ""

    @property
    def adds_languages(self) -> bool:
        return self.rule != "none"


@dataclass(frozen=True)
class Law:
    id: str
    title: str
    citation: str
    jurisdiction: str
    state: str
    locality: str | None
    region: str
    who: str
    business_kinds: tuple[str, ...]
    placement: tuple[str, ...]
    placement_rule: str
    formats_rule: str  # any: the formats are alternatives; all: each where it goes
    sources: tuple[tuple[str, str], ...]  # (url, what)
    verified: datetime.date
    verification: str  # full, partial or none
    verification_note: str
    wording_owner: str
    agency: str | None
    formats: dict[str, LawFormat]
    languages: LanguageRule
    required_lines: tuple[tuple[str, str], ...]
    logo_allowed: bool | None
    extra_content_allowed: bool | None
    penalties: str
    text: dict[str, str | dict[str, str]]  # by language: the wording, or (elements) title and passages
    elements: dict[str, Element]
    reviewed_translations: tuple[str, ...]
    source_file: str
    lines: dict[str, int] = field(default_factory=dict)  # key -> line in the file

    def location(self, key: str) -> Location:
        return Location(Path(self.source_file), self.lines.get(key))

    @property
    def source(self) -> str:
        return self.sources[0][0]

    @property
    def format_names(self) -> tuple[str, ...]:
        return tuple(self.formats)

    def passages(self, tag: str) -> list[tuple[str | None, str]]:
        """(element id, wording) in the order the sign prints them; (None, wording) for a statute."""
        wording = self.text[tag]
        if isinstance(wording, str):
            return [(None, wording)]
        return [(element, wording[element]) for element in self.printed_elements]

    @property
    def printed_elements(self) -> tuple[str, ...]:
        """The elements a sign carries: those whose content is verified."""
        return tuple(key for key, element in self.elements.items() if element.verified)

    def title_in(self, tag: str) -> str | None:
        wording = self.text[tag]
        return wording.get(TITLE_KEY) if isinstance(wording, dict) else None

    def draft(self, tag: str) -> bool:
        return tag != "en" and tag not in self.reviewed_translations


@dataclass(frozen=True)
class VraCounty:
    state: str
    key: str
    name: str
    languages: tuple[str, ...]
    most_spoken: str | None
    note: str
    verified: bool
    line: int | None = None  # in materials/vra_languages.yaml

    def printed_languages(self) -> list[str]:
        return [tag for tag in self.languages if not tag.startswith("aian:") and tag not in ("en", "es")]


def load_laws(project: Project, today: datetime.date | None = None) -> dict[str, Law]:
    """Every law file; a problem in one marks only that law broken, with its file and line."""
    today = today or datetime.date.today()
    words = law_words(project)
    for path in sorted(project.paths.laws.glob("*.yaml")):
        try:
            law = _load_law(project, path, words, today)
        except ProjectError as error:
            project.broken[f"law:{path.stem}"] = error
            continue
        project.laws[law.id] = law
    return project.laws


@dataclass(frozen=True)
class LawWords:
    """The plain words for what law files name by key: kinds of business, places where a
    notice goes, forms of notice (materials/business_kinds.yaml, places.yaml,
    notice_formats.yaml, each schema-checked)."""

    kinds: dict[str, str]
    places: dict[str, str]
    formats: dict[str, str]


def law_words(project: Project) -> LawWords:
    return LawWords(
        _words(project, KINDS_FILE, "business_kinds"),
        _words(project, PLACES_FILE, "places"),
        _words(project, FORMATS_FILE, "notice_formats"),
    )


def _words(project: Project, file: str, schema: str) -> dict[str, str]:
    path = project.paths.materials / file
    problems = Collector()
    data = load_yaml(path) if path.is_file() else {}
    check_schema(data, schema, path, problems)
    problems.raise_if_errors()
    return dict(data)


def _load_law(project: Project, path: Path, words: LawWords, today: datetime.date) -> Law:
    from ..load.project import checked_date

    problems = Collector()
    data = load_yaml(path)
    if not check_schema(data, "law", path, problems):
        problems.raise_if_errors()
    languages = data["languages"]
    law = Law(
        id=path.stem,
        title=data["title"],
        citation=data["citation"],
        jurisdiction=data["jurisdiction"],
        state=data["state"],
        locality=data.get("locality"),
        region=data["region"],
        who=data["who"],
        business_kinds=tuple(data["business_kinds"]),
        placement=tuple(data["placement"]),
        placement_rule=data.get("placement_rule", "all"),
        formats_rule=data.get("formats_rule", "any"),
        sources=tuple((source["url"], source["what"]) for source in data["sources"]),
        verified=checked_date(data["verified"], location_of(data, "verified"), problems, today),
        verification=data["verification"],
        verification_note=data.get("verification_note", ""),
        wording_owner=data["wording_owner"],
        agency=(data.get("agency") or {}).get("name"),
        formats={name: _format(name, spec) for name, spec in data["formats"].items()},
        languages=LanguageRule(
            tuple(languages["required"]),
            languages["rule"],
            languages.get("equal_parts"),
            languages.get("separate_signs", False),
            languages.get("note", ""),
        ),
        required_lines=tuple(_reference(item) for item in data["required_lines"]),
        logo_allowed=data.get("logo_allowed"),
        extra_content_allowed=data.get("extra_content_allowed"),
        penalties=data.get("penalties", ""),
        text=dict(data["text"]),
        elements={
            key: Element(
                key, value["requires"], tuple(_reference(item) for item in value.get("shows", ())), value.get("verified", True)
            )
            for key, value in data.get("elements", {}).items()
        },
        reviewed_translations=tuple(data.get("reviewed_translations", ())),
        source_file=project.paths.relative(path),
        lines={key: line for key in data if (line := _line(data, key))},
    )
    _check(project, law, data, words, problems)
    problems.raise_if_errors()
    return law


def _line(data: Any, key: str) -> int | None:
    where = location_of(data, key)
    return where.line if where else None


def _reference(item: str) -> tuple[str, str]:
    line_id, kind = item.split(".")
    return line_id, kind


def _format(name: str, spec: dict[str, Any]) -> LawFormat:
    min_size = (spec["min_size"][0], spec["min_size"][1]) if "min_size" in spec else None
    sizes = tuple((size[0], size[1]) for size in spec.get("sizes", [spec["min_size"]] if "min_size" in spec else []))
    return LawFormat(
        name,
        min_size,
        sizes,
        css_length_in_points(spec["min_type"]),
        css_length_in_points(spec["number_min_type"]) if "number_min_type" in spec else 0.0,
        spec.get("number_bold", False),
        spec.get("bold_body", False),
        tuple(spec.get("placement", ())),
        spec.get("material"),
        spec.get("either_orientation", False),
        spec.get("placement_rule"),
        _reference(spec["qr"]) if "qr" in spec else None,
        spec.get("note", ""),
    )


def _check(project: Project, law: Law, data: dict[str, Any], words: LawWords, problems: Collector) -> None:
    if law.region not in project.regions:
        problems.add("reference.region", f"unknown region '{law.region}'", location_of(data, "region"))
    for index, kind in enumerate(law.business_kinds):
        if kind not in words.kinds:
            problems.add(
                "law.business-kind",
                f"'{kind}' is not a kind of business in materials/{KINDS_FILE}",
                location_of(data["business_kinds"], index),
            )
    for name in law.formats:
        if name not in words.formats:
            problems.add(
                "law.format", f"'{name}' is not a form of notice in materials/{FORMATS_FILE}", location_of(data["formats"], name)
            )
    for where_list, placement in [(data, law.placement)] + [
        (data["formats"][name], fmt.placement) for name, fmt in law.formats.items() if fmt.placement
    ]:
        for index, place in enumerate(placement):
            if place not in words.places:
                problems.add(
                    "law.placement",
                    f"'{place}' is not a place in materials/{PLACES_FILE}",
                    location_of(where_list["placement"], index),
                )
    for name, fmt in law.formats.items():
        where = location_of(data["formats"], name)
        if fmt.material and fmt.material not in project.materials:
            problems.add("reference.material", f"unknown material '{fmt.material}'", where)
        if not fmt.material and not fmt.sizes:
            problems.add("law.format", f"format '{name}' needs min_size (or sizes) to lay a notice out on", where)
        for size in fmt.sizes:
            if not fmt.allows(size):
                problems.add(
                    "law.format",
                    f"format '{name}': size {' x '.join(size)} is smaller than its min_size {' x '.join(fmt.min_size or size)}",
                    where,
                )
            too_small = type_does_not_fit(project, law, fmt, size)
            if too_small:
                problems.add(
                    "law.format", f"format '{name}': {' x '.join(size)} is too small for its own type: {too_small}", where
                )
        if fmt.qr and (fmt.qr[0] not in project.hotlines or project.hotlines[fmt.qr[0]].field(fmt.qr[1]) is None):
            problems.add(
                "reference.hotline",
                f"format '{name}': QR code of {'.'.join(fmt.qr)}, which materials/hotlines.yaml does not have",
                where,
            )
    for tag in law.languages.required:
        if tag not in project.languages:
            problems.add("reference.language", f"unknown language '{tag}'", location_of(data, "languages"))
    for index, (line_id, kind) in enumerate(law.required_lines):
        if line_id not in project.hotlines or project.hotlines[line_id].field(kind) is None:
            problems.add(
                "reference.hotline",
                f"required line {line_id}.{kind} is not in materials/hotlines.yaml",
                location_of(data["required_lines"], index),
            )
    _check_citation(project, law, location_of(data, "citation"), problems)
    for key in ("title", "who", "verification_note", "penalties"):
        if isinstance(data.get(key), str):
            _check_prose(project, key, data[key], location_of(data, key), problems)
    for name, fmt in law.formats.items():
        if fmt.note:
            _check_prose(project, f"formats.{name}.note", fmt.note, location_of(data["formats"], name), problems)
    if law.wording_owner == "statute" and law.verification != "none" and "en" not in law.text:
        problems.add("law.wording", "the statute's wording in English (text: en) is missing", location_of(data, "text"))
    shows_known = _check_shown_entries(project, law, location_of(data, "elements"), problems)
    for tag, wording in law.text.items():
        where = location_of(data["text"], tag)
        if _check_wording_shape(law, tag, wording, where, problems):
            for element, text in law.passages(tag):
                _check_wording(project, law, text, where, problems)
                if element and shows_known:
                    _check_shows(project, law.elements[element], tag, text, where, problems)


def _check_citation(project: Project, law: Law, where: Location | None, problems: Collector) -> None:
    """A citation prints section numbers ("§ 402.0351"), never a phone number."""
    untrusted = first_untrusted(law.citation)
    if untrusted:
        problems.add("text.untrusted", f"citation: {untrusted}", where)
    for number in typed_numbers(_without_sections(law.citation), strict=False):
        problems.add("number.typed", f"citation: {number.text!r} looks like a phone number, not a section", where)
    for bad in project.known_bad:
        if any(pattern in keypad_digits(law.citation) for pattern in bad.patterns):
            problems.add("number.known-bad", f"citation: prints the known wrong number {bad.form}", where)


SMALL_PAGE_PT = 4.5 * 72  # a side shorter than this: a stall sign or cling, with narrow margins
MARGINS_PT = {True: css_length_in_points("0.15in"), False: css_length_in_points("0.5in")}
LEAST_LINES = 4  # a page must hold at least this many lines of the law's least type
NUMBER_EMS = 8.4  # the width of "1-888-373-7888" in bold, in ems of its type size


def page_margin_pt(size: tuple[str, str]) -> float:
    return MARGINS_PT[min(css_length_in_points(length) for length in size) < SMALL_PAGE_PT]


def type_does_not_fit(project: Project, law: Law, fmt: LawFormat, size: tuple[str, str]) -> str | None:
    """Why a page of `size` cannot carry the format's least type, or None: its text area must hold
    a few lines of body type, and the widest required number on one line at the number's size."""
    margin = page_margin_pt(size)
    width, height = (css_length_in_points(length) - 2 * margin for length in size)
    if fmt.min_type_pt * 1.25 * LEAST_LINES > height:
        return f"fewer than {LEAST_LINES} lines of {fmt.min_type_pt:g} pt fit in its height"
    number_pt = max(fmt.number_min_pt, fmt.min_type_pt)
    widest = max(
        (
            len(project.hotlines[line].printed(kind))
            for line, kind in law.required_lines
            if line in project.hotlines and project.hotlines[line].field(kind) is not None
        ),
        default=0,
    )
    if widest and number_pt * NUMBER_EMS * widest / 14 > width:
        return f"a {widest}-character number at {number_pt:g} pt does not fit in its width"
    return None


_SECTION = re.compile(r"§§?\s*(\d[\d.\-–]*\d)")


def _without_sections(citation: str) -> str:
    """A citation with its section numbers taken out: "§ 402.0351", "§ 16-3-2100" are sections;
    a run of ten digits or more after "§" is still read as a possible phone number."""
    shorter = _SECTION.sub(lambda match: "§" if len(keypad_digits(match.group(1))) < 10 else match.group(0), citation)
    return re.sub(r"\d+(?:\.\d+)+", "§", shorter)


def _check_prose(project: Project, key: str, text: str, where: Location | None, problems: Collector) -> None:
    """What a checklist prints about a law (its title, who, notes, penalties): checked as the
    wording is, except that only runs of ten digits or more count as numbers ("SB 225 (2017)" is a
    bill and a year)."""
    _check_numbers_in(project, key, text, where, problems, least_digits=10)


def at_least(size: tuple[str, str], minimum: tuple[str, str]) -> bool:
    """Whether a page of `size` is at least `minimum` in both directions."""
    return all(css_length_in_points(a) >= css_length_in_points(b) - 0.01 for a, b in zip(size, minimum, strict=True))


def _check_shown_entries(project: Project, law: Law, where: Location | None, problems: Collector) -> bool:
    ok = True
    for element in law.elements.values():
        for line_id, kind in element.shows:
            line = project.hotlines.get(line_id)
            if line is None or line.field(kind) is None:
                problems.add(
                    "reference.hotline",
                    f"element '{element.id}' shows {line_id}.{kind}, which materials/hotlines.yaml does not have",
                    where,
                )
                ok = False
    return ok


def _check_wording_shape(law: Law, tag: str, wording: object, where: Location | None, problems: Collector) -> bool:
    """A statute's wording is one text; an element law's is a title and one passage per element."""
    if not law.elements:
        if not isinstance(wording, str):
            problems.add("law.wording", f"text {tag}: the wording of a statute is one text (or add elements: to the file)", where)
        return isinstance(wording, str)
    if not isinstance(wording, dict):
        problems.add("law.wording", f"text {tag}: give a passage for each element ({', '.join(law.elements)})", where)
        return False
    missing = [key for key in law.printed_elements if key not in wording]
    unknown = [key for key in wording if key not in law.elements and key != TITLE_KEY]
    unverified = [key for key in wording if key in law.elements and key not in law.printed_elements]
    if missing:
        problems.add("law.wording", f"text {tag}: no passage for {', '.join(missing)}, which the law requires", where)
    if unverified:
        problems.add(
            "law.wording",
            f"text {tag}: {', '.join(unverified)} is marked verified: false, so nothing is printed for "
            "it; remove its passage, or verify it and drop verified: false",
            where,
        )
    if unknown:
        problems.add(
            "law.wording",
            f"text {tag}: {', '.join(unknown)} is not an element of this law (elements: {', '.join(law.elements)})",
            where,
        )
    return not missing and not unknown and not unverified


def shown_forms(project: Project, element: Element) -> list[str]:
    """How the registry numbers and addresses an element shows appear on a sign."""
    return [project.hotlines[line_id].printed(kind) for line_id, kind in element.shows]


def _check_shows(project: Project, element: Element, tag: str, text: str, where: Location | None, problems: Collector) -> None:
    for (line_id, kind), expected in zip(element.shows, shown_forms(project, element), strict=True):
        if expected.lower() not in text.lower():
            problems.add(
                "law.element", f"text {tag}: the passage for '{element.id}' must print {expected} ({line_id}.{kind})", where
            )


def _check_wording(project: Project, law: Law, text: str, where: Location | None, problems: Collector) -> None:
    """No untrusted character; every phone-like number dials a registry entry, none is known-bad."""
    _check_numbers_in(project, law.id, text, where, problems, least_digits=0)


def _check_numbers_in(
    project: Project, key: str, text: str, where: Location | None, problems: Collector, least_digits: int
) -> None:
    """The one check of text a law file prints: no untrusted character, no known-bad number, and
    no number (of `least_digits` digits or more) that materials/hotlines.yaml does not know."""
    untrusted = first_untrusted(text, allow_newlines=True)
    if untrusted:
        problems.add("text.untrusted", f"{key}: {untrusted}", where)
    for printed, entry in wording_numbers(project, text):
        bad = known_bad_in(keypad_digits(printed), project.known_bad)
        if bad:
            problems.add(
                "number.known-bad", f"{key}: prints {printed}, a known wrong number; the correct number is {bad.correct}", where
            )
        elif entry is None and len(keypad_digits(printed)) >= least_digits:
            problems.add(
                "number.unknown",
                f"{key}: prints {printed}, which is not a number in materials/hotlines.yaml: "
                "check the statute and add the line to the registry",
                where,
            )


def registry_number(project: Project, printed: str) -> tuple[str, str] | None:
    """The registry entry (hotline id, kind) a number printed in a law's wording dials."""
    return registry_entry_for(printed, project.hotlines)


def wording_numbers(project: Project, text: str, strict: bool = False) -> list[tuple[str, tuple[str, str] | None]]:
    """Each number a law's wording prints, with the registry entry it dials (None: unknown).
    In capitals a number runs on into the words after it ("1-888-373-7888 FOR HELP",
    "505-GET-FREE (505-438-3733)"): such a run is cut after its shortest part the registry
    knows, and the rest read again."""
    found: list[tuple[str, tuple[str, str] | None]] = []
    for number in typed_numbers(text, strict):
        found.extend(_registry_parts(project, number.text, strict))
    return found


def _registry_parts(project: Project, run: str, strict: bool) -> list[tuple[str, tuple[str, str] | None]]:
    tokens = run.split()
    for cut in range(1, len(tokens)):
        head = " ".join(tokens[:cut])
        entry = registry_number(project, head)
        if entry:
            rest = " ".join(tokens[cut:])
            return [(head, entry)] + [
                part for number in typed_numbers(rest, strict) for part in _registry_parts(project, number.text, strict)
            ]
    return [(run, registry_number(project, run))]
