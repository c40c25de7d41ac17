"""What must I post? Given a site (a state, its county, a kind of business, the languages its
workforce reads), the notices the laws in materials/laws/ require there: each law's formats,
where each goes, its size and least type, and the languages its rule gives for that place.
Plain data, planned in one place: the `post` command prints it, the build makes its notices
(one notice order per law) and the checklist job prints it for the site's wall."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..load.schema import check_schema
from ..load.yamlsafe import load_yaml
from ..model.diagnostics import Collector, Location, ProjectError
from ..model.material import NoticeOrder
from ..model.project import Project
from .languages import notice_languages
from .model import KINDS_FILE, Law, LawFormat, LawWords, law_words

NO_DUTY_FILE = "no_posting_duty.yaml"
POST_CAMPAIGN = "post"


@dataclass(frozen=True)
class Site:
    state: str  # USPS code
    county: str | None  # a key of materials/vra_languages.yaml ("los_angeles"), or a city ("baltimore_city")
    business: str  # a kind of materials/business_kinds.yaml
    workforce: tuple[tuple[str, float], ...] = ()  # (language, percent of workers or users who read it)

    @property
    def place(self) -> str:
        """The site in a job key: "tx-harris", "fl-statewide"."""
        return f"{self.state.lower()}-{self.county or 'statewide'}"

    @property
    def workforce_code(self) -> str:
        """The workforce in a job key: "vi-12_ko-5"."""
        return "_".join(f"{tag}-{share:g}" for tag, share in self.workforce)


@dataclass(frozen=True)
class FormatNeed:
    """One form a law allows, with where it goes and its rules, in words."""

    name: str  # the law file's key, e.g. "stall_sign"
    words: str  # what it is, in words: "sign inside a restroom stall"
    where: tuple[str, ...]  # in words
    where_rule: str  # "in each of these places" / "in one of these places"
    size: str  # "at least 8.5in x 11in"
    type: str  # "type at least 16 pt; the number at least 30 pt, bold"
    note: str = ""


@dataclass(frozen=True)
class Requirement:
    """A law that applies to the site, and what it takes."""

    law_id: str
    title: str
    citation: str
    verification: str
    who: str
    formats_rule: str  # "or" (alternatives) / "and" (each where it goes)
    formats: tuple[FormatNeed, ...]
    languages: tuple[str, ...]  # () when they cannot be worked out (see problem)
    separate_signs: bool
    equal_parts: bool
    problem: str | None  # why the notice cannot be built for this site, or None
    note: str  # the verification note: what was not verified
    order: NoticeOrder | None  # what the build makes (None: not built)
    penalties: str = ""


@dataclass(frozen=True)
class SitePlan:
    site: Site
    business_name: str
    county_name: str | None
    requirements: tuple[Requirement, ...]
    no_duty: str | None = None  # why the state has none, where researched
    notes: tuple[str, ...] = field(default=())


def county_key(text: str | None) -> str | None:
    """ "Los Angeles", "los-angeles County" -> "los_angeles"."""
    if not text:
        return None
    key = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return re.sub(r"_(county|parish)$", "", key) or None


def plan_site(project: Project, site: Site) -> SitePlan:
    """The notices the laws require at a site; a kind of business no law file knows is an error."""
    words = law_words(project)
    kinds = words.kinds
    if site.business not in kinds:
        raise ProjectError.of(
            "post.business",
            f"'{site.business}' is not a kind of business in materials/{KINDS_FILE} (known: {', '.join(sorted(kinds))})",
            Location(project.paths.materials / KINDS_FILE),
        )
    laws = [law for law in project.laws.values() if _applies(law, site)]
    requirements = tuple(
        _requirement(project, law, site, words) for law in sorted(laws, key=lambda law: (law.locality or "", law.id))
    )
    broken = [name.split(":", 1)[1] for name in project.broken if name.startswith("law:")]
    notes = tuple(f"materials/laws/{name}.yaml could not be read, so it is not in this answer: fix it first" for name in broken)
    county_name = site.county.replace("_", " ").title() if site.county else None
    return SitePlan(site, kinds[site.business], county_name, requirements, _no_duty(project, site.state), notes)


def _applies(law: Law, site: Site) -> bool:
    if law.state != site.state or site.business not in law.business_kinds:
        return False
    return law.locality is None or county_key(law.locality) == site.county


def _requirement(project: Project, law: Law, site: Site, words: LawWords) -> Requirement:
    formats = tuple(_format_need(law, fmt, words) for fmt in law.formats.values())
    languages: tuple[str, ...] = ()
    problem = None
    county = site.county if law.languages.rule == "vra_county" else None
    workforce = dict(site.workforce) if law.languages.rule == "workforce_10pct" else {}
    try:
        languages = notice_languages(project, law, county, (), workforce).languages
    except ProjectError as error:
        problem = error.first.message
    if law.verification == "none":
        problem = f"not built: no text of the law was read ({law.verification_note.strip()})"
    elif languages and not any(fmt.material for fmt in law.formats.values()):
        missing = [tag for tag in languages if tag not in law.text]
        if missing:
            problem = f"no wording in {', '.join(missing)} in materials/laws/{law.id}.yaml: add a translation under text:"
    order = (
        None
        if problem and law.verification == "none"
        else NoticeOrder(law.id, county, (), None, None, tuple(sorted(workforce.items())))
    )
    return Requirement(
        law.id,
        law.title,
        law.citation,
        law.verification,
        law.who,
        "and" if law.formats_rule == "all" else "or",
        formats,
        languages,
        law.languages.separate_signs,
        bool(law.languages.equal_parts),
        problem,
        law.verification_note.strip() if law.verification != "full" else "",
        order,
        law.penalties,
    )


def _format_need(law: Law, fmt: LawFormat, words: LawWords) -> FormatNeed:
    places = fmt.placement or law.placement
    size = (
        f"at least {' x '.join(fmt.min_size)}" + (" (either way up)" if fmt.either_orientation else "")
        if fmt.min_size
        else "no size set by law: " + " x ".join(fmt.sizes[0])
        if fmt.sizes
        else "as the material"
    )
    number = f"; the number at least {fmt.number_min_pt:g} pt" if fmt.number_min_pt else ""
    bold = "; the number in bold" if fmt.number_bold else ""
    body = "; all text bold" if fmt.bold_body else ""
    qr = "; the hotline's QR code" if fmt.qr else ""
    rule = fmt.placement_rule or law.placement_rule
    return FormatNeed(
        fmt.name,
        words.formats[fmt.name],  # places and forms were checked when the law was loaded
        tuple(words.places[place] for place in places),
        "in one of these places" if rule == "any" else "in each of these places",
        size,
        f"type at least {fmt.min_type_pt:g} pt{number}{bold}{body}{qr}",
        fmt.note,
    )


def _no_duty(project: Project, state: str) -> str | None:
    path = project.paths.materials / NO_DUTY_FILE
    if not path.is_file():
        return None
    data = load_yaml(path)
    problems = Collector()
    if not check_schema(data, "no_posting_duty", path, problems):
        problems.raise_if_errors()
    entry = data.get(state)
    return f"{entry['citation']}: {' '.join(entry['why'].split())}" if entry else None


def site_of_key(project: Project, subject: str, place: str, variant: str) -> Site:
    """The site a checklist's job key names (the inverse of Site.place and workforce_code)."""
    state, _, county = place.partition("-")
    workforce = []
    for part in filter(None, variant.split("_")):
        tag, _, share = part.rpartition("-")
        try:
            workforce.append((tag, float(share)))
        except ValueError:
            raise ProjectError.of("post.key", f"'{variant}' does not name a workforce (language-percent_...)") from None
    return Site(state.upper(), None if county in ("", "statewide") else county, subject, tuple(workforce))


def plan_as_data(plan: SitePlan) -> dict[str, Any]:
    """The answer as JSON for `post --format json`."""
    return {
        "state": plan.site.state,
        "county": plan.site.county,
        "business": plan.site.business,
        "workforce": dict(plan.site.workforce),
        "no_duty": plan.no_duty,
        "notes": list(plan.notes),
        "notices": [
            {
                "law": req.law_id,
                "title": req.title,
                "citation": req.citation,
                "verification": req.verification,
                "languages": list(req.languages),
                "separate_signs": req.separate_signs,
                "problem": req.problem,
                "formats_rule": req.formats_rule,
                "unverified": req.note,
                "formats": [
                    {
                        "name": need.name,
                        "words": need.words,
                        "where": list(need.where),
                        "where_rule": need.where_rule,
                        "size": need.size,
                        "type": need.type,
                        "note": need.note,
                    }
                    for need in req.formats
                ],
            }
            for req in plan.requirements
        ],
    }
