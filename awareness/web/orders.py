"""What a visitor asks for, read from a form or an address and checked with the engine's own
checks, as plain data: a material order (what, in which languages and region, with whose
branding) or a notice order (which law, where). Each has a content key for the caches and
becomes an ad-hoc Campaign for the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.datastructures import ImmutableMultiDict

from ..cli.build import parse_workforce
from ..laws.model import Law
from ..load.cobrand import colour_problems
from ..load.project import check_printed_text
from ..model.design import HEX
from ..model.diagnostics import Collector, ProjectError
from ..model.material import Campaign, CoBrand, NoticeOrder
from ..model.project import Project
from ..pipeline.jobs import JobKey
from ..pipeline.resolve import plan_materials
from .cache import content_key
from .errors import PageError
from .pagetext import PageText
from .uploads import Logo

WEB_CAMPAIGN = "web"  # the name of every ad-hoc campaign of the page (registered only while it builds)
MAX_ORGANIZATION_CHARS = 80
DEFAULT_REGION = "us"


Fields = ImmutableMultiDict[str, Any]  # a submitted form (FormData) or an address's query (QueryParams)


@dataclass(frozen=True)
class Branding:
    organization: str | None = None
    primary: str | None = None
    accent: str | None = None
    local_line: str | None = None
    logo: Logo | None = None

    def cobrand(self, logo_path: Path | None) -> CoBrand:
        return CoBrand(self.organization, logo_path, self.primary, self.accent, self.local_line)

    def content(self) -> dict[str, str | None]:
        return {
            "organization": self.organization,
            "primary": self.primary,
            "accent": self.accent,
            "local_line": self.local_line,
            "logo": self.logo.sha256 if self.logo else None,
        }


@dataclass(frozen=True)
class MaterialOrder:
    material: str
    languages: tuple[str, ...]
    region: str
    branding: Branding | None = None

    @property
    def bundled(self) -> bool:
        """Several languages come as one zip of the pipeline's bundles (PDFs, office sheets, proof page)."""
        return len(self.languages) > 1

    def key(self, *purpose: str) -> str:
        return content_key(
            "material", *purpose, self.material, self.languages, self.region, self.branding.content() if self.branding else None
        )

    def campaign(self, logo_path: Path | None = None) -> Campaign:
        return Campaign(
            WEB_CAMPAIGN,
            (self.material,),
            self.languages,
            (self.region,),
            source_file="",
            cobrand=self.branding.cobrand(logo_path) if self.branding else None,
            bundle=self.bundled,
            sheets=self.bundled,
        )

    def job(self, project: Project, language: str) -> JobKey:
        return plan_materials(project, self.campaign(), [self.material], [language], self.region)[0]


@dataclass(frozen=True)
class NoticeRequest:
    law: Law
    county: str | None
    workforce: tuple[tuple[str, float], ...]

    def key(self, *purpose: str) -> str:
        return content_key("notice", *purpose, self.law.id, self.county, self.workforce)

    def campaign(self) -> Campaign:
        order = NoticeOrder(self.law.id, self.county, workforce=self.workforce)
        return Campaign(WEB_CAMPAIGN, (), (), (self.law.region,), source_file="", notices=(order,))


def material_order(fields: Fields, project: Project, text: PageText, logo: Logo | None = None) -> MaterialOrder:
    material = _known(
        fields.get("material") or "",
        project.materials,
        text.gettext("There is no material called “%(name)s”. The materials are: %(known)s."),
    )
    region = _known(
        fields.get("region") or DEFAULT_REGION,
        project.regions,
        text.gettext("There is no region “%(name)s”. The regions are: %(known)s."),
    )
    asked = list(dict.fromkeys(value for value in fields.getlist("lang") if isinstance(value, str) and value))
    if not asked:
        raise PageError(400, text.gettext("Choose at least one language."))
    unknown_language = text.gettext("There is no language “%(name)s” here. The languages are: %(known)s.")
    languages = tuple(_known(tag, project.languages, unknown_language) for tag in asked)
    return MaterialOrder(material, languages, region, branding_of(fields, project, text, logo))


def branding_of(fields: Fields, project: Project, text: PageText, logo: Logo | None) -> Branding | None:
    organization = _organization(str(fields.get("organization") or "").strip(), text)
    primary = accent = None
    if fields.get("colours"):
        primary, accent = str(fields.get("primary") or ""), str(fields.get("accent") or "") or None
        problems = colour_problems(primary)  # white text must stay readable on it (WCAG AA)
        if problems:
            raise PageError(422, text.gettext("This main colour cannot be used."), tuple(problems))
        if accent and not HEX.match(accent):
            raise PageError(422, text.gettext("The accent colour must be written #rrggbb."))
    local_line = str(fields.get("local_line") or "") or None
    if local_line and local_line not in project.hotlines:
        raise PageError(404, text.gettext("There is no line “%(name)s” in the registry.", name=local_line))
    chosen = Branding(organization, primary, accent, local_line, logo)
    return chosen if chosen != Branding() else None


def _organization(name: str, text: PageText) -> str | None:
    if not name:
        return None
    if len(name) > MAX_ORGANIZATION_CHARS:
        raise PageError(
            422, text.gettext("The organisation name may have at most %(count)s characters.", count=MAX_ORGANIZATION_CHARS)
        )
    problems = Collector()
    check_printed_text(name, "organisation name", None, problems)
    if problems.errors:
        raise PageError.of(422, text.gettext("The organisation name cannot be printed as written."), problems.errors)
    return name


def notice_request(fields: Fields, project: Project, text: PageText, logo: Logo | None = None) -> NoticeRequest:
    law = project.laws[
        _known(
            fields.get("law") or "",
            project.laws,
            text.gettext("There is no notice law “%(name)s” here. The laws are: %(known)s."),
        )
    ]
    if logo is not None and law.logo_allowed is not True:
        raise PageError(
            422,
            text.gettext(
                "%(law)s does not allow a logo on its notice: the notice is printed as the law words it.", law=law.title
            ),
        )
    county = str(fields.get("county") or "") or None
    return NoticeRequest(law, county if law.languages.rule == "vra_county" else None, workforce(fields, text))


def workforce(fields: Fields, text: PageText) -> tuple[tuple[str, float], ...]:
    try:
        return parse_workforce(str(fields.get("workforce") or "").replace(" ", "") or None)
    except ProjectError:
        raise PageError(422, text.gettext("Write the staff languages as language=percent, for example vi=12, ko=5.")) from None


def _known(name: str, known: Mapping[str, object], message: str) -> str:
    if name not in known:
        raise PageError(404, message % {"name": name, "known": ", ".join(sorted(known))})
    return name
