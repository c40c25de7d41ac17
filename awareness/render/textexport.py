"""A material's text as plain, accessible HTML: for screen readers, braille transcription and
large-print retyping. Made from the same rendered HTML as the PDF (same catalog, same registry
values), with the layout taken away: no stylesheet, no pictograms, the QR code as its link."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ElementTree

import tinyhtml5

from ..i18n.linebreak import BREAK_HINTS

NS = "{http://www.w3.org/1999/xhtml}"
DROPPED = {"style", "script", "link", "meta", "svg", "head", "title"}
KEPT_ATTRIBUTES = {"lang", "dir", "href"}
READING_CSS = "body{font:1.25rem/1.6 sans-serif;max-width:38em;margin:2rem auto;padding:0 1rem}"


def accessible_html(rendered: str, tag: str, direction: str) -> str:
    """The text of a rendered material as a standalone HTML document, under the PDF's title."""
    root = tinyhtml5.parse(rendered)
    title_element = root.find(f"{NS}head/{NS}title")
    title = "".join(title_element.itertext()) if title_element is not None else ""
    body = root.find(f"{NS}body")
    if body is None:
        return _document("", title, tag, direction)
    _clean(body)
    inner = "".join(ElementTree.tostring(child, encoding="unicode", method="html") for child in body)
    return _document(((body.text or "") + inner).translate(BREAK_HINTS), title, tag, direction)


def _clean(element: ElementTree.Element) -> None:
    for child in list(element):
        name = child.tag.removeprefix(NS)
        child.tag = name
        if name in DROPPED or child.get("aria-hidden") == "true" or _is_pictogram(child):
            _remove_keeping_tail(element, child)
            continue
        if name == "img":
            _replace_image(element, child)
            continue
        for attribute in list(child.attrib):
            if attribute not in KEPT_ATTRIBUTES:
                del child.attrib[attribute]
        _clean(child)


def _is_pictogram(element: ElementTree.Element) -> bool:
    return "pict" in (element.get("class") or "").split()


def _replace_image(parent: ElementTree.Element, image: ElementTree.Element) -> None:
    """An image becomes its alternative text (the QR code's says what it does and where)."""
    alt = (image.get("alt") or "").strip()
    if not alt:
        _remove_keeping_tail(parent, image)
        return
    image.tag, image.attrib, image.text = "p", {}, alt


def _remove_keeping_tail(parent: ElementTree.Element, child: ElementTree.Element) -> None:
    index = list(parent).index(child)
    if child.tail:
        if index:
            before = parent[index - 1]
            before.tail = (before.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _document(body: str, title: str, tag: str, direction: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(tag)}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{READING_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
