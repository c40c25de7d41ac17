"""Design tokens: colour, type scale, spacing, in one place (materials/design.yaml), given
to every material's stylesheet as CSS custom properties.

Each colour has its screen form (sRGB) and its print form (CMYK, from the design, not
converted by guess); a print-shop PDF uses only the CMYK forms. Text colours are checked for
contrast (WCAG AA) on load, including a partner's colours in a co-branded campaign.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .diagnostics import Collector, Location

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_NORMAL = 4.5  # WCAG 2 AA, normal text
AA_LARGE = 3.0  # WCAG 2 AA, large text (18 pt, or 14 pt bold)


@dataclass(frozen=True)
class Colour:
    rgb: str  # #rrggbb
    cmyk: tuple[float, float, float, float]  # 0..100 each

    def css(self, print_variant: bool) -> str:
        if print_variant:
            return "device-cmyk({})".format(" ".join(f"{value / 100:.3f}" for value in self.cmyk))
        return self.rgb

    @classmethod
    def from_hex(cls, rgb: str) -> Colour:
        """A partner's colour given only as sRGB: its CMYK form by the plain formula (no
        profile; the print shop's RIP refines it). Greys go to black ink only."""
        red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (1, 3, 5))
        black = 1 - max(red, green, blue)
        if black >= 1:
            return cls(rgb, (0, 0, 0, 100))
        if abs(red - green) < 0.02 and abs(green - blue) < 0.02:
            return cls(rgb, (0, 0, 0, round(black * 100, 1)))
        cyan, magenta, yellow = ((1 - channel - black) / (1 - black) for channel in (red, green, blue))
        return cls(rgb, tuple(round(value * 100, 1) for value in (cyan, magenta, yellow, black)))  # type: ignore[arg-type]


def relative_luminance(rgb: str) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(rgb[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class DesignTokens:
    colours: dict[str, Colour]
    sizes: dict[str, str]  # name -> CSS length ("72rem", "0.5in")
    source: Path | None = None
    text_pairs: tuple[tuple[str, str, float], ...] = field(default=())  # (text, background, least contrast)

    @classmethod
    def load(cls, path: Path, problems: Collector) -> DesignTokens:
        from ..load.schema import check_schema
        from ..load.yamlsafe import load_yaml, location_of
        from .diagnostics import ProjectError

        try:
            data = load_yaml(path)
        except ProjectError as error:
            problems.extend(error)
            return cls({}, {}, path)
        if not check_schema(data, "design", path, problems):
            return cls({}, {}, path)
        colours = {name: Colour(entry["rgb"], tuple(entry["cmyk"])) for name, entry in data["colours"].items()}  # type: ignore[misc]
        pairs = tuple((pair[0], pair[1], float(pair[2])) for pair in data.get("text_on", []))
        tokens = cls(colours, {name: str(value) for name, value in data.get("sizes", {}).items()}, path, pairs)
        for text, background, least in pairs:
            if text not in colours or background not in colours:
                problems.add(
                    "design.colour", f"text_on names an unknown colour ({text} on {background})", location_of(data, "text_on")
                )
            elif contrast(colours[text].rgb, colours[background].rgb) < least:
                problems.add(
                    "design.contrast",
                    f"{text} on {background} has a contrast of "
                    f"{contrast(colours[text].rgb, colours[background].rgb):.1f}:1, below {least}:1",
                    location_of(data, "text_on"),
                )
        return tokens

    def with_colours(self, overrides: dict[str, str]) -> DesignTokens:
        """The tokens with some colours replaced (a partner's), each from its sRGB form."""
        colours = dict(self.colours) | {name: Colour.from_hex(rgb) for name, rgb in overrides.items()}
        return replace(self, colours=colours)

    def contrast_problems(self) -> list[str]:
        problems = []
        for text, background, least in self.text_pairs:
            found = contrast(self.colours[text].rgb, self.colours[background].rgb)
            if found < least:
                problems.append(f"{text} on {background}: contrast {found:.1f}:1, below the {least}:1 of WCAG AA")
        return problems

    def css(self, print_variant: bool) -> str:
        """The tokens as CSS custom properties on :root."""
        lines = [f"  --{name.replace('_', '-')}: {colour.css(print_variant)};" for name, colour in sorted(self.colours.items())]
        lines += [f"  --{name.replace('_', '-')}: {value};" for name, value in sorted(self.sizes.items())]
        return ":root {\n" + "\n".join(lines) + "\n}\n"

    def location(self) -> Location | None:
        return Location(self.source) if self.source else None

    def as_data(self) -> dict[str, Any]:
        return {
            "colours": {name: [colour.rgb, list(colour.cmyk)] for name, colour in sorted(self.colours.items())},
            "sizes": dict(sorted(self.sizes.items())),
        }
