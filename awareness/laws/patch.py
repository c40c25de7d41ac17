"""Signs kept current. Every output records in its manifest the registry values it prints
(`facts["printed"]`) and, for a notice, the law's wording it printed. When a number in
materials/hotlines.yaml or a law's wording changes, the signs already on walls carry the old
line: `find_changes` reads the manifests under the output folder and lists, per issued PDF,
each line that no longer holds and what replaces it. `PatchJob` makes a sheet of labels on
standard label stock (materials/label_stock.yaml), each label covering one old line with the
new one, at least at the type size the sign's law requires; a change no label can carry
(a long passage, a number too large for the stock) is listed as needing a reprint."""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..load.schema import check_schema
from ..load.yamlsafe import load_yaml
from ..model.design import DesignTokens
from ..model.diagnostics import Collector, Diagnostic, Location, ProjectError, Severity
from ..model.hotline import registry_entry_for
from ..model.material import PdfVariant
from ..model.project import Project
from ..model.units import css_length_in_points
from ..pipeline.jobs import JobKey
from ..pipeline.manifest import MANIFEST, Manifest
from ..pipeline.stages import BuildOptions, Rendered
from ..pipeline.tools import WorkerTools
from ..render.fitting import descendants, is_text
from ..render.pdfmeta import PdfMeta

STOCK_FILE = "label_stock.yaml"
TEMPLATE = "labels.html"
PATCH_CAMPAIGN = "patch"
MATERIAL_LABEL_PT = 14.0  # a material's number, where no law sets a size
NAME_PT = 7.0  # the line's name above the new value
LONGEST_WORDING_LINE = 80  # characters: a changed sentence longer than this needs a reprint


@dataclass(frozen=True)
class LabelStock:
    id: str
    name: str
    page: tuple[str, str]
    columns: int
    rows: int
    label: tuple[str, str]
    top_margin: str
    left_margin: str
    horizontal_pitch: str
    vertical_pitch: str
    padding: str

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def cell(self, index: int) -> tuple[float, float, float, float]:
        """Label `index` on its sheet: left, top, width, height in points from the top-left corner."""
        row, column = divmod(index % self.per_sheet, self.columns)
        return (
            css_length_in_points(self.left_margin) + column * css_length_in_points(self.horizontal_pitch),
            css_length_in_points(self.top_margin) + row * css_length_in_points(self.vertical_pitch),
            css_length_in_points(self.label[0]),
            css_length_in_points(self.label[1]),
        )


@dataclass(frozen=True)
class Change:
    """A line an issued PDF prints that no longer holds."""

    pdf: str  # relative to the output folder
    item: str  # the job's name: notices/fl_787_29/statewide/en+es
    entry: str  # "fl_trafficking.phone", or "wording en" for a law's text
    name: str  # what the line is, in words
    old: str
    new: str | None  # None: the line is gone (the registry entry was removed)
    count: int  # times the PDF prints the old line: one label each
    type_pt: float  # the least type the label must use
    reprint: str = ""  # why no label can carry it ("" when one can)


@dataclass(frozen=True)
class Label:
    name: str
    text: str
    for_pdf: str
    type_pt: float
    number: bool  # a number or an address: on one line, never broken


@dataclass(frozen=True)
class PatchSpec:
    key: JobKey
    stock: LabelStock
    labels: tuple[Label, ...]
    changes: tuple[Change, ...]
    created: str
    design: DesignTokens


def load_stock(project: Project, stock_id: str) -> LabelStock:
    path = project.paths.materials / STOCK_FILE
    problems = Collector()
    data = load_yaml(path)
    if not check_schema(data, "label_stock", path, problems):
        problems.raise_if_errors()
    if stock_id not in data:
        raise ProjectError.of(
            "patch.stock", f"unknown label stock '{stock_id}' (known: {', '.join(sorted(data))})", Location(path)
        )
    entry = data[stock_id]
    return LabelStock(
        stock_id,
        entry["name"],
        (entry["page"][0], entry["page"][1]),
        entry["columns"],
        entry["rows"],
        (entry["label"][0], entry["label"][1]),
        entry["top_margin"],
        entry["left_margin"],
        entry["horizontal_pitch"],
        entry["vertical_pitch"],
        entry["padding"],
    )


# ---------------------------------------------------------------- what changed


def find_changes(project: Project, out_dir: Path) -> tuple[list[Change], list[Diagnostic]]:
    """Every changed line printed by the PDFs the manifests under `out_dir` record."""
    changes: list[Change] = []
    problems: list[Diagnostic] = []
    for manifest_path in sorted(out_dir.rglob(MANIFEST)):
        if manifest_path.parent.name == PATCH_CAMPAIGN:
            continue
        manifest = Manifest.load(manifest_path.parent)
        if manifest.problem:
            problems.append(manifest.problem)
            continue
        for relative, entry in sorted(manifest.entries.items()):
            key = manifest.key_of(relative)
            pdf = manifest_path.parent / relative
            if key is None or not pdf.is_file() or not isinstance(entry.get("facts"), dict):
                continue
            shown = str(pdf.relative_to(out_dir))
            numbers = _number_changes(project, key, shown, pdf, entry["facts"])
            changes += numbers + _wording_changes(project, key, shown, entry["facts"], numbers)
    return changes, problems


def _number_changes(project: Project, key: JobKey, shown: str, pdf: Path, facts: dict[str, Any]) -> list[Change]:
    found = []
    printed = facts.get("printed")
    for ref, old in printed.items() if isinstance(printed, dict) else ():
        line_id, _, kind = str(ref).partition(".")
        line = project.hotlines.get(line_id)
        value = line.field(kind) if line else None
        if value is not None and _still_holds(project, line_id, kind, str(old)):
            continue
        new = line.printed(kind) if line and value is not None else None
        found.append(
            Change(
                shown,
                key.name,
                str(ref),
                line.name if line else line_id,
                str(old),
                new,
                max(_times_printed(pdf, str(old)), 1),
                _label_type(project, key),
            )
        )
    return found


def _still_holds(project: Project, line_id: str, kind: str, old: str) -> bool:
    """The printed form still dials (or, for an address, still reads) the registry's value."""
    line = project.hotlines[line_id]
    if kind in ("web", "chat"):
        value = line.field(kind)
        return value is not None and old.lower().rstrip("/") in (value.label.lower(), value.url.lower())  # type: ignore[union-attr]
    return registry_entry_for(old, {line_id: line}) == (line_id, kind)


def _wording_changes(project: Project, key: JobKey, shown: str, facts: dict[str, Any], numbers: list[Change]) -> list[Change]:
    """A notice's law wording, line by line against the law file's current wording; a line that
    differs only by a number already patched is not a second change."""
    law = project.laws.get(str(facts.get("law") or (key.subject if key.kind == "notice" else "")))
    wording = facts.get("law_wording")
    if law is None or not isinstance(wording, dict):
        return []
    found = []
    for tag, old_text in sorted(wording.items()):
        new_text = law.text.get(tag)
        old_lines = _lines(old_text)
        for number in numbers:
            old_lines = [line.replace(number.old, number.new or number.old) for line in old_lines]
        for old, new in _changed_lines(old_lines, _lines(new_text)):
            reprint = "" if new and len(new) <= LONGEST_WORDING_LINE and old else "the passage changed too much for a label"
            found.append(
                Change(
                    shown, key.name, f"wording {tag}", f"{law.citation} ({tag})", old, new, 1, _label_type(project, key), reprint
                )
            )
    return found


def _lines(text: object) -> list[str]:
    if isinstance(text, dict):
        return [line for passage in text.values() for line in str(passage).splitlines() if line.strip()]
    return [line for line in str(text or "").splitlines() if line.strip()]


def _changed_lines(old: list[str], new: list[str]) -> list[tuple[str, str | None]]:
    """Pairs (old line, new line) where a line was replaced one for one; otherwise (old, None)."""
    pairs: list[tuple[str, str | None]] = []
    for tag, start, end, new_start, new_end in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and end - start == new_end - new_start:
            pairs += list(zip(old[start:end], new[new_start:new_end], strict=True))
        else:
            pairs.append((" / ".join(old[start:end]) or "(new text)", None))
    return pairs


def _times_printed(pdf: Path, old: str) -> int:
    """How many printed lines carry `old` (digits compared, so any grouping counts)."""
    from ..text.numbers import keypad_digits
    from ..verify.readback import read_pdf

    try:
        lines = read_pdf(pdf, decode_qr=False).visual_lines
    except Exception:  # a damaged PDF: one label, and the reprint list says nothing worse
        return 1
    digits = keypad_digits(old)
    return sum(1 for line in lines if (digits and digits in keypad_digits(line)) or old in line)


def _label_type(project: Project, key: JobKey) -> float:
    """A label must carry the line at least at the size the sign's law sets for it."""
    law = project.laws.get(key.subject) if key.kind == "notice" else None
    if law is None:
        return MATERIAL_LABEL_PT
    fmt = law.formats.get(key.variant) if key.variant else next(iter(law.formats.values()))
    return max(fmt.min_type_pt, fmt.number_min_pt) if fmt else MATERIAL_LABEL_PT


def labels_of(changes: list[Change]) -> list[Label]:
    return [
        Label(change.name, change.new, change.pdf, change.type_pt, not change.entry.startswith("wording"))
        for change in changes
        if change.new and not change.reprint
        for _ in range(change.count)
    ]


# ---------------------------------------------------------------- the label sheet as a job


class PatchJob:
    kind = "patch"

    def resolve(self, project: Project, key: JobKey, options: BuildOptions) -> PatchSpec:
        stock = load_stock(project, key.place)
        changes, _problems = find_changes(project, options.out_dir)
        labels = labels_of(changes)
        if not labels:
            raise ProjectError.of(
                "patch.nothing",
                "no issued PDF under the output folder prints a line that changed and that a label can carry: nothing to patch",
            )
        return PatchSpec(key, stock, tuple(labels), tuple(changes), datetime.date.today().isoformat(), project.design)

    def render(self, spec: PatchSpec, tools: WorkerTools) -> Rendered:
        document = _lay_out(spec, tools, spec.labels)
        too_big = _overflowing_labels(document)
        if too_big:
            raise ProjectError.of(
                "patch.does-not-fit",
                f"{len(too_big)} label(s) do not fit {spec.stock.name} at the type the "
                f"sign's law requires, e.g. {spec.labels[min(too_big)].text!r} at "
                f"{spec.labels[min(too_big)].type_pt:g} pt for {spec.labels[min(too_big)].for_pdf}: "
                "reprint that sign",
                Location(tools.project.paths.materials / STOCK_FILE),
            )
        data = tools.pdf.write(document, PdfVariant(), PdfMeta(spec.created))
        facts = {
            "stock": spec.stock.id,
            "labels": len(spec.labels),
            "changes": [
                {"pdf": c.pdf, "entry": c.entry, "old": c.old, "new": c.new, "count": c.count, "reprint": c.reprint}
                for c in spec.changes
            ],
        }
        notes = [
            Diagnostic(
                "patch.reprint",
                f"{change.pdf}: {change.entry} changed ({shorten(change.old)!r}"
                + (f" -> {shorten(change.new)!r}" if change.new else "")
                + f"); {change.reprint or 'the line is gone'}: "
                "reprint it",
                Severity.WARNING,
            )
            for change in spec.changes
            if change.reprint or not change.new
        ]
        return Rendered(data, len(document.pages), notes, facts)

    def verify(self, spec: PatchSpec, path: Path, tools: WorkerTools) -> list[Diagnostic]:
        from ..verify.labels import verify_labels

        return verify_labels(tools.project, spec, path)


def _lay_out(spec: PatchSpec, tools: WorkerTools, labels: tuple[Label, ...]) -> Any:
    stock = spec.stock
    pad = css_length_in_points(stock.padding)
    sheets = [
        [(index, label, stock.cell(index)) for index, label in enumerate(labels) if index // stock.per_sheet == sheet]
        for sheet in range((len(labels) + stock.per_sheet - 1) // stock.per_sheet)
    ]
    context = {"stock": stock, "sheets": sheets, "pad": pad, "name_pt": NAME_PT, "created": spec.created}
    return tools.lay_out_office_page(TEMPLATE, context, spec.key.name, spec.design)


def _overflowing_labels(document: Any) -> set[int]:
    """Labels whose text runs past their box (less the die-cut padding)."""
    found = set()
    for page in document.pages:
        for box in descendants(page._page_box):
            element = getattr(box, "element", None)
            if element is None or "label" not in (element.get("class") or "").split() or is_text(box):
                continue
            top, bottom = box.content_box_y(), box.content_box_y() + box.height
            left, right = box.content_box_x(), box.content_box_x() + box.width
            for inner in descendants(box):
                if is_text(inner) and (
                    inner.position_y + inner.height > bottom + 0.5
                    or inner.position_y < top - 0.5
                    or inner.position_x + inner.width > right + 0.5
                    or inner.position_x < left - 0.5
                ):
                    found.add(int(element.get("data-label")))
    return found


def shorten(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
