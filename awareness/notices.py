"""Statutory notices: the law's wording in each required language on one page (or one page
per language where the law wants separate signs), laid out on the smallest allowed size it
fits, then proved against the law's rules on the laid-out page: page size, smallest type,
every required language present and, where the law lists the elements a sign must carry,
each element in each language with the numbers and addresses it must show."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .errors import Location, ProjectError
from .fitting import descendants, smallest_type
from .hotlines import WEB_ADDRESS
from .htmlrender import isolate_ltr
from .itembuilder import ItemBuilder
from .languages import Language
from .laws import PRINTED_NUMBER, STATEWIDE, Law, shown_forms
from .model import Project
from .resolve import BuildItem
from .units import css_length_in_points, css_length_in_px

NOTICE_TEMPLATE = "law_notice.html"
NOTICE_MARGIN = "0.5in"
LEFT_TO_RIGHT_RUN = re.compile(rf"{PRINTED_NUMBER.pattern}|{WEB_ADDRESS.pattern}")
ITEM_NUMBER = re.compile(r"^\(\d+\) ")  # a statute's own "(1) ..." list: no bullet besides
TYPE_SCALES = (1.25, 1.5, 1.75, 2.0)  # tried in turn above the law's least type size


@dataclass
class NoticeResult:
    path: Path
    languages: list[str]
    size: tuple[str, str]
    smallest_type_pt: float
    sha256: str


def build_notices(project: Project, law: Law, languages: list[str], county: str | None, size: tuple[str, str] | None,
                  out_dir: Path, release: bool) -> list[NoticeResult]:
    builder = ItemBuilder(project, out_dir, release)
    signs = [[tag] for tag in languages] if law.separate_signs else [languages]
    folder = out_dir / law.id / (county or STATEWIDE)
    results = []
    for sign in signs:
        name = f"notice-{sign[0]}.pdf" if law.separate_signs else "notice.pdf"
        results.append(_build_sign(project, builder, law, sign, size, folder / name, release))
    return results


def build_law_material(project: Project, law: Law, languages: list[str], out_dir: Path) -> list[Path]:
    """A law met by one of the materials (New York's restroom cards): one per language."""
    builder = ItemBuilder(project, out_dir)
    paths = []
    for tag in languages:
        result = builder.build(BuildItem(law.id, law.material, tag, law.region))
        if not result.ok:
            raise ProjectError(f"{law.title}: {result.error}", law.location("rules"))
        _require_number(project, law, result.path)
        paths.append(result.path)
    return paths


def _build_sign(project: Project, builder: ItemBuilder, law: Law, languages: list[str], size: tuple[str, str] | None,
                target: Path, release: bool) -> NoticeResult:
    if size is not None:
        _require_at_least(law, size)
    candidates = [size] if size else [candidate for candidate in law.sizes if _at_least(candidate, law.min_size)]
    for candidate in candidates:
        document = _lay_out(project, builder, law, languages, candidate, release)
        if _fits(document):
            document = _largest_type_that_fits(project, builder, law, languages, candidate, release, document)
            return _write(builder, law, languages, candidate, document, target)
    raise ProjectError(_does_not_fit_message(project, builder, law, languages, candidates, release), law.location("rules"))


def _does_not_fit_message(project, builder, law: Law, languages: list[str], tried, release: bool) -> str:
    names = ", ".join(Language(tag).english_name for tag in languages)
    message = (f"a {len(languages)}-language notice ({names}) does not fit on {' or '.join(' x '.join(s) for s in tried)} "
               f"at {law.min_type_pt:g} pt")
    for candidate in law.sizes:
        if candidate not in tried and _at_least(candidate, law.min_size):
            if _fits(_lay_out(project, builder, law, languages, candidate, release)):
                return f"{message}: it needs {' x '.join(candidate)} (--size {'x'.join(candidate)})"
    return f"{message}, nor on any larger size the law file lists"


def _largest_type_that_fits(project: Project, builder: ItemBuilder, law: Law, languages: list[str],
                            size: tuple[str, str], release: bool, document):
    """The law sets the least type size; a sign read from across a room gains from more, so the
    type grows in steps while the page still holds everything."""
    for scale in TYPE_SCALES:
        larger = _lay_out(project, builder, law, languages, size, release, scale)
        if not _fits(larger):
            break
        document = larger
    return document


def _lay_out(project: Project, builder: ItemBuilder, law: Law, languages: list[str], size: tuple[str, str], release: bool,
             scale: float = 1.0):
    unreviewed = [tag for tag in languages if tag != "en" and tag not in law.reviewed_translations]
    context = {
        "law": law,
        "blocks": [_block(law, tag) for tag in languages],
        "page": {"width": size[0], "height": size[1], "margin": NOTICE_MARGIN, "scale": scale},
        "proof_note": None if release or not unreviewed else
        f"Proof: the {', '.join(Language(tag).english_name for tag in unreviewed)} text is a translation "
        "that no native speaker has reviewed yet.",
    }
    html = builder.html.environment.get_template(NOTICE_TEMPLATE).render(context)
    return builder.pdf.lay_out(html, law.id, NOTICE_TEMPLATE)


def _block(law: Law, tag: str) -> dict:
    """One language's section: its title (element laws) and its passages."""
    return {"lang": tag, "dir": Language(tag).direction, "title": law.title_in(tag),
            "passages": [_passage(element, text) for element, text in law.passages(tag)]}


def _passage(element: str | None, text: str) -> dict:
    """Paragraphs, and the lines after the first line ending in a colon as a list."""
    lines = text.strip().splitlines()
    split = next((index + 1 for index, line in enumerate(lines) if line.rstrip().endswith((":", "："))), len(lines))
    items = lines[split:]
    return {"element": element,
            "paragraphs": [_numbers_isolated(line) for line in lines[:split]],
            "list_items": [_numbers_isolated(line) for line in items],
            "numbered": bool(items) and all(ITEM_NUMBER.match(item) for item in items)}


def _numbers_isolated(line: str) -> Markup:
    """Numbers and web addresses kept left to right inside any text direction, as everywhere else."""
    parts, last = [], 0
    for match in LEFT_TO_RIGHT_RUN.finditer(line):
        parts += [Markup.escape(line[last:match.start()]), isolate_ltr(match.group(0))]
        last = match.end()
    parts.append(Markup.escape(line[last:]))
    return Markup("").join(parts)


def _fits(document) -> bool:
    return len(document.pages) == 1


def _write(builder: ItemBuilder, law: Law, languages: list[str], size: tuple[str, str], document, target: Path) -> NoticeResult:
    smallest = _check_rules(law, languages, size, document)
    _check_elements(builder.project, law, languages, document)
    data = builder.pdf.write(document, target)
    return NoticeResult(target, languages, size, smallest, hashlib.sha256(data).hexdigest())


def _check_rules(law: Law, languages: list[str], size: tuple[str, str], document) -> float:
    """The law's rules, read off the laid-out page (not assumed from the stylesheet)."""
    page = document.pages[0]
    if page.width + 0.5 < css_length_in_px(law.min_size[0]) or page.height + 0.5 < css_length_in_px(law.min_size[1]):
        raise ProjectError(f"{law.title}: page {' x '.join(size)} is smaller than the {' x '.join(law.min_size)} the law requires",
                           law.location("rules"))
    body, small = smallest_type(document)
    smallest = min(value for value in (body, small) if value) if (body or small) else 0.0
    if smallest < law.min_type_pt - 0.01:
        raise ProjectError(f"{law.title}: type of {smallest:.1f} pt on the page, below the {law.min_type_pt:g} pt the law requires",
                           law.location("rules"))
    present = _languages_on_page(page)
    missing = [tag for tag in languages if tag not in present]
    if missing:
        raise ProjectError(f"{law.title}: {', '.join(missing)} missing from the laid-out page", law.location("rules"))
    return smallest


def _check_elements(project: Project, law: Law, languages: list[str], document) -> None:
    """Each element the law requires, in each language, laid out with what it must show."""
    laid_out = _element_text_on_page(document.pages[0])
    for tag in languages:
        for element in law.elements.values():
            text = laid_out.get((tag, element.id), "")
            if not text.strip():
                raise ProjectError(f"{law.title}: the {Language(tag).english_name} sign lacks {element.id} "
                                   f"({element.requires})", law.location("elements"))
            for expected in shown_forms(project, element):
                if expected.lower() not in text.lower():
                    raise ProjectError(f"{law.title}: the {Language(tag).english_name} {element.id} passage does not show "
                                       f"{expected} on the laid-out page", law.location("elements"))


def _element_text_on_page(page) -> dict[tuple[str, str], str]:
    """(language, element) -> the text laid out in that element's box."""
    text_boxes: dict[tuple[str, str], dict[int, str]] = {}  # by box identity: anonymous boxes repeat their element
    for section in descendants(page._page_box):
        if "statute" not in _classes(section):
            continue
        for box in descendants(section):
            if "passage" in _classes(box):
                key = (section.element.get("lang"), box.element.get("data-element"))
                boxes = text_boxes.setdefault(key, {})
                boxes.update((id(inner), inner.text) for inner in descendants(box) if _is_text(inner))
    return {key: " ".join(boxes.values()) for key, boxes in text_boxes.items()}


def _languages_on_page(page) -> set[str]:
    """Languages of the statute blocks that have text laid out on the page."""
    return {
        box.element.get("lang")
        for box in descendants(page._page_box)
        if "statute" in _classes(box) and any(_is_text(inner) for inner in descendants(box))
    }


def _classes(box) -> list[str]:
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None else []


def _is_text(box) -> bool:
    return type(box).__name__ == "TextBox" and bool(box.text.strip())


def _require_at_least(law: Law, size: tuple[str, str]) -> None:
    if not _at_least(size, law.min_size):
        raise ProjectError(f"{law.title} requires at least {' x '.join(law.min_size)}; --size {'x'.join(size)} is smaller",
                           law.location("rules"))


def _at_least(size: tuple[str, str], minimum: tuple[str, str]) -> bool:
    return all(css_length_in_points(a) >= css_length_in_points(b) - 0.01 for a, b in zip(size, minimum))


def _require_number(project: Project, law: Law, pdf: Path) -> None:
    from .readback import read_pdf

    number = str(project.hotlines[project.regions[law.region].hotline].phone.display)
    if not any(number in line for line in read_pdf(pdf, decode_qr=False).visual_lines):
        raise ProjectError(f"{law.title}: the national hotline number {number} is not on {pdf.name}", Location(pdf))
