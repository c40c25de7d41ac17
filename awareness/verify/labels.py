"""A sheet of patch labels read back: the stock's page size; every printed character inside a
label (less the die-cut padding), none across a cut; each new line printed once per label, at
least at the type size its sign's law sets; every number a registry number; no known-bad one;
fonts embedded."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.diagnostics import Diagnostic
from ..model.diagnostics import error as _problem
from ..model.project import Project
from ..model.units import css_length_in_points, same_size
from ..text.numbers import keypad_digits
from .material import fonts_and_glyphs, numbers_in_text
from .readback import PrintedChar, read_back

if TYPE_CHECKING:
    from ..laws.patch import PatchSpec

TOLERANCE_PT = 0.75
NAME_LINE_PT = 8.0  # the name and "for" lines are smaller than this; the new line is not


def verify_labels(project: Project, spec: PatchSpec, path: Path) -> list[Diagnostic]:
    facts = read_back(path, decode_qr=False)
    if isinstance(facts, Diagnostic):
        return [facts]
    stock = spec.stock
    page = tuple(css_length_in_points(length) for length in stock.page)
    problems = [*fonts_and_glyphs(facts), *numbers_in_text(facts, project)]
    for width, height in facts.trim_sizes_pt:
        if not same_size((width, height), page, TOLERANCE_PT):
            problems.append(
                _problem(
                    "labels.page", f"page of {width / 72:.2f} x {height / 72:.2f} in; {stock.name} is {' x '.join(stock.page)}"
                )
            )
    pad = css_length_in_points(stock.padding)
    expected_pages = (len(spec.labels) + stock.per_sheet - 1) // stock.per_sheet
    if len(facts.page_sizes_pt) != expected_pages:
        problems.append(
            _problem("labels.pages", f"{len(facts.page_sizes_pt)} sheet(s); {len(spec.labels)} labels take {expected_pages}")
        )
    for index, label in enumerate(spec.labels):
        sheet = index // stock.per_sheet
        chars = facts.chars[sheet] if sheet < len(facts.chars) else []
        inside = [char for char in chars if _inside(char, stock.cell(index), page[1], pad)]
        text = keypad_digits("".join(char.char for char in inside))
        if keypad_digits(label.text) not in text:
            problems.append(_problem("labels.missing", f"label {index + 1} does not print {label.text!r} inside its cut"))
            continue
        big = [char.size_pt for char in inside if char.char.strip() and char.size_pt > NAME_LINE_PT]
        if big and min(big) < label.type_pt - 0.05:
            problems.append(
                _problem(
                    "labels.type",
                    f"label {index + 1}: {label.text!r} in {min(big):.1f} pt; the sign's law sets {label.type_pt:g} pt",
                )
            )
    for sheet, chars in enumerate(facts.chars):
        cells = [stock.cell(index) for index in range(sheet * stock.per_sheet, (sheet + 1) * stock.per_sheet)]
        strays = [
            char.char for char in chars if char.char.strip() and not any(_inside(char, cell, page[1], pad) for cell in cells)
        ]
        if strays:
            problems.append(
                _problem(
                    "labels.outside",
                    f"sheet {sheet + 1}: {len(strays)} character(s) outside the labels or across "
                    f"a cut, e.g. {''.join(strays[:20])!r}",
                )
            )
    wanted = Counter(keypad_digits(label.text) for label in spec.labels if label.number)
    for digits, count in wanted.items():
        printed = sum(keypad_digits(line).count(digits) for line in facts.visual_lines) if digits else count
        if printed < count:
            problems.append(_problem("labels.count", f"{count} label(s) should print {digits}; {printed} do"))
    return problems


def _inside(char: PrintedChar, cell: tuple[float, float, float, float], page_height: float, pad: float) -> bool:
    """Whether a glyph lies in a label less its padding (cells are measured from the top; glyphs from the bottom)."""
    left, top, width, height = cell
    bottom_y, top_y = page_height - top - height, page_height - top
    return (
        char.left >= left + pad - TOLERANCE_PT
        and char.right <= left + width - pad + TOLERANCE_PT
        and char.bottom >= bottom_y + pad - TOLERANCE_PT - 2
        and char.top <= top_y - pad + TOLERANCE_PT + 2
    )
