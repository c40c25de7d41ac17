"""What a reader sees, read off the PDF (glyph boxes from pdfminer, a 40 dpi picture of each
page): the preflight that refuses a page a printer would print and a reader could not use.

- text that overlaps other text (a heading run into a number, a note over the body);
- text that an image or a box painted later covers (a QR code's white square over a number);
- text outside the safe area, or across a tear-off tab's cut line;
- type under the material's smallest size (proof notes and QR captions included);
- the hotline number not the largest text, or under the material's least number size;
- an empty horizontal band taller than 12 % of the page (a page stacked from the top);
- a QR code under 20 mm, or a caption that says something else than the code does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model.units import css_length_in_points
from .readback import PdfFacts, PrintedChar, is_mark

if TYPE_CHECKING:
    from ..pipeline.resolve import MaterialSpec

BLANK_BAND_LIMIT = 0.12  # of the page's height
PAPER_LEVEL = 246  # a grey above this is paper (0-255)
MIN_QR_MM = 19.5  # 20 mm, less what a 300 dpi reading can lose
SIZE_TOLERANCE = 0.3  # pt
Problem = tuple[str, str]


def layout_problems(facts: PdfFacts, spec: MaterialSpec) -> list[Problem]:
    material = spec.material
    problems: list[Problem] = []
    safe = css_length_in_points(material.safe_margin)
    for index, chars in enumerate(facts.chars):
        trim = facts.trim_boxes[index] if index < len(facts.trim_boxes) else (0.0, 0.0, *facts.page_sizes_pt[index])
        page = f"page {index + 1}: " if len(facts.chars) > 1 else ""
        problems += [(code, page + message) for code, message in overlaps(chars)]
        if index < len(facts.covered):
            problems += [(code, page + message) for code, message in covered_text(facts.covered[index])]
        problems += [(code, page + message) for code, message in outside_safe_area(chars, trim, safe)]
        problems += [(code, page + message) for code, message in small_type(chars, material.min_small_pt)]
        if index < len(facts.previews) and not material.large_print:
            problems += [
                (code, page + message) for code, message in blank_bands(facts.previews[index], safe / (trim[3] - trim[1]))
            ]
        if material.tabs:
            problems += [(code, page + message) for code, message in across_tabs(chars, trim, material.tabs)]
    problems += number_hierarchy(facts, spec)
    problems += qr_sizes(facts)
    return problems


def _lines(chars: list[PrintedChar]) -> list[list[PrintedChar]]:
    lines: list[list[PrintedChar]] = []
    for char in sorted(chars, key=lambda c: -(c.bottom + c.top)):
        line = next((line for line in lines if _same_line(line[0], char)), None)
        (lines.append([char]) if line is None else line.append(char))
    return lines


def _same_line(first: PrintedChar, other: PrintedChar) -> bool:
    overlap = min(first.top, other.top) - max(first.bottom, other.bottom)
    return overlap > 0.5 * min(first.top - first.bottom, other.top - other.bottom)


def _core(char: PrintedChar) -> tuple[float, float, float, float]:
    """The middle of a glyph's box (fonts' boxes include ascender and descender room that
    neighbouring lines may share): what two overlapping texts would both cover."""
    height = char.top - char.bottom
    return (
        char.left + 0.1 * (char.right - char.left),
        char.bottom + 0.25 * height,
        char.right - 0.1 * (char.right - char.left),
        char.top - 0.25 * height,
    )


def overlaps(chars: list[PrintedChar]) -> Iterator[Problem]:
    """Glyphs of two different runs (text boxes) printed on each other: two lines laid over
    one another, a heading run into a number. Within a run, glyphs may overlap (marks)."""
    printed = [char for char in chars if char.char.strip() and not is_mark(char.char)]
    runs: dict[int, list[PrintedChar]] = {}
    for char in printed:
        runs.setdefault(char.run, []).append(char)
    boxes = sorted(((char.run, _core(char), char) for char in printed), key=lambda entry: entry[1][0])
    reported: set[tuple[int, int]] = set()
    for position, (run, box, char) in enumerate(boxes):
        for other_run, other, _other_char in boxes[position + 1 :]:
            if other[0] >= box[2]:
                break
            pair = (min(run, other_run), max(run, other_run))
            if other_run != run and pair not in reported and other[1] < box[3] and box[1] < other[3]:
                reported.add(pair)
                yield (
                    "layout.overlap",
                    f"text overlaps other text: {_text(runs[run])!r} and {_text(runs[other_run])!r} "
                    f"near {char.left:.0f}, {char.bottom:.0f} pt",
                )
                break


def _text(line: list[PrintedChar]) -> str:
    return "".join(char.char for char in sorted(line, key=lambda c: c.left))[:40]


def covered_text(covered: list[PrintedChar]) -> Iterator[Problem]:
    if covered:
        yield (
            "layout.covered",
            f"{len(covered)} character(s) painted over by an image or a box, so a reader cannot see "
            f"them, e.g. {_text(covered)!r}",
        )


def outside_safe_area(chars: list[PrintedChar], trim: tuple[float, float, float, float], safe: float) -> Iterator[Problem]:
    left, bottom, right, top = trim[0] + safe - 0.75, trim[1] + safe - 0.75, trim[2] - safe + 0.75, trim[3] - safe + 0.75
    outside = [
        char
        for char in chars
        if char.char.strip()
        and (
            char.left < left
            or char.right > right
            or char.bottom + 0.2 * (char.top - char.bottom) < bottom
            or char.top - 0.2 * (char.top - char.bottom) > top
        )
    ]
    if outside:
        yield (
            "layout.safe-area",
            f"{len(outside)} character(s) within {safe / 72:.2f} in of the trim edge, where a cut may "
            f"reach them, e.g. {''.join(char.char for char in outside[:20])!r}",
        )


def small_type(chars: list[PrintedChar], least: float) -> Iterator[Problem]:
    sizes = [char.size_pt for char in chars if char.char.strip()]
    if sizes and min(sizes) < least - SIZE_TOLERANCE:
        yield ("layout.min-type", f"type of {min(sizes):.1f} pt on the page; the least this material allows is {least:g} pt")


def number_hierarchy(facts: PdfFacts, spec: MaterialSpec) -> list[Problem]:
    """The hotline number is the largest text of the material, and at least its least size."""
    number = spec.hotline.phone.short
    sizes = [size for size in _sizes_of(facts, number)]
    if not sizes:
        return []
    largest_number = max(sizes)
    others = [char.size_pt for chars in facts.chars for char in chars if char.char.strip()]
    problems = []
    biggest = max(others, default=0.0)
    if biggest > largest_number + SIZE_TOLERANCE:
        problems.append(
            (
                "layout.number-not-largest",
                f"the hotline number is set in {largest_number:.0f} pt, but other text in "
                f"{biggest:.0f} pt: the number must be the largest thing on the page",
            )
        )
    if spec.material.min_number_pt and largest_number < spec.material.min_number_pt - SIZE_TOLERANCE:
        problems.append(
            (
                "layout.number-size",
                f"the hotline number is set in {largest_number:.0f} pt, under the "
                f"{spec.material.min_number_pt:g} pt this material requires",
            )
        )
    return problems


def _sizes_of(facts: PdfFacts, text: str) -> Iterator[float]:
    """Type sizes at which `text` is printed, read from its glyphs line by line."""
    for chars in facts.chars:
        for line in _lines(chars):
            ordered = sorted(line, key=lambda c: c.left)
            joined = "".join(char.char for char in ordered)
            start = joined.find(text)
            while start >= 0:
                yield min(char.size_pt for char in ordered[start : start + len(text)])
                start = joined.find(text, start + 1)


def blank_bands(preview: object, margin: float = 0.0) -> Iterator[Problem]:
    """The tallest run of rows with nothing printed on them inside the safe area (`margin`: the
    safe margin as a fraction of the page's height), against the page's height."""
    image = preview  # a grey PIL image of the trim box
    width, height = image.size  # type: ignore[attr-defined]
    pixels = image.load()  # type: ignore[attr-defined]
    longest = run = 0
    skip = int(margin * height)
    for y in range(skip, height - skip):
        blank = all(pixels[x, y] >= PAPER_LEVEL for x in range(0, width, 2))
        run = run + 1 if blank else 0
        longest = max(longest, run)
    if height and longest / height > BLANK_BAND_LIMIT:
        yield (
            "layout.blank-band",
            f"an empty band {longest / height:.0%} of the page high (at most "
            f"{BLANK_BAND_LIMIT:.0%}): the content is stacked, not laid out on the page",
        )


def qr_sizes(facts: PdfFacts) -> list[Problem]:
    small = [size for page in facts.qr_sizes_mm for size in page if size < MIN_QR_MM]
    if small:
        return [("layout.qr-size", f"a QR code of {min(small):.1f} mm: at least 20 mm, or a worn copy will not scan")]
    return []


def across_tabs(chars: list[PrintedChar], trim: tuple[float, float, float, float], tabs: int) -> Iterator[Problem]:
    """On a tear-off poster, each tab's text stays inside its tab (the tabs are a band 2 in high,
    0.3 in above the bottom edge, 0.3 in in from the sides, cut apart between them)."""
    left, right = trim[0] + 0.3 * 72, trim[2] - 0.3 * 72
    bottom, top = trim[1] + 0.3 * 72, trim[1] + 2.3 * 72
    width = (right - left) / tabs
    for char in chars:
        if not char.char.strip() or char.top < bottom or char.bottom > top:
            continue
        column = int((char.left - left) // width)
        if char.left < left + column * width + 1 or char.right > left + (column + 1) * width - 1:
            yield ("layout.tab-cut", f"tab text crosses a cut line: {char.char!r} at {char.left:.0f} pt")
            return
