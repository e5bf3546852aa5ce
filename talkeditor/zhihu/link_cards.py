"""Link cards and captions in a Zhihu post: a URL alone on a line becomes a card titled by the
line above it, an image with a title alone in its paragraph a ``<figure>``
(``transform._Transform``'s part for them).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from . import check as zhihu_check
from .tree import (
    collapse,
    is_blank,
    is_title_fragment,
    lines_of,
    pieces,
    set_pieces,
    text_of,
    title_line,
)


class LinkCardsMixin:
    """Mixed into ``transform._Transform`` (uses its ``options``, ``warnings``, ``footnotes`` and
    ``done``, and its other parts)."""

    def captions(self, root: etree.Element) -> None:
        """An image with a title alone in its paragraph becomes
        ``<figure><img><figcaption>title</figcaption></figure>`` (Zhihu's own markup for an
        image with a caption); any other image's title is dropped. Both are reported."""
        for index, block in enumerate(list(root)):
            if block.tag != "p":
                continue
            items = pieces(block)
            set_pieces(block, items)
            solid = [i for i in items if not is_blank(i)]
            if len(solid) != 1 or getattr(solid[0], "tag", "") != "img" \
                    or not solid[0].get("title"):
                continue
            image = solid[0]
            title = collapse(image.attrib.pop("title"))
            self.warnings.append(zhihu_check.warning(
                "image-caption", title, (f'"{title[:30]}', title[:30])))
            figure = etree.Element("figure")
            figure.append(image)
            image.tail = None
            etree.SubElement(figure, "figcaption").text = title
            root.remove(block)
            root.insert(index, figure)
        for image in root.iter("img"):
            title = image.attrib.pop("title", None)
            if title and title.strip():
                self.warnings.append(zhihu_check.warning(
                    "image-title", collapse(title), (f'"{title[:30]}', title[:30])))

    def link_cards(self, blocks: list[etree.Element]) -> list[etree.Element]:
        """A link alone on a line becomes a card; a bare URL's card takes the text of the
        line just above it when that line reads as the page's title (see :func:`title_line`),
        whether in the same paragraph or ending the paragraph before; a title wrapped onto
        two lines (:func:`is_title_fragment`) is joined back."""
        out: list[etree.Element] = []
        for block in blocks:
            if block.tag != "p":
                out.append(block)
                continue
            pending: list[list] = []
            for line in lines_of(block):
                card = self._card(line)
                if card is None:
                    pending.append(line)
                    continue
                if card.text == card.get("href"):
                    title = self._take_title(pending, out)
                    if title is not None:
                        card.text = title
                out.extend(self._lines_paragraph(pending))
                pending = []
                out.append(card)
            out.extend(self._lines_paragraph(pending))
        return out

    def _take_title(self, pending: list[list], out: list[etree.Element]) -> str | None:
        """Take the title line above a card out of ``pending`` (the card's paragraph so far)
        or, when that is empty, out of the paragraph ending ``out``."""
        if pending:
            lines, previous = pending, None
        elif out and out[-1].tag == "p":
            lines, previous = lines_of(out[-1]), out[-1]
        else:
            return None
        title = title_line(lines[-1])
        if title is None:
            if previous is not None:
                set_pieces(previous, [i for n, line in enumerate(lines)
                                      for i in ([etree.Element("br")] if n else []) + line])
            return None
        lines.pop()
        if is_title_fragment(title):
            before, earlier = lines, None
            if not lines and previous is not None and len(out) > 1 and out[-2].tag == "p":
                before, earlier = lines_of(out[-2]), out[-2]
            head = title_line(before[-1]) if before else None
            if head is not None and not is_title_fragment(head):
                before.pop()
                title = head + title
            if earlier is not None:
                out[-2:-1] = self._lines_paragraph(before)
        if previous is not None:
            out[-1:] = self._lines_paragraph(lines)
        return title

    @staticmethod
    def _card(line: list) -> etree.Element | None:
        solid = [i for i in line if not is_blank(i)]
        if len(solid) != 1 or isinstance(solid[0], str) or solid[0].tag != "a":
            return None
        link = solid[0]
        href = link.get("href") or ""
        if zhihu_check.url_scheme(href) not in ("http", "https"):
            return None
        card = etree.Element("a")
        card.set("href", href)
        card.set("data-draft-node", "block")
        card.set("data-draft-type", "link-card")
        card.text = collapse(text_of(link)) or href
        return card

    @staticmethod
    def _lines_paragraph(lines: list[list]) -> list[etree.Element]:
        if not lines:
            return []
        items: list = []
        for index, line in enumerate(lines):
            if index:
                items.append(etree.Element("br"))
            items.extend(line)
        while items and (is_blank(items[0]) or getattr(items[0], "tag", "") == "br"):
            items.pop(0)
        while items and (is_blank(items[-1]) or getattr(items[-1], "tag", "") == "br"):
            items.pop()
        if not items:
            return []
        if isinstance(items[0], str):
            items[0] = items[0].lstrip()
        return [set_pieces(etree.Element("p"), items)]
