"""Stage 2, resolve: which items a build makes, and for each the language, catalog, region,
hotlines, QR payload and page size it is rendered with. No I/O beyond the loaded project."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from .errors import ProjectError
from .hotlines import Hotline, Number
from .languages import Language
from .model import Material, Organization, Project, QrSpec, Region
from .imposition import SheetLayout, sheet_layout
from .units import css_length_in_points


@dataclass(frozen=True)
class BuildItem:
    """One PDF: a material in a language for a region, within a campaign."""

    campaign: str
    material: str
    language: str
    region: str

    def output_path(self, out_dir: Path) -> Path:
        return out_dir / self.campaign / self.region / self.language / f"{self.material}.pdf"

    def __str__(self) -> str:
        return f"{self.region}/{self.language}/{self.material}"


@dataclass(frozen=True)
class HotlineView:
    """A hotline as a page shows it: numbers, plus facts already worded for the language."""

    id: str
    name: str  # English; the template translates it
    about: str
    phone: Number
    sms: Number | None
    tty: Number | None
    open_always: bool
    phone_languages: str
    text_languages: str
    interpreted_count: str


@dataclass(frozen=True)
class QrView:
    payload: str
    label: str  # printed under the code for those who cannot scan


@dataclass(frozen=True)
class RenderJob:
    """Everything one item is rendered from; plain data, so it can go to a worker process."""

    item: BuildItem
    material: Material
    language: Language
    mo_path: Path | None
    region: Region
    hotline: HotlineView
    more_hotlines: tuple[HotlineView, ...]
    emergency: HotlineView
    organizations: tuple[Organization, ...]
    qr: QrView | None
    paper: str  # letter or a4: the region's, or the campaign's override
    page_size: tuple[str, str]
    bleed: str | None  # a CSS length, or None for none
    crop_marks: bool
    sheet: SheetLayout | None  # impose copies on an office sheet too
    verified: str
    proof_note: str | None  # printed on proofs of a translation no native speaker reviewed


def plan_items(project: Project, campaign_name: str, materials: list[str] | None = None,
               languages: list[str] | None = None, region: str | None = None) -> list[BuildItem]:
    """The items of a campaign, narrowed by the command line; unknown names are errors."""
    campaign = _campaign(project, campaign_name)
    material_ids = _chosen(materials, campaign.materials, project.materials, project, "material")
    region_ids = _chosen([region] if region else None, campaign.regions, project.regions, project, "region")
    items = []
    for region_id in region_ids:
        default_languages = project.regions[region_id].languages if campaign.languages == "region" else campaign.languages
        for tag in _chosen(languages, default_languages, project.languages, project, "language"):
            items.extend(BuildItem(campaign.name, material_id, tag, region_id) for material_id in material_ids)
    return items


def _campaign(project: Project, name: str):
    if name in project.campaigns:
        return project.campaigns[name]
    if f"campaign:{name}" in project.broken:
        raise project.broken[f"campaign:{name}"]
    raise ProjectError(f"unknown campaign '{name}' (known: {', '.join(sorted(project.campaigns))})")


def _chosen(requested: list[str] | None, default: tuple[str, ...] | str, known: dict, project: Project, kind: str) -> list[str]:
    if requested:
        names = list(requested)
    elif default == "all":  # broken ones too, so that the summary names them as failed
        broken = [key.split(":", 1)[1] for key in project.broken if key.startswith(f"{kind}:")]
        names = sorted({*known, *broken})
    else:
        names = list(default)
    for name in names:
        if name not in known and f"{kind}:{name}" not in project.broken:
            raise ProjectError(f"unknown {kind} '{name}' (known: {', '.join(sorted(known))})")
    return names


def resolve_job(project: Project, item: BuildItem, proof: bool = True, sheets: bool = False) -> RenderJob:
    """The render job of one item; a broken material or catalog fails this item only.
    A proof of a translation no native speaker has reviewed carries a note saying so."""
    for key in (f"material:{item.material}", f"language:{item.language}"):
        if key in project.broken:
            raise project.broken[key]
    material = project.materials[item.material]
    entry = project.languages[item.language]
    region = project.regions[item.region]
    campaign = project.campaigns.get(item.campaign)
    paper = campaign.paper if campaign and campaign.paper else region.paper
    bleed = _bleed(material, campaign, paper)
    language = entry.language
    view = lambda line_id: _hotline_view(project.hotlines[line_id], language)  # noqa: E731
    shown = [region.hotline, *region.more_hotlines, region.emergency]
    return RenderJob(
        item=item,
        material=material,
        language=language,
        mo_path=entry.catalog.mo_path if entry.catalog else None,
        region=region,
        hotline=view(region.hotline),
        more_hotlines=tuple(view(line_id) for line_id in region.more_hotlines),
        emergency=view(region.emergency),
        organizations=tuple(project.organizations[org] for org in material.organizations),
        qr=_qr_view(material, campaign.qr if campaign and campaign.qr else material.qr, project.hotlines[region.hotline]),
        paper=paper,
        page_size=material.sizes[paper],
        bleed=bleed,
        crop_marks=(campaign.print if campaign and campaign.print else material.print).crop_marks,
        sheet=sheet_layout(material.sheet, paper, material.sizes[paper], bleed, f"{material.source_file}: sheet of {material.id}")
        if material.sheet and (sheets or (campaign and campaign.sheets)) else None,
        verified=_format_date(min(project.hotlines[line_id].verified for line_id in shown), language),
        proof_note=_proof_note(language) if proof and entry.catalog and not entry.review.reviewed else None,
    )


def _hotline_view(line: Hotline, language: Language) -> HotlineView:
    names = lambda tags: format_list([language.language_name(tag) for tag in tags], locale=language.locale) if tags else ""  # noqa: E731
    count = format_decimal(line.interpreted_languages, locale=language.locale) if line.interpreted_languages else ""
    return HotlineView(
        line.id, line.name, line.about, line.phone, line.sms, line.tty, line.open_always,
        names(line.phone_languages), names(line.text_languages), count,
    )


def _qr_view(material: Material, spec: QrSpec | None, line: Hotline) -> QrView | None:
    if spec is None or not spec.enabled:
        return None
    if spec.payload == "web" and line.web:
        return QrView(line.web, _address_label(line.web))
    if spec.payload == "web":  # no checked official page: the code dials the line instead
        return QrView(line.phone.tel_uri, str(line.phone))
    if spec.payload in ("tel", "sms"):
        number: Number | None = line.phone if spec.payload == "tel" else line.sms
        if number is None:
            raise ProjectError(f"material '{material.id}' wants an SMS QR code, but '{line.id}' has no text line")
        return QrView(number.tel_uri if spec.payload == "tel" else number.sms_uri, str(number))
    return QrView(spec.payload, _address_label(spec.payload))


def _address_label(url: str) -> str:
    """The address as people type it: no scheme, no "www.", no trailing slash."""
    return url.removeprefix("https://").removeprefix("www.").rstrip("/")


STANDARD_BLEED = {"letter": "0.125in", "a4": "3mm"}
MIN_BLEED_FOR_MARKS_PT = css_length_in_points("3mm") - 0.01


def _bleed(material: Material, campaign, paper: str) -> str | None:
    """The bleed length; refused when larger than the material's safe margin (a cut that
    drifts by the bleed must never reach text) or too small to hold crop marks."""
    spec = campaign.print if campaign and campaign.print else material.print
    where = f"{material.source_file}: {'campaign ' + campaign.name + ' ' if campaign and campaign.print else ''}print settings of {material.id}"
    bleed = STANDARD_BLEED[paper] if spec.bleed is True else spec.bleed or None
    points = css_length_in_points(bleed) if bleed else 0.0
    if points > css_length_in_points(material.safe_margin) + 0.01:
        raise ProjectError(f"{where}: bleed {bleed} is larger than the safe margin {material.safe_margin}")
    if spec.crop_marks and points < MIN_BLEED_FOR_MARKS_PT:
        raise ProjectError(f"{where}: crop marks need a bleed of at least 3mm to be printed in")
    return bleed


def _proof_note(language: Language) -> str:
    return f"Proof: the {language.english_name} translation has not been reviewed by a native speaker yet."


def unreviewed_languages(project: Project, items: list[BuildItem]) -> list[str]:
    """Languages of these items whose catalogs no native speaker has reviewed."""
    tags = dict.fromkeys(item.language for item in items)
    return [tag for tag in tags if project.languages[tag].catalog and not project.languages[tag].review.reviewed]


def _format_date(date: datetime.date, language: Language) -> str:
    return format_date(date, format="long", locale=language.locale)
