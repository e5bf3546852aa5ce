"""Footnotes in a Zhihu post: the definitions taken out of the tree and each reference made a
Zhihu reference superscript (``transform._Transform``'s part for them).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from . import check as zhihu_check
from .tree import (
    Footnote,
    collapse,
    text_of,
)


class FootnotesMixin:
    """Mixed into ``transform._Transform`` (uses its ``options``, ``warnings``, ``footnotes`` and
    ``done``, and its other parts)."""

    def take_footnote_definitions(self, root: etree.Element) -> dict[str, tuple[str, str]]:
        definitions: dict[str, tuple[str, str]] = {}
        for child in list(root):
            if child.tag != "div" or "footnote" not in (child.get("class") or "").split():
                continue
            for item in child.iter("li"):
                key = (item.get("id") or "").removeprefix("fn:")
                url = ""
                parts: list[str] = []
                self._footnote_text(item, parts)
                for link in item.iter("a"):
                    href = self._clean_footnote(link.get("href") or "")
                    if "footnote-backref" in (link.get("class") or "") or not href:
                        continue
                    if not url and zhihu_check.url_scheme(href) in ("http", "https"):
                        url = href
                text = collapse(self._clean_footnote("".join(parts)))
                definitions[key] = (text or url, url)
            root.remove(child)
        return definitions

    def _footnote_text(self, element: etree.Element, parts: list[str]) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            classes = child.get("class") or ""
            if child.tag == "a" and "footnote-backref" in classes:
                pass
            elif child.tag == "a" and self._clean_footnote(collapse(text_of(child))) == \
                    self._clean_footnote(child.get("href") or ""):
                pass  # a bare URL: it goes to data-url
            elif child.tag == "img":
                parts.append(child.get("alt") or "")
            else:
                self._footnote_text(child, parts)
            if child.tail:
                parts.append(child.tail)

    @staticmethod
    def _clean_footnote(text: str) -> str:
        return text.replace("\xa0", " ").strip()

    def references(self, root: etree.Element, definitions: dict[str, tuple[str, str]]) -> None:
        for sup in list(root.iter("sup")):
            link = sup.find("a")
            if link is None or "footnote-ref" not in (link.get("class") or ""):
                continue
            key = (link.get("href") or "").removeprefix("#fn:")
            text, url = definitions.get(key, ("", ""))
            note = self.footnotes.get(key)
            if note is None:
                note = Footnote(len(self.footnotes) + 1, text, url)
                self.footnotes[key] = note
            sup.attrib.clear()
            sup.remove(link)
            sup.text = f"[{note.numero}]"
            for name, value in (("data-text", note.text), ("data-url", note.url),
                                ("data-draft-node", "inline"),
                                ("data-draft-type", "reference"),
                                ("data-numero", str(note.numero))):
                sup.set(name, value)
