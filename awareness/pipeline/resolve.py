"""Stage 2, resolve: which outputs a build makes, and for a material everything it is rendered
from (language, catalog, region, hotlines, QR code, page, co-branding, PDF variant) as plain
data. No I/O beyond the loaded project; the data is what the manifest fingerprints."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..i18n.languages import Language, LocaleDataMissing
from ..model.design import DesignTokens
from ..model.diagnostics import Location, ProjectError
from ..model.hotline import Hotline, PhoneNumber, WebAddress
from ..model.material import Campaign, CoBrand, Material, Organization, PdfVariant, QrSpec, Region
from ..model.project import Project
from ..model.units import css_length_in_points
from .jobs import JobKey


@dataclass(frozen=True)
class LineView:
    """A hotline as a page shows it: its numbers and addresses, plus facts already worded in
    the page's language."""

    id: str
    name: str  # English; the template translates it
    about: str
    phone: PhoneNumber
    sms: PhoneNumber | None
    tty: PhoneNumber | None
    web: WebAddress | None
    chat: WebAddress | None
    open_always: bool
    phone_languages: str  # "English and Spanish", in the page's language
    text_languages: str
    text_in_this_language: bool  # texts and chats are answered in the page's language
    interpreted_count: int | None


@dataclass(frozen=True)
class QrView:
    payload: str
    action: str  # call | text | web | chat: what scanning does, for the caption
    label: str  # printed with the code, for those who cannot scan
    size: str = "24mm"  # side of the symbol


@dataclass(frozen=True)
class MaterialSpec:
    """Everything one material is rendered from; plain data, so it can go to a worker."""

    key: JobKey
    material: Material
    language: Language
    catalog: Path | None
    draft: bool  # the translation is not reviewed: marked on the page
    region: Region
    hotline: LineView
    more_hotlines: tuple[LineView, ...]
    emergency: LineView
    local_line: LineView | None
    organizations: tuple[Organization, ...]
    qr: QrView | None
    paper: str  # letter or a4: the region's, or the campaign's override
    page_size: tuple[str, str]
    bleed: str | None  # a CSS length, or None for none
    crop_marks: bool
    variant: PdfVariant
    design: DesignTokens
    cobrand: CoBrand | None
    verified: str  # the date the numbers were checked, written in the language
    verified_on: datetime.date
    proof_note: str | None  # printed on proofs of a translation no native speaker reviewed
    release: bool = False


def plan_materials(
    project: Project,
    campaign: Campaign,
    materials: list[str] | None = None,
    languages: list[str] | None = None,
    region: str | None = None,
) -> list[JobKey]:
    """The material jobs of a campaign, narrowed by the command line; unknown names are errors."""
    material_ids = _chosen(materials, campaign.materials, project.materials, project, "material")
    region_ids = _chosen([region] if region else None, campaign.regions, project.regions, project, "region")
    keys: list[JobKey] = []
    for region_id in region_ids:
        default = project.regions[region_id].languages if campaign.languages == "region" else campaign.languages
        for tag in _chosen(languages, default, project.languages, project, "language"):
            keys.extend(JobKey("material", campaign.name, region_id, tag, material_id) for material_id in material_ids)
    return keys


def campaign_of(project: Project, name: str) -> Campaign:
    if name in project.campaigns:
        return project.campaigns[name]
    broken = project.problem("campaign", name)
    if broken:
        raise broken
    raise ProjectError.of("reference.campaign", f"unknown campaign '{name}' (known: {', '.join(sorted(project.campaigns))})")


def _chosen(
    requested: list[str] | None, default: tuple[str, ...] | str, known: Mapping[str, object], project: Project, kind: str
) -> list[str]:
    if requested:
        names = list(requested)
    elif default == "all":  # broken ones too, so that the summary names them as failed
        broken = [key.split(":", 1)[1] for key in project.broken if key.startswith(f"{kind}:")]
        names = sorted({*known, *broken})
    else:
        names = list(default)
    for name in names:
        if name not in known and not project.problem(kind, name):
            raise ProjectError.of(f"reference.{kind}", f"unknown {kind} '{name}' (known: {', '.join(sorted(known))})")
    return names


def resolve_material(project: Project, key: JobKey, release: bool = False) -> MaterialSpec:
    """The render spec of one material; a broken material or catalog fails this job only."""
    for kind, name in (("material", key.subject), ("language", key.language)):
        broken = project.problem(kind, name)
        if broken:
            raise broken
    material = project.materials[key.subject]
    entry = project.languages[key.language]
    region = project.regions[key.region]
    campaign = project.campaigns.get(key.campaign)
    paper = campaign.paper if campaign and campaign.paper else region.paper
    language = entry.language
    variant = campaign.variant if campaign else PdfVariant()
    cobrand = campaign.cobrand if campaign else None
    where = Location(project.paths.root / material.source_file)
    try:
        view = _viewer(project, language)
        shown = [region.hotline, *region.more_hotlines, region.emergency]
        verified_on = min(project.hotlines[line_id].verified for line_id in shown)
        return MaterialSpec(
            key=key,
            material=material,
            language=language,
            catalog=entry.catalog,
            draft=entry.is_draft,
            region=region,
            hotline=view(region.hotline),
            more_hotlines=tuple(view(line) for line in region.more_hotlines),
            emergency=view(region.emergency),
            local_line=view(cobrand.local_line) if cobrand and cobrand.local_line else None,
            organizations=tuple(project.organizations[org] for org in material.organizations),
            qr=_qr_view(
                material, campaign.qr if campaign and campaign.qr else material.qr, project.hotlines[region.hotline], where
            ),
            paper=paper,
            page_size=material.sizes[paper],
            bleed=bleed_of(material, campaign, paper),
            crop_marks=(campaign.print if campaign and campaign.print else material.print).crop_marks,
            variant=variant,
            design=_design(project.design, cobrand),
            cobrand=cobrand,
            verified=language.format_date(verified_on),
            verified_on=verified_on,
            proof_note=proof_note(language) if entry.is_draft and not release else None,
            release=release,
        )
    except LocaleDataMissing as missing:
        raise ProjectError.of("language.locale-data", str(missing), Location(entry.catalog or where.path), key.name) from None


def _viewer(project: Project, language: Language):  # type: ignore[no-untyped-def]
    return lambda line_id: line_view(project.hotlines[line_id], language)


def line_view(line: Hotline, language: Language) -> LineView:
    def names(tags: tuple[str, ...]) -> str:
        return language.format_list([language.language_name(tag) for tag in tags]) if tags else ""

    text_here = not line.text_languages or language.base in {tag.split("-")[0] for tag in line.text_languages}
    return LineView(
        line.id,
        line.name,
        line.about,
        line.phone,
        line.sms,
        line.tty,
        line.web,
        line.chat,
        line.open_always,
        names(line.phone_languages),
        names(line.text_languages),
        text_here,
        line.interpreted_languages,
    )


def _design(tokens: DesignTokens, cobrand: CoBrand | None) -> DesignTokens:
    if not cobrand:
        return tokens
    colours = {name: value for name, value in (("primary", cobrand.primary), ("accent", cobrand.accent)) if value}
    return tokens.with_colours(colours) if colours else tokens


def _qr_view(material: Material, spec: QrSpec | None, line: Hotline, where: Location) -> QrView | None:
    """What the code does decides its caption: a code that dials is never captioned as a page."""
    if spec is None or not spec.enabled:
        return None
    view = _qr_action(material, spec.payload, line, where)
    return QrView(view.payload, view.action, view.label, material.qr.size if material.qr else spec.size)


def _qr_action(material: Material, payload: str, line: Hotline, where: Location) -> QrView:
    if payload == "web" and line.web:
        return QrView(line.web.url, "web", line.web.label)
    if payload == "chat" and line.chat:
        return QrView(line.chat.url, "chat", line.chat.label)
    if payload in ("web", "chat", "tel"):  # no checked official page: the code dials the line instead
        return QrView(line.phone.tel_uri, "call", line.phone.short)
    if payload == "sms":
        if line.sms is None:
            raise ProjectError.of(
                "qr.payload", f"material '{material.id}' wants a QR code that texts, but '{line.id}' has no text line", where
            )
        return QrView(line.sms.sms_uri, "text", line.sms.short)
    return QrView(payload, "web", WebAddress(payload).label)


STANDARD_BLEED = {"letter": "0.125in", "a4": "3mm"}
MIN_BLEED_FOR_MARKS_PT = css_length_in_points("3mm") - 0.01


def bleed_of(material: Material, campaign: Campaign | None, paper: str) -> str | None:
    """The bleed length; refused when larger than the material's safe margin (a cut that
    drifts by the bleed must never reach text) or too small to hold crop marks."""
    spec = campaign.print if campaign and campaign.print else material.print
    where = Location(Path(campaign.source_file if campaign and campaign.print else material.source_file))
    bleed = STANDARD_BLEED[paper] if spec.bleed is True else spec.bleed or None
    points = css_length_in_points(bleed) if bleed else 0.0
    if points > css_length_in_points(material.safe_margin) + 0.01:
        raise ProjectError.of(
            "print.bleed", f"bleed {bleed} of {material.id} is larger than its safe margin {material.safe_margin}", where
        )
    if spec.crop_marks and points < MIN_BLEED_FOR_MARKS_PT:
        raise ProjectError.of("print.bleed", f"crop marks of {material.id} need a bleed of at least 3mm to be printed in", where)
    return bleed


def proof_note(language: Language) -> str:
    return f"Draft: the {language.english_name} translation has not been reviewed by a native speaker yet."
