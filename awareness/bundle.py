"""Print-shop bundles: one zip per region and language, and a proof page (index.html) with
a thumbnail of every page, grouped by language, to review a campaign at a glance."""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from pathlib import Path

from markupsafe import Markup

from .atomic import atomic_write_bytes
from .build import BuildReport
from .itembuilder import ItemResult
from .model import Project

THUMBNAIL_SCALE = 0.35  # about 25 dpi: a US Letter page is 214 px wide
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # no timestamps: the same PDFs give the same zip


def write_bundles(project: Project, report: BuildReport, out_dir: Path) -> list[Path]:
    built = [result for result in report.results if result.ok]
    groups: dict[tuple[str, str, str], list[ItemResult]] = defaultdict(list)
    for result in built:
        groups[result.item.campaign, result.item.region, result.item.language].append(result)
    written = [_zip(out_dir / campaign / "bundles" / f"{campaign}-{region}-{language}.zip", results)
               for (campaign, region, language), results in sorted(groups.items())]
    for campaign in sorted({result.item.campaign for result in built}):
        written.append(_index(project, out_dir / campaign, [result for result in built if result.item.campaign == campaign]))
    return written


def _zip(path: Path, results: list[ItemResult]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for result in sorted(results, key=lambda r: r.item.material):
            info = zipfile.ZipInfo(f"{result.item.language}/{result.item.material}.pdf", FIXED_ZIP_TIME)
            archive.writestr(info, result.path.read_bytes(), zipfile.ZIP_DEFLATED)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def _index(project: Project, campaign_dir: Path, results: list[ItemResult]) -> Path:
    by_language: dict[str, list[ItemResult]] = defaultdict(list)
    for result in sorted(results, key=lambda r: (r.item.region, r.item.material)):
        by_language[result.item.language].append(result)
    sections = []
    for tag, language_results in by_language.items():
        entry = project.languages[tag]
        cards = "".join(_card(campaign_dir, result) for result in language_results)
        sections.append(Markup('<section><h2>{} <small>{}, {}</small></h2><div class="row">{}</div></section>').format(
            entry.language.name, entry.language.english_name, entry.review, Markup(cards)))
    page = Markup(_PAGE).format(title=campaign_dir.name, sections=Markup("".join(sections)))
    path = campaign_dir / "index.html"
    atomic_write_bytes(path, page.encode())
    return path


def _card(campaign_dir: Path, result: ItemResult) -> str:
    pdf = result.path.relative_to(campaign_dir)
    thumbs = "".join(
        Markup('<img src="{}" alt="{} page {}">').format(thumb.relative_to(campaign_dir).as_posix(), result.item.material, number)
        for number, thumb in enumerate(_thumbnails(campaign_dir, result), start=1)
    )
    return Markup('<figure><a href="{}">{}</a><figcaption>{} · {}</figcaption></figure>').format(
        pdf.as_posix(), Markup(thumbs), result.item.material, result.item.region)


def _thumbnails(campaign_dir: Path, result: ItemResult) -> list[Path]:
    """thumbs/<region>/<lang>/<material>-<n>.png, made again only when the PDF is newer."""
    import pypdfium2 as pdfium

    folder = campaign_dir / "thumbs" / result.item.region / result.item.language
    existing = sorted(folder.glob(f"{result.item.material}-*.png"))
    if existing and all(thumb.stat().st_mtime >= result.path.stat().st_mtime for thumb in existing) and len(existing) == result.pages:
        return existing
    folder.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(result.path)
    try:
        thumbs = []
        for number, page in enumerate(document, start=1):
            thumb = folder / f"{result.item.material}-{number}.png"
            page.render(scale=THUMBNAIL_SCALE).to_pil().save(thumb)
            thumbs.append(thumb)
        return thumbs
    finally:
        document.close()


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Proofs: {title}</title>
<style>
body {{ font-family: "Noto Sans", sans-serif; margin: 2em; background: #f4f4f4; }}
section {{ margin-bottom: 2em; }} h2 small {{ font-weight: normal; color: #666; }}
.row {{ display: flex; flex-wrap: wrap; gap: 1.2em; }}
figure {{ margin: 0; background: white; padding: .6em; box-shadow: 0 1px 3px #0003; }}
figure img {{ border: 1px solid #ccc; margin-right: .3em; vertical-align: top; }}
figcaption {{ font-size: .85em; color: #333; margin-top: .3em; }}
</style></head>
<body><h1>Proofs of campaign “{title}”</h1>
<p>Every page of every PDF, by language. Click a page to open its PDF.</p>
{sections}
</body></html>
"""
