"""Inline content for Zhihu: emphasis, code, math, images and links as Zhihu keeps them
(``transform._Transform``'s part for them).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from ..render.markdown_tree import MATH
from . import check as zhihu_check
from .tree import (
    BLOCK_TAGS,
    collapse,
    is_blank,
    is_math,
    math_image,
    pieces,
    set_pieces,
)


class InlineMixin:
    """Mixed into ``transform._Transform`` (uses its ``options``, ``warnings``, ``footnotes`` and
    ``done``, and its other parts)."""

    def inline(self, items: list) -> list:
        out: list = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
                continue
            out.extend(self.inline_element(item))
        return out

    def inline_element(self, element: etree.Element) -> list:
        if id(element) in self.done:
            return [element]
        out = self._inline_element(element)
        self.done.update((id(e), e) for e in out if not isinstance(e, str))
        return out

    def _inline_element(self, element: etree.Element) -> list:
        tag = element.tag
        if tag == "br":
            return [etree.Element("br")]
        if tag == "img":
            image = self.image(element)
            return [image] if image is not None else []
        if tag == MATH:
            return [math_image(element.text or "", display=bool(element.get("display")))]
        if tag == "s":
            content = self.inline(pieces(element))
            text = collapse("".join(i for i in content if isinstance(i, str)))
            self.warnings.append(zhihu_check.warning(
                "strikethrough", text, (f"~~{text[:20]}", f"~{text[:20]}")))
            return content
        if tag == "a":
            return self.link(element)
        if tag in ("strong", "em"):
            content = self.inline(pieces(element))
            if not any(not is_blank(i) for i in content):
                return content
            return [set_pieces(etree.Element(tag), content)]
        if tag == "code":
            code = etree.Element("code")
            code.text = "".join(element.itertext())
            return [code] if code.text else []
        if tag == "sup" and element.get("data-draft-type") == "reference":
            return [element]
        if tag in BLOCK_TAGS:
            # a block inside a paragraph (raw HTML): keep its text on a line of its own
            content = self.inline(pieces(element))
            return [etree.Element("br")] + content if content else []
        return self.inline(pieces(element))

    def image(self, element: etree.Element) -> etree.Element | None:
        if is_math(element):
            math = etree.Element("img")
            for name in ("src", "alt", "eeimg"):
                math.set(name, element.get(name) or "")
            return math
        src = (element.get("src") or "").strip()
        alt = collapse(element.get("alt") or "")
        if self.options.on_image is not None:
            src = self.options.on_image(src, self.warnings)
        elif not src:
            self.warnings.append(zhihu_check.warning("image-empty", needle=("![](", "<img")))
            src = None
        if not src:
            return None
        image = etree.Element("img")
        image.set("src", src)
        image.set("alt", alt)
        if element.get("title"):  # until captions(): a caption, or reported as dropped
            image.set("title", element.get("title"))
        return image

    def link(self, element: etree.Element) -> list:
        href = (element.get("href") or "").strip()
        content = self.inline(pieces(element))
        if not zhihu_check.is_link_allowed(href):
            self.warnings.append(zhihu_check.warning(
                "link-scheme", href, (f"]({href})", f"]({href} ", f'href="{href}"')))
            return content
        images = [i for i in content if getattr(i, "tag", "") == "img" and not is_math(i)]
        if images:
            # Zhihu drops a link around an image: the image first, then the link
            self.warnings.append(zhihu_check.warning(
                "image-in-link", href, (f"]({href})", f"]({href} ", f'href="{href}"')))
            content = [i for i in content if not any(i is image for image in images)]
            if not any(not is_blank(i) for i in content):
                content = [href]
            link = set_pieces(etree.Element("a"), content)
            link.set("href", href)
            return images + [" ", link]
        if not any(not is_blank(i) for i in content):
            content = [href]
        link = etree.Element("a")
        link.set("href", href)
        return [set_pieces(link, content)]
