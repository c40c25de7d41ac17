"""Phase 3: a zip per region and language (its PDFs, office sheets, tiles and text exports, and
a proof page of its own), and the campaign's proof page (index.html) with a thumbnail of every
page, grouped by language with each translation's review state, to review a campaign at a
glance. Both go through the same stages as every other output."""

from __future__ import annotations

import base64
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from markupsafe import Markup, escape

from ..files import atomic_write_bytes, sha256_file
from ..model.diagnostics import Diagnostic, Severity
from ..model.project import Project
from .jobs import JobKey, campaign_dir, key_of_path
from .stages import BuildOptions, Rendered, read_input
from .tools import WorkerTools

THUMBNAIL_SCALE = 0.35  # about 25 dpi: a US Letter page is 214 px wide
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # no timestamps: the same PDFs give the same zip


@dataclass(frozen=True)
class Member:
    name: str  # inside the zip, or relative to the campaign folder
    path: Path
    sha256: str
    key: JobKey


@dataclass(frozen=True)
class BundleSpec:
    key: JobKey
    members: tuple[Member, ...]
    language_name: str
    review: str


@dataclass(frozen=True)
class ProofSpec:
    key: JobKey
    members: tuple[Member, ...]
    languages: tuple[tuple[str, str, str, str], ...]  # (tag, name in itself, English name, review state)
    campaign_dir: Path


def members(
    project: Project, options: BuildOptions, campaign: str, region: str | None = None, language: str | None = None
) -> tuple[Member, ...]:
    """The outputs on disk in a campaign's folder (of one region and language, if given): what
    the campaign's builds made and kept, read back through the one path function."""
    folder = campaign_dir(options.out_dir, campaign)
    formats = {fmt for law in project.laws.values() for fmt in law.format_names}
    found = []
    for path in sorted([*folder.rglob("*.pdf"), *folder.rglob("*.html")]):
        relative = PurePosixPath(*path.relative_to(folder).parts)
        key = key_of_path(campaign, relative, set(project.languages), formats)
        if key is None or key.kind not in ("material", "sheet", "tiles", "text", "notice"):
            continue
        if region is not None and (key.region != region or key.language != language):
            continue
        found.append(Member(str(relative), path, sha256_file(path), key))
    return tuple(found)


class BundleJob:
    kind = "bundle"

    def resolve(self, project: Project, key: JobKey, options: BuildOptions) -> BundleSpec:
        entry = project.languages[key.language]
        names = _names(entry)
        found = members(project, options, key.campaign, key.region, key.language)
        return BundleSpec(key, found, f"{names[0]} ({names[1]})", str(entry.review))

    def render(self, spec: BundleSpec, tools: WorkerTools) -> Rendered:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for member in sorted(spec.members, key=lambda m: m.name):
                archive.writestr(
                    zipfile.ZipInfo(f"{spec.key.language}/{Path(member.name).name}", FIXED_ZIP_TIME), read_input(member.path)
                )
            archive.writestr(zipfile.ZipInfo(f"{spec.key.language}/proof.html", FIXED_ZIP_TIME), _bundle_proof(spec).encode())
        return Rendered(buffer.getvalue(), len(spec.members), facts={"members": [member.name for member in spec.members]})

    def verify(self, spec: BundleSpec, path: Path, tools: WorkerTools) -> list[Diagnostic]:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            problems = [
                Diagnostic("verify.bundle", f"{member.name} is missing from the zip", Severity.ERROR)
                for member in spec.members
                if f"{spec.key.language}/{Path(member.name).name}" not in names
            ]
            for member in spec.members:
                name = f"{spec.key.language}/{Path(member.name).name}"
                if name in names and archive.read(name) != member.path.read_bytes():
                    problems.append(Diagnostic("verify.bundle", f"{name} differs from {member.name}", Severity.ERROR))
        return problems


class ProofJob:
    kind = "proof"

    def resolve(self, project: Project, key: JobKey, options: BuildOptions) -> ProofSpec:
        found = tuple(member for member in members(project, options, key.campaign) if member.name.endswith(".pdf"))
        tags = list(dict.fromkeys(member.key.language.split("+")[0] for member in found))
        languages = tuple(
            (tag, *_names(project.languages[tag]), str(project.languages[tag].review)) for tag in tags if tag in project.languages
        )
        return ProofSpec(key, found, languages, campaign_dir(options.out_dir, key.campaign))

    def render(self, spec: ProofSpec, tools: WorkerTools) -> Rendered:
        sections = []
        for tag, name, english, review in spec.languages:
            cards = [_card(spec.campaign_dir, member) for member in spec.members if member.key.language.split("+")[0] == tag]
            sections.append(
                Markup('<section lang="{}"><h2>{} <small>{}, {}</small></h2><div class="row">{}</div></section>').format(
                    tag, name, english, review, Markup("").join(cards)
                )
            )
        page = Markup(_PAGE).format(title=spec.key.campaign, sections=Markup("").join(sections))
        return Rendered(str(page).encode(), 1, facts={"languages": [language[0] for language in spec.languages]})

    def verify(self, spec: ProofSpec, path: Path, tools: WorkerTools) -> list[Diagnostic]:
        text = path.read_text(encoding="utf-8")
        return [
            Diagnostic("verify.proof", f"{member.name} is not on the proof page", Severity.ERROR)
            for member in spec.members
            if member.name not in text
        ]


def _names(entry: Any) -> tuple[str, str]:
    try:
        return entry.language.name, entry.language.english_name
    except Exception:  # a language whose locale data is missing is named by its tag
        return entry.language.tag, entry.language.tag


def _card(campaign_dir: Path, member: Member) -> Markup:
    thumbs = "".join(
        Markup('<img src="{}" alt="{} page {}">').format(thumb.relative_to(campaign_dir).as_posix(), member.key.name, number)
        for number, thumb in enumerate(thumbnails(campaign_dir, member), start=1)
    )
    return Markup('<figure><a href="{}">{}</a><figcaption>{}</figcaption></figure>').format(
        member.name, Markup(thumbs), member.key.name
    )


def thumbnails(campaign_dir: Path, member: Member) -> list[Path]:
    """thumbs/<name>-<n>.png, written atomically; made again only when the PDF changed."""
    import pypdfium2 as pdfium

    if not member.name.endswith(".pdf"):
        return []
    stem = campaign_dir / "thumbs" / member.name.removesuffix(".pdf")
    stamp = stem.with_name(stem.name + ".sha256")
    existing = sorted(stem.parent.glob(f"{stem.name}-*.png"))
    if stamp.is_file() and stamp.read_text() == member.sha256 and existing:
        return existing
    document = pdfium.PdfDocument(member.path)
    try:
        thumbs = []
        for number, page in enumerate(document, start=1):
            buffer = io.BytesIO()
            page.render(scale=THUMBNAIL_SCALE).to_pil().save(buffer, "PNG")
            thumb = stem.with_name(f"{stem.name}-{number}.png")
            atomic_write_bytes(thumb, buffer.getvalue())
            thumbs.append(thumb)
    finally:
        document.close()
    atomic_write_bytes(stamp, member.sha256.encode())
    return thumbs


def _bundle_proof(spec: BundleSpec) -> str:
    """A proof page inside the zip, self-contained (thumbnails as data: URIs)."""
    import pypdfium2 as pdfium

    figures = []
    for member in spec.members:
        if not member.name.endswith(".pdf"):
            continue
        document = pdfium.PdfDocument(member.path)
        images = []
        for page in document:
            buffer = io.BytesIO()
            page.render(scale=THUMBNAIL_SCALE).to_pil().save(buffer, "PNG")
            images.append(f'<img alt="" src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}">')
        document.close()
        figures.append(f"<figure>{''.join(images)}<figcaption>{escape(Path(member.name).name)}</figcaption></figure>")
    body = f"<h2>{escape(spec.language_name)} <small>{escape(spec.review)}</small></h2><div class='row'>{''.join(figures)}</div>"
    return str(Markup(_PAGE).format(title=spec.key.campaign, sections=Markup(body)))


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Proofs: {title}</title>
<style>
body {{ font-family: "Noto Sans", sans-serif; margin: 2em; background: #f4f4f4; }}
section {{ margin-bottom: 2em; }} h2 small {{ font-weight: normal; color: #555; }}
.row {{ display: flex; flex-wrap: wrap; gap: 1.2em; }}
figure {{ margin: 0; background: white; padding: .6em; box-shadow: 0 1px 3px #0003; }}
figure img {{ border: 1px solid #ccc; margin-right: .3em; vertical-align: top; }}
figcaption {{ font-size: .85em; color: #333; margin-top: .3em; }}
</style></head>
<body><h1>Proofs of campaign “{title}”</h1>
<p>Every page of every PDF, by language, with the review state of its translation. Click a page to open its PDF.</p>
{sections}
</body></html>
"""
