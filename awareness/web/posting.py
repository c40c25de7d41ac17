"""“What must I post?”: the notice laws of a state that name a kind of business, read from the
law data, each with the languages its rule gives for the county or the staff (laws/languages.py)
and whether this project builds it."""

from __future__ import annotations

from dataclasses import dataclass

from ..laws.languages import notice_languages, vra_counties
from ..laws.model import Law, LawWords, VraCounty
from ..laws.post import Site, plan_site
from ..model.diagnostics import Diagnostic, ProjectError
from ..model.project import Project


@dataclass(frozen=True)
class Requirement:
    law: Law
    languages: tuple[str, ...]  # empty when the rule needs more (a county)
    language_problem: str | None  # why the languages could not be chosen
    notes: tuple[Diagnostic, ...]  # warnings: an unverified county, wording verified in part
    county_name: str | None
    needs_county: bool = False  # the law adds the county's language: choose the county first

    @property
    def buildable(self) -> bool:
        return self.law.verification != "none" and not self.language_problem and not self.needs_county


def states(project: Project) -> dict[str, str]:
    """State code -> its name, for the states with a notice law."""
    return dict(sorted({law.state: law.jurisdiction for law in project.laws.values()}.items(), key=lambda pair: pair[1]))


def business_kinds(project: Project, words: LawWords) -> dict[str, str]:
    """The kinds of business some law names, in plain words."""
    named = {kind for law in project.laws.values() for kind in law.business_kinds}
    return {kind: name for kind, name in words.kinds.items() if kind in named}


def counties(project: Project) -> dict[str, list[VraCounty]]:
    """State code -> its counties, for states whose laws add the county's language."""
    states_by_county = {law.state for law in project.laws.values() if law.languages.rule == "vra_county"}
    found: dict[str, list[VraCounty]] = {}
    for (state, _key), county in sorted(vra_counties(project).items(), key=lambda pair: pair[1].name):
        if state in states_by_county:
            found.setdefault(state, []).append(county)
    return found


def requirements(
    project: Project, words: LawWords, state: str, kind: str, county: str | None, workforce: tuple[tuple[str, float], ...]
) -> list[Requirement]:
    """The laws that apply, as `post` finds them (laws/post.py: state, kind, city or county);
    their languages worked out here for the page, a county asked for where the rule needs one."""
    if kind not in words.kinds:
        return []
    plan = plan_site(project, Site(state, county, kind, workforce))
    return [_requirement(project, project.laws[found.law_id], county, workforce) for found in plan.requirements]


def _requirement(project: Project, law: Law, county: str | None, workforce: tuple[tuple[str, float], ...]) -> Requirement:
    by_county = county if law.languages.rule == "vra_county" else None
    if law.languages.rule == "vra_county" and by_county is None:
        return Requirement(law, law.languages.required, None, (), None, needs_county=True)
    try:
        chosen = notice_languages(project, law, by_county, (), dict(workforce))
    except ProjectError as error:
        return Requirement(law, (), error.first.message, (), None)
    return Requirement(law, chosen.languages, None, chosen.diagnostics, chosen.county_name)
