"""Where a project keeps its parts: the fixed top-level layout of the design card."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Files in materials/ that are registries and settings, not materials.
DATA_FILES = frozenset(
    {
        "hotlines.yaml",
        "known_bad_numbers.yaml",
        "regions.yaml",
        "organizations.yaml",
        "paper_sizes.yaml",
        "design.yaml",
        "business_kinds.yaml",
        "places.yaml",
        "notice_formats.yaml",
        "vra_languages.yaml",
        "label_stock.yaml",
        "no_posting_duty.yaml",
    }
)


# Gettext domains: the printed materials, and the web page's own words. Each language has a
# catalog per domain; the web page's may be missing (the page then shows English).
MATERIALS_DOMAIN = "messages"
WEB_DOMAIN = "web"
DOMAINS = (MATERIALS_DOMAIN, WEB_DOMAIN)


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @property
    def materials(self) -> Path:
        return self.root / "materials"

    @property
    def campaigns(self) -> Path:
        return self.materials / "campaigns"

    @property
    def laws(self) -> Path:
        return self.materials / "laws"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def translations(self) -> Path:
        return self.root / "translations"

    @property
    def pot_file(self) -> Path:
        return self.template_file(MATERIALS_DOMAIN)

    def template_file(self, domain: str) -> Path:
        return self.translations / f"{domain}.pot"

    @property
    def web(self) -> Path:
        """The web page's package: its templates and code hold the web domain's messages."""
        return self.root / "awareness" / "web"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def material_files(self) -> list[Path]:
        return [path for path in sorted(self.materials.glob("*.yaml")) if path.name not in DATA_FILES]

    def po_file(self, catalog_dir: str, domain: str = MATERIALS_DOMAIN) -> Path:
        return self.translations / catalog_dir / "LC_MESSAGES" / f"{domain}.po"

    def catalog_files(self, domain: str = MATERIALS_DOMAIN) -> list[Path]:
        return sorted(self.translations.glob(f"*/LC_MESSAGES/{domain}.po"))

    def relative(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def inside(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.root.resolve())
            return True
        except ValueError:
            return False
