"""A material as a job: resolve (pipeline.resolve), render (HTML, gate, layout, fit, PDF
bytes), verify (the PDF read back against what it must say)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from ..model.diagnostics import Diagnostic, Location, Severity
from ..model.project import Project
from ..model.units import css_length_in_px
from ..render.fitting import Limits, lay_out_to_fit
from ..render.html import RenderedHtml
from ..render.pdfmeta import PdfMeta, colour_profile_css
from ..render.qr import qr_image
from .jobs import JobKey
from .resolve import MaterialSpec, resolve_material
from .stages import BuildOptions, Rendered, read_input
from .tools import WorkerTools


class MaterialJob:
    kind = "material"

    def resolve(self, project: Project, key: JobKey, options: BuildOptions) -> MaterialSpec:
        return resolve_material(project, key, options.release)

    def render(self, spec: MaterialSpec, tools: WorkerTools) -> Rendered:
        material = spec.material
        where = Location(tools.project.paths.root / material.source_file)
        extra_css = [spec.design.css(spec.variant.is_print), colour_profile_css(spec.variant)]
        context = template_context(spec)

        def lay_out(scale: float, mark: bool) -> tuple[Any, Any]:
            html = material_html(spec, tools, context, scale, mark)
            return tools.pdf.lay_out(html.html, extra_css, spec.key.name, material.template), html

        limits = Limits(
            material.pages,
            css_length_in_px(material.safe_margin),
            material.min_body_pt,
            material.min_small_pt,
            spec.key.name,
            where,
        )
        fitted = lay_out_to_fit(lay_out, limits, grow=not material.large_print)
        tools.pdf.check_page_size(fitted.document, spec.page_size, spec.key.name, where)
        data = tools.pdf.write(fitted.document, spec.variant, PdfMeta(spec.verified_on.isoformat()))
        return Rendered(
            data,
            len(fitted.document.pages),
            _render_notes(spec, fitted.payload.fallbacks, fitted.scale, where),
            {"text_scale": fitted.scale, "printed": printed_values(spec), "review": "draft" if spec.draft else "reviewed"},
        )

    def verify(self, spec: MaterialSpec, path: Path, tools: WorkerTools) -> list[Diagnostic]:
        from ..verify.material import verify_material

        return verify_material(tools.project, spec, path)


def template_context(spec: MaterialSpec) -> dict[str, Any]:
    print_variant = spec.variant.is_print
    ink = spec.design.colours["ink"].css(print_variant) if "ink" in spec.design.colours else "#000000"
    return {
        "language": spec.language,
        "material": spec.material,
        "text": spec.material.text,
        "region": spec.region,
        "page": {
            "width": spec.page_size[0],
            "height": spec.page_size[1],
            "paper": spec.paper,
            "bleed": spec.bleed,
            "crop_marks": spec.crop_marks,
        },
        "hotline": spec.hotline,
        "more_hotlines": spec.more_hotlines,
        "emergency": spec.emergency,
        "local_line": spec.local_line,
        "organizations": spec.organizations,
        "qr": _qr_context(spec, ink),
        "verified": spec.verified,
        "proof_note": spec.proof_note,
        "draft": spec.draft,
        "cobrand": _cobrand_context(spec),
        "colour": lambda name: spec.design.colours[name].css(print_variant),
        "created": spec.verified_on.isoformat(),
    }


def _qr_context(spec: MaterialSpec, ink: str) -> dict[str, Any] | None:
    if spec.qr is None:
        return None
    image = qr_image(spec.qr.payload, spec.qr.size, ink)
    return {
        "src": image.src,
        "size": image.size,
        "quiet": image.quiet,
        "label": spec.qr.label,
        "action": spec.qr.action,
        "payload": spec.qr.payload,
    }


def _cobrand_context(spec: MaterialSpec) -> dict[str, Any] | None:
    cobrand = spec.cobrand
    if cobrand is None:
        return None
    logo = None
    if cobrand.logo:
        data = read_input(cobrand.logo)
        kind = "png" if data.startswith(b"\x89PNG") else "svg+xml"
        if spec.variant.is_print and kind == "png":
            from ..render.colour import png_to_cmyk_jpeg

            data, kind = png_to_cmyk_jpeg(data, spec.variant.icc_profile), "jpeg"
        logo = f"data:image/{kind};base64," + base64.b64encode(data).decode()
    return {"organization": cobrand.organization, "logo": logo}


def material_html(
    spec: MaterialSpec, tools: WorkerTools, context: dict[str, Any] | None = None, scale: float = 1.0, mark: bool = False
) -> RenderedHtml:
    """The material's page as HTML in its language, through its catalog and the number gate:
    what the PDF is laid out from, and what its text export is made from."""
    return tools.html.render(
        spec.material.template,
        (context if context is not None else template_context(spec)) | {"text_scale": f"{scale:.3f}"},
        catalog=spec.catalog,
        tag=spec.language.tag,
        item=spec.key.name,
        where=Location(tools.project.paths.root / spec.material.source_file),
        known_bad=tools.project.known_bad,
        mark_messages=mark,
    )


def printed_values(spec: MaterialSpec) -> dict[str, str]:
    """The registry values this output prints, recorded in the manifest: when one changes,
    the `patch` command knows which printed signs carry the old one."""
    values = {}
    for line in (spec.hotline, *spec.more_hotlines, spec.emergency, *([spec.local_line] if spec.local_line else [])):
        values[f"{line.id}.phone"] = line.phone.printed
        if line.sms:
            values[f"{line.id}.sms"] = line.sms.printed
        if line.web:
            values[f"{line.id}.web"] = line.web.label
    return values


def _render_notes(
    spec: MaterialSpec, fallbacks: frozenset[tuple[str | None, str]], scale: float, where: Location
) -> list[Diagnostic]:
    notes = []
    if fallbacks:
        example = sorted(message for _context, message in fallbacks)[0]
        notes.append(
            Diagnostic(
                "catalog.untranslated",
                f"{len(fallbacks)} message(s) not translated, printed in English, e.g. {example!r}",
                Severity.WARNING,
                Location(spec.catalog) if spec.catalog else where,
            )
        )
    if scale != 1.0:
        notes.append(
            Diagnostic("fit.scaled", f"body type set at {scale:.0%} of its design size to fit the page", Severity.NOTE, where)
        )
    return notes
