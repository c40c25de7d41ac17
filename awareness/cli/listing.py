"""`list`: materials, languages, regions, campaigns; `list --laws`: the laws and their rules."""

from __future__ import annotations

import argparse

from ..model.material import Material
from ..model.project import Project
from .output import print_diagnostics


def add_list_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("list", help="show materials, languages, regions and campaigns")
    parser.add_argument("--laws", action="store_true", help="show the laws that require notices, with their rules")
    parser.set_defaults(command=run_list)


def run_list(args: argparse.Namespace, project: Project) -> int:
    if args.laws:
        from ..laws.listing import list_laws

        list_laws(project)
    else:
        _list_content(project)
    print_diagnostics(project.broken_diagnostics())
    return 1 if project.broken else 0


def _list_content(project: Project) -> None:
    print("Materials:")
    for material in project.materials.values():
        sizes = ", ".join(f"{paper} {' x '.join(size)}" for paper, size in material.sizes.items())
        print(f"  {material.id:<18} {material.pages} page(s)  {sizes}  QR: {_qr_text(material)}")
    print("Languages:")
    for tag, entry in project.languages.items():
        language = entry.language
        try:
            names = f"{language.english_name:<24} {language.name:<20} {language.direction}"
        except Exception:  # a language whose locale data is missing: its problem is printed below
            names = f"{tag:<24} {'?':<20} ?"
        print(f"  {tag:<8} {names}  {entry.review}")
    print("Regions:")
    for region in project.regions.values():
        print(f"  {region.id:<8} {region.name}, {region.paper}, leads with {region.hotline}, {len(region.languages)} languages")
    print("Campaigns:")
    for campaign in project.campaigns.values():
        print(
            f"  {campaign.name:<12} materials: {_names(campaign.materials)}; languages: {_names(campaign.languages)}; "
            f"regions: {_names(campaign.regions)}"
        )


def _qr_text(material: Material) -> str:
    return material.qr.payload if material.qr and material.qr.enabled else "off"


def _names(value: str | tuple[str, ...]) -> str:
    return value if isinstance(value, str) else ", ".join(value)
