"""Laws that require a posted notice: data in materials/laws/<id>.yaml (size, type size,
languages, wording), loaded and checked like every other file.

A law either fixes the wording (California, Florida): the statute's own text is printed word
for word; or it fixes only what a sign must carry (Texas): the file lists those elements in
the rule's words, with the project's wording for each. Every number printed must be one the
registry knows."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Collector, Location, ProjectError
from .hotlines import Hotline, digits_of, spells
from .model import Project
from .units import css_length_in_points
from .validate import check_schema
from .yamlfile import load_yaml, location_of

# Phone numbers and short codes as statutes print them: 1-888-373-7888, 233-733,
# 1-888-KEY-2-FRE(EDOM), 1-855-FLA-SAFE.
PRINTED_NUMBER = re.compile(r"\b1-8\d\d-[0-9A-Z][0-9A-Z-]*[0-9A-Z](?:\([A-Z]+\))?|\b\d{3}-\d{3}\b")


@dataclass(frozen=True)
class County:
    name: str
    language: str


@dataclass(frozen=True)
class Element:
    """Something a sign must carry, where the law sets content rather than wording."""

    id: str
    requires: str  # the rule's words
    shows: tuple[tuple[str, str], ...]  # (hotline id, "phone" | "sms" | "web") the passage must print


STATEWIDE = "statewide"  # the output folder of a notice that has no county
TITLE_KEY = "title"  # in an element law's text: the sign's heading, not an element


@dataclass(frozen=True)
class Law:
    id: str
    title: str
    jurisdiction: str
    region: str
    who: str
    source: str
    verified: datetime.date
    verification: str  # full, partial or none
    verification_note: str
    min_size: tuple[str, str]
    min_type_pt: float
    languages: tuple[str, ...]
    county_language: bool
    staff_languages: bool
    separate_signs: bool
    material: str | None
    sizes: tuple[tuple[str, str], ...]
    counties: dict[str, County]
    counties_verified: bool
    text: dict[str, str | dict[str, str]]  # by language: the wording, or (elements) title and passages
    elements: dict[str, Element]
    reviewed_translations: tuple[str, ...]
    source_file: str
    lines: dict[str, int] = field(default_factory=dict)  # key -> line in the file

    def location(self, key: str) -> Location:
        return Location(Path(self.source_file), self.lines.get(key))

    def passages(self, tag: str) -> list[tuple[str | None, str]]:
        """(element id, wording) in the order the sign prints them; (None, wording) for a statute."""
        wording = self.text[tag]
        if isinstance(wording, str):
            return [(None, wording)]
        return [(element, wording[element]) for element in self.elements]

    def title_in(self, tag: str) -> str | None:
        wording = self.text[tag]
        return wording.get(TITLE_KEY) if isinstance(wording, dict) else None


def load_laws(project: Project) -> dict[str, Law]:
    """Every law file; problems in one are reported with its file and line."""
    laws, problems = {}, Collector()
    for path in sorted((project.paths.materials / "laws").glob("*.yaml")):
        try:
            law = _load_law(project, path)
        except ProjectError as error:
            problems.extend(error)
            continue
        laws[law.id] = law
    problems.raise_if_any()
    return laws


def _load_law(project: Project, path: Path) -> Law:
    problems = Collector()
    data = load_yaml(path)
    check_schema(data, "law", path, problems)
    problems.raise_if_any()
    rules = data["rules"]
    law = Law(
        id=path.stem, title=data["title"], jurisdiction=data["jurisdiction"], region=data["region"], who=data["who"],
        source=data["source"], verified=datetime.date.fromisoformat(data["verified"]), verification=data["verification"],
        verification_note=data.get("verification_note", ""), min_size=tuple(rules["min_size"]),
        min_type_pt=css_length_in_points(rules["min_type"]), languages=tuple(rules["languages"]),
        county_language=rules["county_language"], staff_languages=rules.get("staff_languages", False),
        separate_signs=rules["separate_signs"], material=rules.get("material"),
        sizes=tuple(tuple(size) for size in data.get("sizes", [rules["min_size"]])),
        counties={key: County(**value) for key, value in data.get("counties", {}).items()},
        counties_verified=data.get("counties_verified", True), text=dict(data["text"]),
        elements={key: Element(key, value["requires"], tuple(tuple(item.split(".")) for item in value.get("shows", ())))
                  for key, value in data.get("elements", {}).items()},
        reviewed_translations=tuple(data.get("reviewed_translations", ())), source_file=project.paths.relative(path),
        lines={key: location_of(data, key).line for key in data},
    )
    _check_references(project, law, data, problems)
    problems.raise_if_any()
    return law


def _check_references(project: Project, law: Law, data: dict[str, Any], problems: Collector) -> None:
    if law.region not in project.regions:
        problems.add(f"unknown region '{law.region}'", location_of(data, "region"))
    if law.material and law.material not in project.materials:
        problems.add(f"unknown material '{law.material}'", location_of(data["rules"], "material"))
    for tag in [*law.languages, *(county.language for county in law.counties.values())]:
        if tag not in project.languages:
            problems.add(f"unknown language '{tag}'", location_of(data, "rules"))
    shows_known = _check_shown_entries(project, law, location_of(data, "elements"), problems)
    for tag, wording in law.text.items():
        where = location_of(data["text"], tag)
        if _check_wording_shape(law, tag, wording, where, problems):
            for element, text in law.passages(tag):
                _check_printed_numbers(project, law, text, where, problems)
                if element and shows_known:
                    _check_shows(project, law.elements[element], tag, text, where, problems)


def _check_shown_entries(project: Project, law: Law, where: Location | None, problems: Collector) -> bool:
    """Every registry number or address an element shows exists."""
    ok = True
    for element in law.elements.values():
        for line_id, field_name in element.shows:
            line = project.hotlines.get(line_id)
            if line is None or getattr(line, field_name) is None:
                problems.add(f"element '{element.id}' shows {line_id}.{field_name}, which materials/hotlines.yaml does not have",
                             where)
                ok = False
    return ok


def _check_wording_shape(law: Law, tag: str, wording: object, where: Location | None, problems: Collector) -> bool:
    """A statute's wording is one text; an element law's is a title and one passage per element."""
    if not law.elements:
        if not isinstance(wording, str):
            problems.add(f"text {tag}: the wording of a statute is one text (or add elements: to the file)", where)
        return isinstance(wording, str)
    if not isinstance(wording, dict):
        problems.add(f"text {tag}: give a passage for each element ({', '.join(law.elements)})", where)
        return False
    missing = [key for key in law.elements if key not in wording]
    unknown = [key for key in wording if key not in law.elements and key != TITLE_KEY]
    if missing:
        problems.add(f"text {tag}: no passage for {', '.join(missing)}, which the law requires", where)
    if unknown:
        problems.add(f"text {tag}: {', '.join(unknown)} is not an element of this law (elements: {', '.join(law.elements)})", where)
    return not missing and not unknown


def shown_forms(project: Project, element: Element) -> list[str]:
    """How the registry numbers and addresses an element shows appear on a sign:
    1-888-373-7888, humantraffickinghotline.org."""
    return [_printed_form(project.hotlines[line_id], field_name) for line_id, field_name in element.shows]


def _printed_form(line: Hotline, field_name: str) -> str:
    if field_name in ("phone", "sms"):
        number = getattr(line, field_name)
        return number.vanity if number.vanity_only else number.display  # a derived digit form is never printed
    return re.sub(r"^https://(www\.)?", "", line.web or "").rstrip("/")


def _check_shows(project: Project, element: Element, tag: str, text: str, where: Location | None,
                 problems: Collector) -> None:
    for (line_id, field_name), expected in zip(element.shows, shown_forms(project, element)):
        if expected.lower() not in text.lower():
            problems.add(f"text {tag}: the passage for '{element.id}' must print {expected} ({line_id}.{field_name})", where)


def _check_printed_numbers(project: Project, law: Law, text: str, where: Location | None, problems: Collector) -> None:
    """Every number the wording prints must dial a registry entry, and none may be known-bad."""
    known = [number for line in project.hotlines.values() for number in (line.phone, line.sms, line.tty) if number]
    for printed in PRINTED_NUMBER.findall(text):
        bad = next((bad for bad in project.known_bad if digits_of(bad.form) == digits_of(printed)), None)
        if bad:
            problems.add(f"the wording prints {printed}, a known wrong number; the correct number is {bad.correct}", where)
        elif not any(spells(printed, digits_of(number.dial.lstrip("+"))) for number in known):
            problems.add(f"the wording prints {printed}, which is not a number in materials/hotlines.yaml: "
                         f"check the statute and add the line to the registry", where)


def notice_languages(law: Law, county: str | None, extra: list[str]) -> list[str]:
    """The languages a notice must carry: the law's own, the county's, and those asked for."""
    languages = list(law.languages)
    if law.county_language:
        if county is None:
            raise ProjectError(f"{law.title} needs --county (one of: {', '.join(sorted(law.counties))}): "
                               "its third language is the county's", law.location("counties"))
        if county not in law.counties:
            raise ProjectError(f"unknown county '{county}' (known: {', '.join(sorted(law.counties))})", law.location("counties"))
        languages.append(law.counties[county].language)
    elif county is not None:
        raise ProjectError(f"{law.title} has no county rule; leave out --county", law.location("rules"))
    for tag in extra:
        if tag not in languages and not law.staff_languages:
            raise ProjectError(f"{law.title} does not list '{tag}' (its languages: {', '.join(languages)})", law.location("rules"))
        if tag not in languages:
            languages.append(tag)
    return list(dict.fromkeys(languages))


def require_wording(law: Law, languages: list[str]) -> None:
    if law.material:
        return
    if not law.text:
        raise ProjectError(f"{law.title}: this project has no wording for this notice ({law.verification_note})",
                           law.location("text"))
    missing = [tag for tag in languages if tag not in law.text]
    if missing:
        raise ProjectError(f"{law.title}: no wording in {', '.join(missing)}; add a translation under text:", law.location("text"))


def stale_or_partial(law: Law) -> list[str]:
    warnings = []
    if law.verification == "partial":
        warnings.append(f"{law.source_file}: the wording of {law.title} is verified only in part: {law.verification_note}")
    if law.county_language and not law.counties_verified:
        warnings.append(f"{law.source_file}: the county languages of {law.title} are not verified; confirm the county's "
                        "Voting Rights Act languages before posting")
    return warnings
