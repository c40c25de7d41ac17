"""Stage 3, render HTML: Jinja2 templates, translated through the i18n extension.

Translations are escaped (a catalog cannot inject markup) and every number goes through
the `ltr` filter, which wraps it in a left-to-right isolate so its digits never reorder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from babel.support import NullTranslations, Translations
from markupsafe import Markup

from .errors import Location, ProjectError
from .i18n import Translator
from .qr import qr_data_uri
from .resolve import RenderJob

LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"


# Korean breaks lines between words, never inside one (CSS `word-break: keep-all`, which
# WeasyPrint does not support): a WORD JOINER between the syllables of a word, which draws
# nothing and is not extracted with the text. Brackets inside a word ("웹사이트(...)를") hold too.
_WITHIN_HANGUL_WORD = re.compile("(?<=[\uac00-\ud7a3])(?=[\uac00-\ud7a3(])|(?<=\\))(?=[\uac00-\ud7a3])")
WORD_JOINER = "\u2060"
_HANGUL = re.compile("[\uac00-\ud7a3]")


_TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+")


def keep_hangul_words_whole(html: str) -> str:
    """Only in the text of the body: the title and attributes (alt text) stay as written."""
    if not _HANGUL.search(html):
        return html  # every page is laid out through here: most have no Korean
    head, body_start, body = html.partition("<body")
    return head + body_start + _TAG_OR_TEXT.sub(_joined_if_text, body)


def _joined_if_text(match: re.Match[str]) -> str:
    part = match.group(0)
    return part if part.startswith("<") else _WITHIN_HANGUL_WORD.sub(WORD_JOINER, part)


def isolate_ltr(value: object) -> Markup:
    """A number, code or address that must read left to right inside any text direction."""
    return Markup('<span class="ltr">{}{}{}</span>').format(LEFT_TO_RIGHT_ISOLATE, value, POP_DIRECTIONAL_ISOLATE)


@dataclass(frozen=True)
class RenderedHtml:
    html: str
    fallbacks: frozenset[str]  # messages printed in English for want of a translation
    messages: tuple[str, ...] = ()  # msgids used, in order; data-msg="i" indexes them


class HtmlRenderer:
    """Builds the Jinja environment once; renders any number of jobs."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
        )
        self.environment.filters["ltr"] = isolate_ltr

    def render(self, job: RenderJob, mark_messages: bool = False, text_scale: float = 1.0) -> RenderedHtml:
        translator = Translator(_translations(job.mo_path), mark_messages=mark_messages)
        context = {
            "gettext": translator.gettext,
            "ngettext": translator.ngettext,
            "language": job.language,
            "material": job.material,
            "text": job.material.text,
            "region": job.region,
            "page": {"width": job.page_size[0], "height": job.page_size[1], "paper": job.paper,
                     "bleed": job.bleed, "crop_marks": job.crop_marks},
            "hotline": job.hotline,
            "more_hotlines": job.more_hotlines,
            "emergency": job.emergency,
            "organizations": job.organizations,
            "qr": {"src": qr_data_uri(job.qr.payload), "label": job.qr.label} if job.qr else None,
            "verified": job.verified,
            "proof_note": job.proof_note,
            "text_scale": f"{text_scale:.3f}",
        }
        try:
            html = self.environment.get_template(job.material.template).render(context)
        except jinja2.TemplateSyntaxError as error:
            raise ProjectError(f"template syntax error: {error.message}", Location(Path(error.filename or job.material.template), error.lineno)) from None
        except jinja2.TemplateNotFound as error:
            raise ProjectError(f"template '{error.name}' not found in templates/", Location(Path(job.material.source_file))) from None
        except jinja2.UndefinedError as error:
            raise ProjectError(f"{job.material.template}: {error.message}", Location(Path(job.material.source_file))) from None
        return RenderedHtml(html, frozenset(translator.fallbacks), tuple(translator.used))


@lru_cache(maxsize=64)
def _load_mo(mo_path: Path, mtime: float) -> Translations:
    with mo_path.open("rb") as handle:
        return Translations(handle)


def _translations(mo_path: Path | None) -> NullTranslations:
    if mo_path is None:
        return NullTranslations()
    return _load_mo(mo_path, mo_path.stat().st_mtime)
