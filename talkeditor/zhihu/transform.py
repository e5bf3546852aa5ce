"""Markdown to the Zhihu dialect, as an ElementTree: one parse, then a transform.

The parse is :func:`talkeditor.render.markdown_tree.parse` (the same tree the preview is written
from: CommonMark with tables, strikethrough, footnotes, one line = one line, bare URLs as
links, TeX math ``$…$``, ``$$…$$`` inline and as a block); the transform rewrites it into what
Zhihu's editor keeps:

* ``#`` → ``h2``, ``##`` → ``h3``, deeper headings → ``<p><strong>…</strong></p>``;
* bare ``<table><tbody><tr><th|td>`` with cell text only (no ``thead``/``colgroup``/alignment);
* ``<pre lang="python"><code>…</code></pre>``; no ``style``/``class``/``id`` anywhere;
* footnotes → Zhihu reference superscripts; ``- [ ]`` / ``- [x]`` → ☐ / ☑;
* loose list items unwrapped; an ordered list that does not start at 1 (the issues number
  questions ``1.`` … ``2.`` with text in between) or has one item becomes numbered paragraphs,
  because Zhihu renumbers every list from 1;
* links other than http(s)/mailto unwrapped to text; images passed to a callback (copy,
  rewrite, or drop); raw HTML reduced by :mod:`talkeditor.zhihu.sanitize`;
* math → equation images; a link in a table cell → ``text (URL)`` (Zhihu keeps only text
  there; a formula in a cell stays as ``$TeX$``, with a warning); strikethrough → its text,
  with a warning;
* optionally a URL alone on a line → a Zhihu link card (a block ``<a>``, outside any ``<p>``)
  whose text is the page title on the line above it, when that line reads as one;
* an image with a title alone in its paragraph → ``<figure>`` with a ``<figcaption>``; an
  image inside a link → the image, then the link.

What cannot be kept (a link in a heading — written ``text (URL)``, ``<sup>``, a comment …) is
reported, never silent.

Dollar amounts are not math: the opening ``$`` must be followed by a non-space, the closing
``$`` preceded by a non-space and not followed by a digit (pandoc's rule), so ``$0.0049 … $0.03``
stays text, and ``\\$`` is always a literal dollar.

Findings for the pre-publish check are collected as :class:`ZhihuWarning` with needles to
locate them in the source. This module holds the blocks; its parts are
:mod:`~talkeditor.zhihu.transform_inline` (inline content), :mod:`~talkeditor.zhihu.footnotes`,
:mod:`~talkeditor.zhihu.link_cards` (cards and captions) and :mod:`~talkeditor.zhihu.tree`
(the dialect's constants, math images and tree helpers).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from ..progress import Progress, part, report
from ..render import markdown_tree
from ..render.markdown_tree import MATH, RAW
from . import check as zhihu_check
from . import sanitize
from .check import ZhihuWarning
from .footnotes import FootnotesMixin
from .link_cards import LinkCardsMixin
from .transform_inline import InlineMixin
from .tree import (
    BLOCK_TAGS,
    TASK_DONE,
    TASK_OPEN,
    TASK_RE,
    Footnote,
    collapse,
    empty_list_numbers,
    is_blank,
    is_math,
    pieces,
    set_pieces,
    text_of,
    text_with_urls,
)


@dataclass
class Options:
    """How to convert: link cards, dropping the title heading, what to do with images.

    ``on_image(src)`` returns the address to use, or None to drop the image; it may append
    findings to the list it is given as second argument.
    """

    link_cards: bool = False
    skip_title: bool = False
    on_image: Callable[[str, list[ZhihuWarning]], str | None] | None = None


@dataclass
class Parsed:
    """The Zhihu tree (children of ``root`` are the blocks), plus what was found on the way."""

    root: etree.Element
    title: str = ""
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[ZhihuWarning] = field(default_factory=list)


def parse(text: str, options: Options | None = None, progress: Progress | None = None) -> Parsed:
    """Convert Markdown into the Zhihu tree (see the module docstring).

    Raises :class:`~talkeditor.render.markdown_tree.MarkdownLimitError` (an IssueFormatError) for
    Markdown beyond the parser's limits. ``progress``: see :mod:`talkeditor.progress`.
    """
    options = options or Options()
    warnings: list[ZhihuWarning] = []
    tree = markdown_tree.parse(text, part(progress, 0.0, 0.8))
    report(progress, 0.8)
    result = _Transform(options, warnings).run(tree)
    result.warnings = warnings
    return result


# ---------------------------------------------------------------- the transform


class _Transform(FootnotesMixin, InlineMixin, LinkCardsMixin):
    def __init__(self, options: Options, warnings: list[ZhihuWarning]):
        self.options = options
        self.warnings = warnings
        self.footnotes: dict[str, Footnote] = {}
        # elements already in Zhihu form, by id (the values keep them alive, so ids stay unique)
        self.done: dict[int, etree.Element] = {}

    def run(self, root: etree.Element) -> Parsed:
        self.resolve_raw_html(root)
        title = self.take_title(root) if self.options.skip_title else ""
        definitions = self.take_footnote_definitions(root)
        self.references(root, definitions)
        set_pieces(root, self.blocks(pieces(root)))
        if self.options.link_cards:
            set_pieces(root, self.link_cards(list(root)))
        self.captions(root)
        return Parsed(root, title, sorted(self.footnotes.values(), key=lambda f: f.numero))

    # -- raw HTML ------------------------------------------------------

    def _note_dropped(self, dropped: list[str], raw: str, block: bool = False) -> None:
        """Findings for a piece of raw HTML: tags dropped with their content, and what the
        rest loses (:func:`sanitize.raw_losses`)."""
        first_line = raw.strip().split("\n")[0][:40]
        for tag in dict.fromkeys(dropped):
            self.warnings.append(zhihu_check.warning("raw-html", tag, (f"<{tag}", first_line)))
        for code, subject in sanitize.raw_losses(raw, block):
            if code == "html-comment":
                needle = (first_line, "<!--")
            elif code == "html-markdown":
                needle = (subject[:30], first_line)
            else:
                needle = (f"<{subject}", first_line)
            self.warnings.append(zhihu_check.warning(code, subject, needle))

    def resolve_raw_html(self, root: etree.Element) -> None:
        """Replace the parser's raw HTML (``x-raw``) with what :mod:`.sanitize` keeps."""
        for element in list(root.iter()):
            items = pieces(element)
            if any(getattr(i, "tag", "") == RAW for i in items):
                items = [self._raw(i) if getattr(i, "tag", "") == RAW else i for i in items]
            set_pieces(element, items)

    def _raw(self, element: etree.Element):
        raw = element.text or ""
        if element.get("block"):
            replacement, dropped = sanitize.parse_fragment(raw)
        else:
            replacement, dropped = sanitize.inline_fragment(raw)
        self._note_dropped(dropped, raw, block=bool(element.get("block")))
        return replacement

    # -- title and footnotes ---------------------------------------------

    def take_title(self, root: etree.Element) -> str:
        for child in list(root):
            if child.tag == "div" and not collapse("".join(child.itertext())) \
                    and child.find(".//img") is None:
                continue
            if child.tag == "h1":
                root.remove(child)
                return collapse(text_of(child))
            return ""
        return ""

    # -- blocks ------------------------------------------------------------

    def blocks(self, items: list) -> list[etree.Element]:
        """Normalize block content: inline runs wrapped in ``<p>``, containers flattened."""
        out: list[etree.Element] = []
        run: list = []

        def flush():
            if any(not is_blank(i) for i in run):
                paragraph = self.paragraph(set_pieces(etree.Element("p"), run))
                if paragraph is not None:
                    out.append(paragraph)
            run.clear()

        for item in items:
            if isinstance(item, str) or item.tag not in BLOCK_TAGS:
                run.append(item)
                continue
            flush()
            out.extend(self.block(item))
        flush()
        return out

    def block(self, element: etree.Element) -> list[etree.Element]:
        tag = element.tag
        if tag == "p":
            paragraph = self.paragraph(element)
            return [paragraph] if paragraph is not None else []
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return self.heading(element)
        if tag in ("ul", "ol"):
            return self.list_(element)
        if tag == "pre":
            return [self.code_block(element)]
        if tag == "table":
            table = self.table(element)
            return [table] if table is not None else []
        if tag == "blockquote":
            content = self.blocks(pieces(element))
            if not content:
                return []
            quote_ = etree.Element("blockquote")
            set_pieces(quote_, content)
            return [quote_]
        if tag == "hr":
            return [etree.Element("hr")]
        if tag in ("thead", "tbody", "tfoot", "tr"):
            table = etree.Element("table")
            table.append(element)
            return self.block(table)
        # div, li outside a list, and anything else: flatten
        return self.blocks(pieces(element))

    def paragraph(self, element: etree.Element) -> etree.Element | None:
        paragraph = etree.Element("p")
        items = self.inline(pieces(element))
        # no line break at the start or end of a paragraph
        while items and (is_blank(items[0]) or getattr(items[0], "tag", "") == "br"):
            items.pop(0)
        while items and (is_blank(items[-1]) or getattr(items[-1], "tag", "") == "br"):
            items.pop()
        if not items:
            return None
        for index, item in enumerate(items):  # no whitespace around line breaks
            if getattr(item, "tag", "") != "br":
                continue
            if index and isinstance(items[index - 1], str):
                items[index - 1] = items[index - 1].rstrip()
            if index + 1 < len(items) and isinstance(items[index + 1], str):
                items[index + 1] = items[index + 1].lstrip()
        if isinstance(items[0], str):
            items[0] = items[0].lstrip()
        if isinstance(items[-1], str):
            items[-1] = items[-1].rstrip()
        return set_pieces(paragraph, items)

    def heading(self, element: etree.Element) -> list[etree.Element]:
        level = int(element.tag[1])
        text = collapse(text_with_urls(element))
        if not text:
            return []
        for link in element.iter("a"):
            href = (link.get("href") or "").strip()
            if href:
                self.warnings.append(zhihu_check.warning(
                    "heading-link", f"{collapse(text_of(link))} → {href}",
                    (f"]({href}", href, text[:30])))
        for image in element.iter("img"):
            if not is_math(image):
                src = image.get("src") or ""
                self.warnings.append(zhihu_check.warning(
                    "heading-image", image.get("alt") or src, (f"]({src}", src, text[:30])))
        for math in element.iter(MATH):
            tex = math.text or ""
            self.warnings.append(zhihu_check.warning("heading-math", tex, (tex, text[:30])))
        if level <= 2:
            heading = etree.Element(f"h{level + 1}")
            heading.text = text
            return [heading]
        marks = "#" * level + " "
        self.warnings.append(zhihu_check.warning(
            "heading-depth", text, (marks + text[:30], marks + text.split()[0], text[:30])))
        paragraph = etree.Element("p")
        etree.SubElement(paragraph, "strong").text = text
        return [paragraph]

    def code_block(self, element: etree.Element) -> etree.Element:
        code = element.find("code")
        source = code if code is not None else element
        lang = element.get("lang") or ""
        for name in (source.get("class") or "").split():
            if name.startswith("language-"):
                lang = name.removeprefix("language-")
        pre = etree.Element("pre")
        if re.fullmatch(r"[\w+#.\-]+", lang or ""):
            pre.set("lang", lang)
        etree.SubElement(pre, "code").text = "".join(source.itertext()).rstrip("\n")
        return pre

    def table(self, element: etree.Element) -> etree.Element | None:
        rows = []
        for row in element.iter("tr"):
            cells = []
            for cell in row:
                if cell.tag in ("th", "td"):
                    new = etree.Element(cell.tag)
                    new.text = collapse(text_with_urls(cell))
                    for kind in ("math", "image"):
                        tag = MATH if kind == "math" else "img"
                        for lost in cell.iter(tag):
                            subject = lost.text if kind == "math" else lost.get("alt") or \
                                lost.get("src")
                            self.warnings.append(zhihu_check.warning(
                                f"table-{kind}", subject or "",
                                tuple(n for n in (subject, lost.get("src")) if n)))
                    cells.append(new)
            if cells:
                rows.append(cells)
        if not rows:
            return None
        table = etree.Element("table")
        body = etree.SubElement(table, "tbody")
        for cells in rows:
            row = etree.SubElement(body, "tr")
            for cell in cells:
                row.append(cell)
        return table

    def list_(self, element: etree.Element) -> list[etree.Element]:
        items = [self.list_item(li) for li in element if li.tag == "li"]
        items = [i for i in items if i is not None]
        if not items:
            return []
        try:
            start = int(element.get("start") or "1")
        except ValueError:
            start = 1
        if element.tag == "ul" or (start == 1 and len(items) > 1):
            new = etree.Element(element.tag)
            for item in items:
                new.append(item)
            return [new]
        # numbered paragraphs: Zhihu would renumber a list from 1
        out = []
        for number, item in enumerate(items, start):
            inline = [i for i in pieces(item) if isinstance(i, str) or i.tag not in BLOCK_TAGS]
            nested = [i for i in list(item) if i.tag in BLOCK_TAGS]
            paragraph = etree.Element("p")
            set_pieces(paragraph, [f"{number}. "] + inline)
            out.append(paragraph)
            out.extend(nested)
        return out

    def list_item(self, element: etree.Element) -> etree.Element | None:
        inline: list = []
        nested: list[etree.Element] = []
        for item in pieces(element):
            if isinstance(item, str) or item.tag not in BLOCK_TAGS:
                inline.append(item)
            elif item.tag in ("ul", "ol") and empty_list_numbers(item):
                inline.append(empty_list_numbers(item))  # "- 8." means the text "8."
            elif item.tag in ("ul", "ol"):
                nested.extend(self.list_(item))
            elif item.tag == "p":
                content = pieces(item)
                if any(not is_blank(i) for i in inline):
                    inline.append(etree.Element("br"))
                inline.extend(content)
            else:
                for block in self.block(item):
                    if block.tag == "p":
                        if any(not is_blank(i) for i in inline):
                            inline.append(etree.Element("br"))
                        inline.extend(pieces(block))
                    else:
                        nested.append(block)
        paragraph = self.paragraph(set_pieces(etree.Element("p"), inline))
        li = etree.Element("li")
        content = pieces(paragraph) if paragraph is not None else []
        if content and isinstance(content[0], str):
            match = TASK_RE.match(content[0])
            if match:
                mark = TASK_OPEN if match.group(1) == " " else TASK_DONE
                content[0] = f"{mark} " + content[0][match.end():]
        if not content and not nested:
            return None
        return set_pieces(li, content + nested)

    # -- inline --------------------------------------------------------------

    # -- image titles ------------------------------------------------------------

    # -- link cards ------------------------------------------------------------

