"""Which languages a notice must carry, by the law's rule, so that a user gets the right third
language without knowing the rule: the county's Voting Rights Act section 203 language
(materials/vra_languages.yaml), or each language read by at least 10 % of the workforce, or
the languages an agency adds, asked for by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..load.schema import check_schema
from ..load.yamlsafe import load_yaml, location_of
from ..model.diagnostics import Collector, Diagnostic, Location, ProjectError, warning
from ..model.project import Project
from .model import VRA_FILE, Law, VraCounty

WORKFORCE_SHARE = 10.0  # percent


@dataclass(frozen=True)
class NoticeLanguages:
    languages: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    county_name: str | None = None


def vra_counties(project: Project) -> dict[tuple[str, str], VraCounty]:
    return _vra_counties(project.paths.materials / VRA_FILE)


@cache
def _vra_counties(path: Path) -> dict[tuple[str, str], VraCounty]:
    if not path.is_file():
        return {}
    problems = Collector()
    data = load_yaml(path)
    if not check_schema(data, "vra_languages", path, problems):
        problems.raise_if_errors()
    found = {}
    for state, counties in data["states"].items():
        for key, entry in counties.items():
            if not [tag for tag in entry["languages"] if not tag.startswith("aian:")] and not entry.get("note"):
                problems.add(
                    "vra.county", f"{entry['name']}: no printed language and no note saying why", location_of(counties, key)
                )
            where = location_of(counties, key)
            found[state, key] = VraCounty(
                state,
                key,
                entry["name"],
                tuple(entry["languages"]),
                entry.get("most_spoken"),
                entry.get("note", ""),
                entry["verified"],
                where.line if where else None,
            )
    problems.raise_if_errors()
    return found


def notice_languages(
    project: Project, law: Law, county: str | None, extra: tuple[str, ...] = (), workforce: dict[str, float] | None = None
) -> NoticeLanguages:
    """The languages of a notice: the law's own, then those its rule adds."""
    languages = list(law.languages.required)
    notes: list[Diagnostic] = []
    county_name = None
    rule = law.languages.rule
    if county is not None and rule != "vra_county":
        raise ProjectError.of(
            "law.county", f"{law.title} does not choose a language by county; leave out --county", law.location("languages")
        )
    if rule == "vra_county":
        added, county_name, notes = _county_language(project, law, county, extra)
        languages += added
    elif rule == "workforce_10pct":
        languages += [
            tag for tag, share in sorted((workforce or {}).items(), key=lambda pair: -pair[1]) if share >= WORKFORCE_SHARE
        ]
        languages += list(extra)
    elif rule in ("agency_may_add", "department_may_add"):
        languages += list(extra)
    elif extra and not set(extra) <= set(languages):
        raise ProjectError.of(
            "law.languages",
            f"{law.title} is printed in {', '.join(languages)} only; it adds no other language",
            law.location("languages"),
        )
    unknown = [tag for tag in languages if tag not in project.languages]
    if unknown:
        raise ProjectError.of("reference.language", f"unknown language '{unknown[0]}'", law.location("languages"))
    return NoticeLanguages(tuple(dict.fromkeys(languages)), tuple(notes), county_name)


def _county_language(
    project: Project, law: Law, county: str | None, extra: tuple[str, ...]
) -> tuple[list[str], str | None, list[Diagnostic]]:
    table = vra_counties(project)
    known = sorted(key for state, key in table if state == law.state)
    if county is None:
        if not any(entry.printed_languages() for (state, _key), entry in table.items() if state == law.state):
            return list(extra), None, [_statewide_note(project, law)]
        raise ProjectError.of(
            "law.county",
            f"{law.title} adds the county's Voting Rights Act language: give --county "
            f"(known for {law.state}: {', '.join(known) or 'none yet'})",
            law.location("languages"),
        )
    entry = table.get((law.state, county))
    where = Location(project.paths.materials / VRA_FILE)
    if entry is None:
        note = warning(
            "law.county-not-covered",
            f"{county} is not in the {law.state} section 203 list of {VRA_FILE}: the "
            "notice is in English and Spanish only; check the county's determination",
            where,
        )
        return list(extra), county, [note]
    where = Location(project.paths.materials / VRA_FILE, entry.line)
    notes = (
        []
        if entry.verified
        else [
            warning(
                "law.county-unverified",
                f"the section 203 languages of {entry.name} are not verified: confirm them before posting",
                where,
            )
        ]
    )
    printed = entry.printed_languages()
    if extra:
        foreign = [tag for tag in extra if tag not in printed]
        if foreign:
            raise ProjectError.of(
                "law.languages",
                f"{entry.name} is covered for {', '.join(printed) or 'no printed language'}, not {', '.join(foreign)}",
                where,
            )
        return list(extra), entry.name, notes
    if entry.most_spoken:
        return [entry.most_spoken], entry.name, notes
    if len(printed) <= 1:
        return printed, entry.name, notes
    raise ProjectError.of(
        "law.languages",
        f"{entry.name} is covered for {', '.join(printed)}, and {VRA_FILE} does not say which is "
        "most widely spoken: choose one with --lang",
        where,
    )


def _statewide_note(project: Project, law: Law) -> Diagnostic:
    """No county asked for, and no county of the state has a printed section 203 language in
    the table: English and Spanish, said plainly, since the table is known to be incomplete."""
    return warning(
        "law.county-statewide",
        f"no county given, and no {law.state} county in {VRA_FILE} has a printed section 203 "
        "language besides English and Spanish: the notice is in English and Spanish. The list is not complete: "
        "give --county to check the county where it is posted",
        Location(project.paths.materials / VRA_FILE),
    )
