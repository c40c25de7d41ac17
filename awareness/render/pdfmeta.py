"""What a job says about the PDF it will write, without loading WeasyPrint (0.4 s to import):
its fixed creation date, and the colour-profile rule of a print variant. A build that has
nothing to render imports only this."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.material import PdfVariant


@dataclass(frozen=True)
class PdfMeta:
    created: str  # ISO date: fixed, so that the same inputs give the same bytes


def colour_profile_css(variant: PdfVariant) -> str:
    """The @color-profile rule that makes the CMYK profile the output intent of a PDF/X file."""
    if not variant.is_print or variant.icc_profile is None:
        return ""
    return f'@color-profile device-cmyk {{ src: url("{variant.icc_profile.resolve().as_uri()}"); components: c, m, y, k; }}\n'
