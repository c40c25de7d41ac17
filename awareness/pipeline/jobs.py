"""Jobs: every output the tool makes is a job with a key, and the key alone says where its file
goes. `output_path` is the one function that turns a key into a path (and `key_of_path` the
one that reads a path back), so that the build, the manifest, `check` and the web page agree.

Kinds of output, by the phase that builds them:
1. `material` (a poster, a card ...), `notice` (a sign a law requires) and `patch` (labels that
   cover a changed line on signs already issued, from the manifests);
2. `sheet` (cards imposed on office paper), `tiles` (a large sign tiled on office paper),
   `text` (a material's text as accessible HTML), all made from a phase-1 output, and
   `checklist` (what a site must post, naming the notices phase 1 built);
3. `bundle` (a zip per region and language) and `proof` (the campaign's proof page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..model.diagnostics import ProjectError

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
PHASES = {"material": 1, "notice": 1, "patch": 1, "checklist": 2, "sheet": 2, "tiles": 2, "text": 2, "bundle": 3, "proof": 3}
STATEWIDE = "statewide"


@dataclass(frozen=True, order=True)
class JobKey:
    kind: str
    campaign: str
    region: str = ""
    language: str = ""  # a notice with several languages on one sign: "en+es+zh-Hant"
    subject: str = ""  # the material or law id
    place: str = ""  # a notice's county (or "statewide"); tiles: the office paper
    variant: str = ""  # a notice's format ("stall_sign"), a sheet's paper

    @property
    def phase(self) -> int:
        return PHASES[self.kind]

    @property
    def name(self) -> str:
        """How messages name the output: us/es/poster, us/es/wallet_card (sheet),
        notices/ca_civ_52_6/los_angeles/en+es+zh-Hant."""
        if self.kind == "material":
            return f"{self.region}/{self.language}/{self.subject}"
        if self.kind in ("sheet", "tiles", "text"):
            return f"{self.region}/{self.language}/{self.subject} ({self.kind})"
        if self.kind == "notice":
            fmt = f" ({self.variant})" if self.variant else ""
            return f"notices/{self.subject}/{self.place}/{self.language}{fmt}"
        if self.kind == "bundle":
            return f"bundle {self.region}/{self.language}"
        if self.kind == "checklist":
            return f"checklist {self.place}/{self.subject}" + (f" ({self.variant})" if self.variant else "")
        if self.kind == "patch":
            return f"patch labels ({self.place})"
        return f"{self.kind} {self.subject or self.campaign}".strip()

    def __str__(self) -> str:
        return self.name


def output_path(key: JobKey) -> PurePosixPath:
    """Where a job's file goes, relative to its campaign's folder."""
    for part in (key.campaign, key.region, key.language, key.subject, key.place, key.variant):
        if part and not SAFE_NAME.match(part.replace("+", "-")):
            raise ProjectError.of("output.name", f"'{part}' cannot be part of a file name (letters, digits, - and _ only)")
    if key.kind == "material":
        return PurePosixPath(key.region, key.language, f"{key.subject}.pdf")
    if key.kind == "sheet":
        return PurePosixPath(key.region, key.language, f"{key.subject}-sheet.pdf")
    if key.kind == "tiles":
        return PurePosixPath(key.region, key.language, f"{key.subject}-tiles-{key.place}.pdf")
    if key.kind == "text":
        return PurePosixPath(key.region, key.language, f"{key.subject}.html")
    if key.kind == "notice":
        fmt = f"-{key.variant}" if key.variant else ""
        languages = "" if "+" in key.language else f"-{key.language}"
        return PurePosixPath("notices", key.subject, key.place, f"notice{fmt}{languages}.pdf")
    if key.kind == "checklist":
        return PurePosixPath("checklists", key.place, f"{key.subject}{'-' + key.variant if key.variant else ''}.pdf")
    if key.kind == "patch":
        return PurePosixPath("patches", f"labels-{key.place}.pdf")
    if key.kind == "bundle":
        return PurePosixPath("bundles", f"{key.campaign}-{key.region}-{key.language}.zip")
    if key.kind == "proof":
        return PurePosixPath("index.html")
    raise ValueError(f"unknown kind of output {key.kind!r}")


def campaign_dir(out_dir: Path, campaign: str) -> Path:
    if not SAFE_NAME.match(campaign):
        raise ProjectError.of("output.name", f"'{campaign}' cannot be a folder name")
    return out_dir / campaign


def target_path(out_dir: Path, key: JobKey) -> Path:
    """The absolute file of a job; never outside `out_dir`."""
    base = campaign_dir(out_dir, key.campaign)
    path = base / output_path(key)
    if not path.resolve().is_relative_to(out_dir.resolve()):
        raise ProjectError.of("output.escape", f"{key.name}: its file would be outside {out_dir}")
    return path


_MATERIAL = re.compile(
    r"^(?P<region>[^/]+)/(?P<language>[^/]+)/(?P<subject>[a-z][a-z0-9_]*)(?P<suffix>-sheet|-tiles-(?P<paper>[a-z0-9]+))?\.(?P<ext>pdf|html)$"
)
_NOTICE = re.compile(r"^notices/(?P<law>[^/]+)/(?P<place>[^/]+)/notice(?:-(?P<rest>.+))?\.pdf$")


def key_of_path(campaign: str, relative: PurePosixPath, languages: set[str], formats: set[str]) -> JobKey | None:
    """The key of a file the build wrote (the inverse of `output_path`), or None."""
    text = str(relative)
    notice = _NOTICE.match(text)
    if notice:
        rest = notice.group("rest") or ""
        variant = next((fmt for fmt in sorted(formats, key=len, reverse=True) if rest == fmt or rest.startswith(fmt + "-")), "")
        language = rest[len(variant) + 1 :] if variant else rest
        return JobKey(
            "notice", campaign, "", language if language in languages else "", notice.group("law"), notice.group("place"), variant
        )
    material = _MATERIAL.match(text)
    if material:
        suffix = material.group("suffix") or ""
        kind = (
            "sheet"
            if suffix == "-sheet"
            else "tiles"
            if suffix.startswith("-tiles")
            else "text"
            if material.group("ext") == "html"
            else "material"
        )
        return JobKey(
            kind,
            campaign,
            material.group("region"),
            material.group("language"),
            material.group("subject"),
            material.group("paper") or "",
        )
    return None
