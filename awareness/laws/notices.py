"""Statutory notices as jobs: the law's wording in each required language on one page (or one
page per language where the law wants separate signs), laid out on the smallest allowed size it
fits, the type grown while it still fits (a notice is read from across a room), then proved
against the law's rules on the laid-out page and again when read back from the PDF: page size,
smallest type, every language present, every element with what it must show, every required
line printed. A law met by a material (New York's restroom cards) is built as that material."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..i18n.languages import Language
from ..model.design import DesignTokens
from ..model.diagnostics import Diagnostic, Location, ProjectError, Severity
from ..model.material import PdfVariant
from ..model.project import Project
from ..model.units import css_length_in_points
from ..pipeline.jobs import STATEWIDE, JobKey
from ..pipeline.material import MaterialJob
from ..pipeline.resolve import MaterialSpec, resolve_material
from ..pipeline.stages import BuildOptions, Rendered, read_input
from ..pipeline.tools import WorkerTools
from ..render.fitting import descendants, is_text, type_sizes
from ..render.html import address_filter, isolate_ltr
from ..render.pdfmeta import PdfMeta
from ..render.qr import qr_image
from .languages import notice_languages
from .model import Law, LawFormat, page_margin_pt, shown_forms, wording_numbers

NOTICE_TEMPLATE = "law_notice.html"
NOTICE_CSS = "notice.css"
QR_SIDE = "0.9in"  # a law's QR code (Montana), on a sign read at arm's length
EQUAL_TOLERANCE_PX = 1.5  # parts the law wants equal: their boxes differ by no more than this
BOLD = 700
ITEM_NUMBER = re.compile(r"^\(\d+\) ")  # a statute's own "(1) ..." list: no bullet besides
BULLET = re.compile(r"^[•*-] ")  # a list item as a statute copy marks it; the list's own bullet replaces it
TYPE_SCALES = (1.25, 1.5, 1.75, 2.0)  # tried in turn above the law's least type size
_WEB = re.compile(r"(?i:(?<![a-z0-9.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|gov|net|info)(?:/[a-z0-9/_-]*)?(?![a-z0-9-]))")


@dataclass(frozen=True)
class NoticeSpec:
    key: JobKey
    law: Law
    languages: tuple[str, ...]
    format: LawFormat
    size: tuple[str, str] | None  # asked for; None: the smallest of the format's sizes that fits
    place: str | None  # the county's name
    release: bool
    design: DesignTokens
    variant: PdfVariant
    blocks: tuple[dict[str, Any], ...]  # per language: its wording, numbers resolved to the registry
    required: tuple[str, ...]  # printed forms of the law's required lines
    diagnostics: tuple[Diagnostic, ...]  # warnings the law and its languages carry
    printed: tuple[tuple[str, str], ...] = ()  # every registry value the notice prints: ("us_trafficking.phone", "1-888-...")
    qr: tuple[str, str] | None = None  # (payload, address shown under it)


@dataclass(frozen=True)
class CardNoticeSpec:
    """A law met by a material: the material's spec, the law's demands on top."""

    key: JobKey
    law: Law
    material: MaterialSpec
    required: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


def plan_notices(project: Project, campaign: str, orders: tuple[Any, ...]) -> list[JobKey]:
    """The notice jobs of a campaign's orders: one sign with every language, or one per language;
    one per format the law allows unless the order names one."""
    keys = []
    for order in orders:
        if project.problem("law", order.law):  # a broken law file fails its own notice, named; the rest is built
            keys.append(JobKey("notice", campaign, "us", "+".join(order.languages) or "en", order.law, order.county or STATEWIDE))
            continue
        law = _law(project, order.law)
        try:
            languages = notice_languages(
                project, law, order.county, order.languages, dict(getattr(order, "workforce", ()) or ())
            ).languages
        except ProjectError:  # resolving the job says why, for this notice alone: the rest of the batch is built
            languages = law.languages.required
        formats = [order.format] if order.format else list(law.formats)
        for fmt in formats:
            if fmt not in law.formats:
                raise ProjectError.of(
                    "law.format",
                    f"{law.title} has no format '{fmt}' (formats: {', '.join(law.formats)})",
                    law.location("formats"),
                )
            variant = fmt if len(law.formats) > 1 or order.format else ""
            place = order.county or STATEWIDE
            signs = [[tag] for tag in languages] if law.languages.separate_signs else [list(languages)]
            for sign in signs:
                tags = "+".join(sign) if len(sign) > 1 or not law.languages.separate_signs else sign[0]
                keys.append(JobKey("notice", campaign, law.region, tags, law.id, place, variant))
    return keys


def _law(project: Project, law_id: str) -> Law:
    if law_id in project.laws:
        return project.laws[law_id]
    broken = project.problem("law", law_id)
    if broken:
        raise broken
    raise ProjectError.of("reference.law", f"unknown law '{law_id}' (known: {', '.join(sorted(project.laws))}; see list --laws)")


class NoticeJob:
    kind = "notice"

    def resolve(self, project: Project, key: JobKey, options: BuildOptions) -> NoticeSpec | CardNoticeSpec:
        law = _law(project, key.subject)
        if law.verification == "none":
            raise ProjectError.of(
                "law.unverified",
                f"{law.title}: no text of the law was read ({law.verification_note or 'see the file'}); "
                "this project does not build its notice",
                law.location("verification"),
            )
        order = _order_of(project, key)
        county = None if key.place == STATEWIDE else key.place
        extra = (
            tuple(order.languages)
            if order
            else tuple(tag for tag in key.language.split("+") if tag not in law.languages.required)
        )
        chosen = notice_languages(project, law, county, extra, dict(getattr(order, "workforce", ()) or ()))
        languages = tuple(key.language.split("+"))
        fmt = law.formats[key.variant] if key.variant else next(iter(law.formats.values()))
        diagnostics = (*chosen.diagnostics, *_law_warnings(project, law))
        required = tuple(project.hotlines[line_id].printed(kind) for line_id, kind in law.required_lines)
        if fmt.material:
            material = resolve_material(
                project, JobKey("material", key.campaign, law.region, languages[0], fmt.material), options.release
            )
            return CardNoticeSpec(key, law, material, required, diagnostics)
        missing = [tag for tag in languages if tag not in law.text]
        if missing:
            raise ProjectError.of(
                "law.wording",
                f"{law.title}: no wording in {', '.join(missing)}; add a translation under text:",
                law.location("text"),
            )
        blocks = tuple(_block(project, law, tag) for tag in languages)
        size = getattr(order, "size", None)
        if size and not fmt.allows(size):
            raise ProjectError.of(
                "law.size",
                f"{law.title} requires at least {' x '.join(fmt.min_size or size)}; {' x '.join(size)} is smaller",
                law.location("formats"),
            )
        campaign = project.campaigns.get(key.campaign)
        variant = campaign.variant if campaign else PdfVariant()
        return NoticeSpec(
            key,
            law,
            languages,
            fmt,
            size,
            chosen.county_name,
            options.release,
            project.design,
            variant,
            blocks,
            required,
            diagnostics,
            printed_values(project, law, languages, fmt),
            _qr(project, fmt),
        )

    def render(self, spec: NoticeSpec | CardNoticeSpec, tools: WorkerTools) -> Rendered:
        if isinstance(spec, CardNoticeSpec):
            rendered = MaterialJob().render(spec.material, tools)
            rendered.diagnostics.extend(spec.diagnostics)
            return rendered
        return _render_notice(spec, tools)

    def verify(self, spec: NoticeSpec | CardNoticeSpec, path: Path, tools: WorkerTools) -> list[Diagnostic]:
        from ..verify.notice import verify_notice

        if isinstance(spec, CardNoticeSpec):
            from ..verify.material import verify_material
            from ..verify.notice import required_lines_printed

            return verify_material(tools.project, spec.material, path) + required_lines_printed(path, spec.required, 1)
        return verify_notice(tools.project, spec, path)


def _order_of(project: Project, key: JobKey) -> Any:
    campaign = project.campaigns.get(key.campaign)
    for order in campaign.notices if campaign else ():
        if order.law == key.subject and (order.county or STATEWIDE) == key.place:
            return order
    return None


def _law_warnings(project: Project, law: Law) -> list[Diagnostic]:
    where = Location(project.paths.root / law.source_file)
    found = []
    if law.verification == "partial":
        found.append(
            Diagnostic(
                "law.partial",
                f"the wording of {law.title} is verified only in part: {law.verification_note}",
                Severity.WARNING,
                where,
            )
        )
    for element in law.elements.values():
        if not element.verified:
            found.append(
                Diagnostic(
                    "law.element-unverified",
                    f"{law.title} requires {element.id} ({element.requires}); what to "
                    "print for it could not be verified, so this notice does not carry it: add it before posting",
                    Severity.WARNING,
                    law.location("elements"),
                )
            )
    return found


def printed_values(project: Project, law: Law, languages: tuple[str, ...], fmt: LawFormat) -> tuple[tuple[str, str], ...]:
    """Every registry value a notice prints (its wording's numbers, its elements' shown lines,
    its required lines, its QR code's address), as printed: what `patch` compares later."""
    found: dict[str, str] = {}
    for tag in languages:
        for element, text in law.passages(tag) if tag in law.text else ():
            for printed, entry in wording_numbers(project, text):
                if entry:
                    found.setdefault(f"{entry[0]}.{entry[1]}", printed)
            for line_id, kind in law.elements[element].shows if element else ():
                found.setdefault(f"{line_id}.{kind}", project.hotlines[line_id].printed(kind))
    for line_id, kind in (*law.required_lines, *((fmt.qr,) if fmt.qr else ())):
        found.setdefault(f"{line_id}.{kind}", project.hotlines[line_id].printed(kind))
    return tuple(sorted(found.items()))


def _qr(project: Project, fmt: LawFormat) -> tuple[str, str] | None:
    """The payload and the shown address of the QR code a law asks for."""
    if not fmt.qr:
        return None
    line = project.hotlines[fmt.qr[0]]
    value = line.field(fmt.qr[1])
    if value is None:
        return None
    if fmt.qr[1] in ("web", "chat"):
        return value.url, value.label  # type: ignore[union-attr]
    return value.tel_uri, value.short  # type: ignore[union-attr]


def _block(project: Project, law: Law, tag: str) -> dict[str, Any]:
    """One language's section: its title (element laws) and its passages, numbers from the registry."""
    language = Language(tag)
    return {
        "lang": tag,
        "dir": language.direction if language.known_to_cldr else "ltr",
        "title": law.title_in(tag),
        "draft": law.draft(tag),
        "english_name": language.english_name if language.known_to_cldr else tag,
        "passages": [_passage(project, element, text) for element, text in law.passages(tag)],
    }


def _passage(project: Project, element: str | None, text: str) -> dict[str, Any]:
    """The passage as paragraphs and lists, in order. A list is a run of lines marked "• ",
    "* ", "- " or "(1) "; where no line is marked, the lines after the first line ending in a
    colon are the list ("The hotlines are:")."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if any(_is_item(line) for line in lines):
        marks = [_is_item(line) for line in lines]
    else:
        split = next((index + 1 for index, line in enumerate(lines) if line.rstrip().endswith((":", "："))), len(lines))
        marks = [index >= split for index in range(len(lines))]
    parts: list[dict[str, Any]] = []
    for line, is_item in zip(lines, marks, strict=True):
        if not is_item:
            parts.append({"list": False, "text": numbers_marked(project, line)})
            continue
        if not parts or not parts[-1]["list"]:
            parts.append({"list": True, "entries": [], "numbered": True})
        item = BULLET.sub("", line, count=1)
        parts[-1]["entries"].append(numbers_marked(project, item))
        parts[-1]["numbered"] = parts[-1]["numbered"] and bool(ITEM_NUMBER.match(item))
    return {"element": element, "parts": parts}


def _is_item(line: str) -> bool:
    return bool(BULLET.match(line) or ITEM_NUMBER.match(line))


def numbers_marked(project: Project, line: str) -> Markup:
    """The wording with each registry number and web address isolated left to right, bold, and
    marked as registry data; a number the registry does not know stays text, for the gate."""
    spans: list[tuple[int, int]] = []
    for printed, entry in wording_numbers(project, line, strict=True):  # short codes too ("233733"): the law may size them
        start = line.find(printed)
        while start >= 0 and any(a < start + len(printed) and start < b for a, b in spans):
            start = line.find(printed, start + 1)
        if start >= 0 and entry:
            spans.append((start, start + len(printed)))
    spans += [match.span() for match in _WEB.finditer(line) if not any(a <= match.start() < b for a, b in spans)]
    parts, last = [], 0
    for start, end in sorted(spans):
        parts += [Markup.escape(line[last:start]), isolate_ltr(line[start:end], "ltr num hotline-number")]
        last = end
    parts.append(Markup.escape(line[last:]))
    return Markup("").join(parts)


def _render_notice(spec: NoticeSpec, tools: WorkerTools) -> Rendered:
    law, fmt = spec.law, spec.format
    candidates = [spec.size] if spec.size else list(fmt.sizes)
    for size in candidates:
        document = _lay_out(spec, tools, size, 1.0)
        if _fits(document):
            document, scale = _largest_type_that_fits(spec, tools, size, document)
            problems = _check_rules(spec, tools.project, size, document)
            if any(problem.is_error for problem in problems):
                raise ProjectError(problems)
            data = tools.pdf.write(document, spec.variant, PdfMeta(law.verified.isoformat()))
            facts = {
                "size": list(size),
                "type_scale": scale,
                "smallest_type_pt": round(type_sizes(document).body or 0, 1),
                "printed": dict(spec.printed),
                "law": law.id,
                "law_verified": law.verified.isoformat(),
                "law_wording": {tag: law.text[tag] for tag in spec.languages},
            }
            note = Diagnostic(
                "law.layout",
                f"{', '.join(spec.languages)} on {' x '.join(size)}, type at {scale:.0%} of the law's {fmt.min_type_pt:g} pt",
                Severity.NOTE,
                law.location("formats"),
            )
            return Rendered(data, 1, [*spec.diagnostics, *problems, note], facts)
    raise ProjectError.of("law.does-not-fit", _does_not_fit(spec, tools, candidates), law.location("formats"))


def _does_not_fit(spec: NoticeSpec, tools: WorkerTools, tried: list[tuple[str, str]]) -> str:
    names = ", ".join(block["english_name"] for block in spec.blocks)
    message = (
        f"a {len(spec.languages)}-language notice ({names}) does not fit on {' or '.join(' x '.join(s) for s in tried)} "
        f"at {spec.format.min_type_pt:g} pt"
    )
    for candidate in spec.format.sizes:
        if candidate not in tried and _fits(_lay_out(spec, tools, candidate, 1.0)):
            return f"{message}: it needs {' x '.join(candidate)} (--size {'x'.join(candidate)})"
    return f"{message}, nor on any larger size the law file lists"


def _largest_type_that_fits(spec: NoticeSpec, tools: WorkerTools, size: tuple[str, str], document: Any) -> tuple[Any, float]:
    """The law sets the least type size; a sign read from across a room gains from more, so the
    type grows in steps while the page still holds everything."""
    scale = 1.0
    for larger_scale in TYPE_SCALES:
        larger = _lay_out(spec, tools, size, larger_scale)
        if not _fits(larger):
            break
        document, scale = larger, larger_scale
    return document, scale


def _lay_out(spec: NoticeSpec, tools: WorkerTools, size: tuple[str, str], scale: float) -> Any:
    law, fmt = spec.law, spec.format
    margin_pt = page_margin_pt(size)
    small = margin_pt < 36
    margin = f"{margin_pt:g}pt"
    parts = max(len(spec.blocks), 1)  # each part's margin below it, then the citation's line
    usable = css_length_in_points(size[1]) - 2 * margin_pt - (2.2 + 0.6 * parts) * fmt.min_type_pt * scale
    drafts = [block["english_name"] for block in spec.blocks if block["draft"]]
    context: dict[str, Any] = {
        "law": law,
        "format": fmt,
        "blocks": spec.blocks,
        "equal_parts": bool(law.languages.equal_parts) and len(spec.blocks) > 1,
        "page": {
            "width": size[0],
            "height": size[1],
            "margin": margin,
            "small": small,
            "part_height": f"{usable / parts:.1f}pt",
            "type_pt": f"{fmt.min_type_pt * scale:.2f}",
            "number_pt": f"{max(fmt.number_min_pt, fmt.min_type_pt) * scale:.2f}",
        },
        "created": law.verified.isoformat(),
        "lang": spec.blocks[0]["lang"] if len(spec.blocks) == 1 else "en",
        "qr": _qr_context(spec.qr),
        "proof_note": None
        if spec.release or not drafts
        else f"Draft: the {', '.join(drafts)} text is a translation no native speaker has reviewed yet.",
    }
    where = Location(tools.project.paths.root / law.source_file)
    html = tools.html.render(
        NOTICE_TEMPLATE,
        context,
        catalog=None,
        tag=str(context["lang"]),
        item=spec.key.name,
        where=where,
        known_bad=tools.project.known_bad,
        strict_numbers=False,
    )
    css = read_input(tools.project.paths.templates / NOTICE_CSS).decode("utf-8")
    return tools.pdf.lay_out(html.html, [spec.design.css(spec.variant.is_print), css], spec.key.name, NOTICE_TEMPLATE)


def _qr_context(qr: tuple[str, str] | None) -> dict[str, Any] | None:
    return {"image": qr_image(qr[0], QR_SIDE), "label": qr[1], "shown": address_filter(qr[1])} if qr else None


def _fits(document: Any) -> bool:
    from ..render.fitting import overflowing_regions

    return len(document.pages) == 1 and not overflowing_regions(document)


def _check_rules(spec: NoticeSpec, project: Project, size: tuple[str, str], document: Any) -> list[Diagnostic]:
    """The law's rules, read off the laid-out page (not assumed from the stylesheet)."""
    law, fmt = spec.law, spec.format
    where = law.location("formats")
    problems = []
    page = document.pages[0]
    laid_out = (f"{page.width * 0.75:.2f}pt", f"{page.height * 0.75 + 0.01:.2f}pt")
    if fmt.min_size and not fmt.allows((f"{page.width * 0.75 + 0.4:.2f}pt", f"{page.height * 0.75 + 0.4:.2f}pt")):
        problems.append(
            _error(
                "law.size",
                f"{law.title}: page {' x '.join(size)} is smaller than the {' x '.join(fmt.min_size)} "
                f"the law requires ({' x '.join(laid_out)} laid out)",
                where,
            )
        )
    sizes = type_sizes(document)
    smallest = min(value for value in (sizes.body, sizes.small, sizes.number) if value) if any((sizes.body, sizes.small)) else 0.0
    if smallest < fmt.min_type_pt - 0.01:
        problems.append(
            _error(
                "law.min-type",
                f"{law.title}: type of {smallest:.1f} pt on the page, below the {fmt.min_type_pt:g} pt the law requires",
                where,
            )
        )
    if fmt.number_min_pt and sizes.number and sizes.number < fmt.number_min_pt - 0.01:
        problems.append(
            _error(
                "law.number-type",
                f"{law.title}: the hotline number is set in {sizes.number:.1f} pt, below the "
                f"{fmt.number_min_pt:g} pt the law requires",
                where,
            )
        )
    present = _languages_on_page(page)
    missing = [tag for tag in spec.languages if tag not in present]
    if missing:
        problems.append(
            _error("law.language-missing", f"{law.title}: {', '.join(missing)} missing from the laid-out page", where)
        )
    problems += _check_elements(project, spec, page)
    problems += _check_numbers_bold(spec, page) + _check_equal_parts(spec, page) + _check_qr(spec, page)
    return problems


def _check_numbers_bold(spec: NoticeSpec, page: Any) -> list[Diagnostic]:
    """Where the law wants the number in bold (Maryland, Baltimore), every number is set bold."""
    if not spec.format.number_bold:
        return []
    numbers = list(_number_boxes(page._page_box))
    light = [box.text for box in numbers if box.style["font_weight"] < BOLD]
    if not numbers or light:
        return [
            _error(
                "law.number-bold",
                f"{spec.law.title}: the law wants the hotline number in bold; "
                + (f"{light[0]!r} is not bold on the laid-out page" if light else "no number is laid out"),
                spec.law.location("formats"),
            )
        ]
    return []


def _number_boxes(box: Any, inside: bool = False) -> Iterator[Any]:
    """The text boxes of the registry numbers on a laid-out page."""
    inside = inside or "hotline-number" in _classes(box)
    if inside and is_text(box):
        yield box
    for child in getattr(box, "children", ()):
        yield from _number_boxes(child, inside)


def _check_equal_parts(spec: NoticeSpec, page: Any) -> list[Diagnostic]:
    """Where the law wants the language parts equal in size (New Mexico), their boxes are."""
    if not spec.law.languages.equal_parts or len(spec.languages) < 2:
        return []
    parts = [box for box in descendants(page._page_box) if "statute" in _classes(box) and type(box).__name__ == "BlockBox"]
    sizes = [(box.border_width(), box.border_height()) for box in parts]
    if (
        len(sizes) != len(spec.languages)
        or max(s[0] for s in sizes) - min(s[0] for s in sizes) > EQUAL_TOLERANCE_PX
        or max(s[1] for s in sizes) - min(s[1] for s in sizes) > EQUAL_TOLERANCE_PX
    ):
        shown = ", ".join(f"{w * 0.75:.0f} x {h * 0.75:.0f} pt" for w, h in sizes)
        return [
            _error(
                "law.equal-parts",
                f"{spec.law.title}: the law wants each language part the same size; laid out: {shown}",
                spec.law.location("languages"),
            )
        ]
    return []


def _check_qr(spec: NoticeSpec, page: Any) -> list[Diagnostic]:
    if not spec.qr:
        return []
    codes = [box for box in descendants(page._page_box) if "qr-code" in _classes(box)]
    if not codes:
        return [
            _error(
                "law.qr",
                f"{spec.law.title}: the law asks for the hotline's QR code, and none is laid out",
                spec.law.location("formats"),
            )
        ]
    return []


def _error(code: str, message: str, where: Location) -> Diagnostic:
    return Diagnostic(code, message, Severity.ERROR, where)


def _check_elements(project: Project, spec: NoticeSpec, page: Any) -> list[Diagnostic]:
    """Each element the law requires, in each language, laid out with what it must show."""
    law = spec.law
    laid_out = _element_text_on_page(page)
    problems = []
    for tag in spec.languages:
        for element in (law.elements[key] for key in law.printed_elements):
            text = laid_out.get((tag, element.id), "")
            if not text.strip():
                problems.append(
                    _error(
                        "law.element",
                        f"{law.title}: the {tag} sign lacks {element.id} ({element.requires})",
                        law.location("elements"),
                    )
                )
                continue
            for expected in shown_forms(project, element):
                if expected.lower() not in text.lower():
                    problems.append(
                        _error(
                            "law.element",
                            f"{law.title}: the {tag} {element.id} passage does not show {expected} on the laid-out page",
                            law.location("elements"),
                        )
                    )
    return problems


def _element_text_on_page(page: Any) -> dict[tuple[str, str], str]:
    """(language, element) -> the text laid out in that element's box."""
    text_boxes: dict[tuple[str, str], dict[int, str]] = {}  # by box identity: anonymous boxes repeat their element
    for section in descendants(page._page_box):
        if "statute" not in _classes(section):
            continue
        for box in descendants(section):
            if "passage" in _classes(box):
                key = (section.element.get("lang"), box.element.get("data-element"))
                boxes = text_boxes.setdefault(key, {})
                boxes.update((id(inner), inner.text) for inner in descendants(box) if is_text(inner))
    return {key: " ".join(boxes.values()).replace("\u2066", "").replace("\u2069", "") for key, boxes in text_boxes.items()}


def _languages_on_page(page: Any) -> set[str]:
    return {
        box.element.get("lang")
        for box in descendants(page._page_box)
        if "statute" in _classes(box) and any(is_text(inner) for inner in descendants(box))
    }


def _classes(box: Any) -> list[str]:
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None else []
