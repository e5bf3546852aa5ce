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
locate them in the source.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from ..render import markdown_tree
from ..render.markdown_tree import MATH, RAW
from . import check as zhihu_check
from . import sanitize
from .check import ZhihuWarning

EQUATION_URL = "https://www.zhihu.com/equation?tex="
TASK_OPEN, TASK_DONE = "☐", "☑"

_BLOCK = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre",
                    "table", "hr", "div", "thead", "tbody", "tfoot", "tr", "li"})
_TASK_RE = re.compile(r"^\s*\[([ xX])\]\s+")
_SPACE_RE = re.compile(r"\s+")


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
class Footnote:
    numero: int
    text: str
    url: str


@dataclass
class Parsed:
    """The Zhihu tree (children of ``root`` are the blocks), plus what was found on the way."""

    root: etree.Element
    title: str = ""
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[ZhihuWarning] = field(default_factory=list)


# ---------------------------------------------------------------- math


def normalize_tex(tex: str) -> str:
    """TeX as Zhihu's equation service wants it: one line; ``<``/``>`` as ``\\lt``/``\\gt``
    (a raw ``>`` in the alt text garbles the next escaped brace on Zhihu)."""
    tex = tex.replace("<", r"\lt ").replace(">", r"\gt ")
    return " ".join(tex.split())


def math_image(tex: str, display: bool) -> etree.Element:
    """``<img src="…equation?tex=…" alt="…" eeimg="1">``; display math ends with ``\\\\``."""
    tex = normalize_tex(tex)
    if display:
        tex += "\\\\"
    element = etree.Element("img")
    element.set("src", EQUATION_URL + quote(tex, safe=""))
    element.set("alt", tex)
    element.set("eeimg", "1")
    return element


def is_math(element: etree.Element) -> bool:
    return element.tag == "img" and element.get("eeimg") is not None \
        and (element.get("src") or "").startswith(EQUATION_URL)


def parse(text: str, options: Options | None = None) -> Parsed:
    """Convert Markdown into the Zhihu tree (see the module docstring).

    Raises :class:`~talkeditor.render.markdown_tree.MarkdownLimitError` (an IssueFormatError) for
    Markdown beyond the parser's limits.
    """
    options = options or Options()
    warnings: list[ZhihuWarning] = []
    result = _Transform(options, warnings).run(markdown_tree.parse(text))
    result.warnings = warnings
    return result


# ---------------------------------------------------------------- tree helpers

#: A line ending like this introduces or continues something; it is not a page's title.
_NOT_TITLE_END = "：:；;，,、。."
_NUMBERED_RE = re.compile(r"^\s*\d+[.、)）]\s")
TITLE_LINE_MAX = 120


def title_line(line: list) -> str | None:
    """The text of a line (strings and elements, no ``<br>``) when it reads as the title of
    the page a URL on the next line points to — ``标题 - 作者的文章 - 知乎``,
    ``Train Large, Then Compress`` — else None.

    A title line is text (bold or italic words inside it are fine, the card shows plain
    text; a line that is bold as a whole is a heading of the notes, not a title), with no
    link, image or code, 2 to 120 characters, does not end like a lead-in, a clause or a
    sentence (``：`` ``；`` ``，`` ``、`` ``。`` ``.``) and is not a numbered item (``5. …``).
    """
    solid = [item for item in line if not (isinstance(item, str) and not item.strip())]
    if any(not isinstance(item, str) and (item.tag not in ("strong", "em") or len(item))
           for item in line) or (len(solid) == 1 and not isinstance(solid[0], str)):
        return None
    text = _collapse("".join(item if isinstance(item, str) else text_of(item)
                             for item in line))
    if not 2 <= len(text) <= TITLE_LINE_MAX or text[-1] in _NOT_TITLE_END \
            or _NUMBERED_RE.match(text) or zhihu_check.url_scheme(text):
        return None
    return text


def _lines_of(paragraph: etree.Element) -> list[list]:
    lines: list[list] = [[]]
    for item in pieces(paragraph):
        if getattr(item, "tag", "") == "br":
            lines.append([])
        else:
            lines[-1].append(item)
    return lines


def is_title_fragment(text: str) -> bool:
    """``章 - 知乎``, ``入！ - 羡鱼智能的文章 - 知乎``: the tail of a page title whose first
    characters were wrapped off onto the line before (text copied from a PDF)."""
    head, sep, _rest = text.partition(" - ")
    return bool(sep) and 0 < len(head.strip()) <= 3



def pieces(element: etree.Element) -> list:
    """The element's content as a list of strings and child elements (tails detached)."""
    out: list = [element.text] if element.text else []
    for child in list(element):
        out.append(child)
        if child.tail:
            out.append(child.tail)
        child.tail = None
    return out


def set_pieces(element: etree.Element, items: list) -> etree.Element:
    for child in list(element):
        element.remove(child)
    element.text = None
    last = None
    for item in items:
        if isinstance(item, str):
            if not item:
                continue
            if last is None:
                element.text = (element.text or "") + item
            else:
                last.tail = (last.tail or "") + item
        else:
            item.tail = None
            element.append(item)
            last = item
    return element


def text_of(element: etree.Element) -> str:
    """Text content, with equation images as their TeX and images as their alt text."""
    out = [element.text or ""]
    for child in element:
        if child.tag == "img":
            out.append(child.get("alt") or "")
        elif child.tag == "br":
            out.append(" ")
        else:
            out.append(text_of(child))
        out.append(child.tail or "")
    return "".join(out)


def _collapse(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _is_blank(item) -> bool:
    return isinstance(item, str) and not item.strip()


def text_with_urls(element: etree.Element) -> str:
    """Text content as Zhihu keeps it where only text survives (headings, table cells): a
    link whose text is not its URL as ``text (URL)``, math as ``$TeX$``."""
    out = [element.text or ""]
    for child in element:
        if child.tag == "a":
            text = text_with_urls(child)
            href = (child.get("href") or "").strip()
            keep = href and zhihu_check.url_scheme(href) in ("http", "https", "mailto")
            out.append(f"{text} ({href})" if keep and text.strip() != href else text or href)
        elif child.tag == MATH:
            out.append(f"${child.text or ''}$")
        elif child.tag == "img":
            out.append(child.get("alt") or "")
        elif child.tag == "br":
            out.append(" ")
        elif child.tag == RAW:
            out.append("")
        else:
            out.append(text_with_urls(child))
        out.append(child.tail or "")
    return "".join(out)


def _empty_list_numbers(element: etree.Element) -> str:
    """``8.`` for an ordered list of empty items (CommonMark reads ``- 8.`` as a bullet holding
    an empty item numbered 8, where the writer meant the text), else ``""``."""
    if element.tag != "ol" or any((li.text or "").strip() or len(li) for li in element):
        return ""
    start = int(element.get("start") or "1") if (element.get("start") or "1").isdigit() else 1
    return " ".join(f"{start + index}." for index in range(len(element)))


# ---------------------------------------------------------------- the transform


class _Transform:
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
            if child.tag == "div" and not _collapse("".join(child.itertext())) \
                    and child.find(".//img") is None:
                continue
            if child.tag == "h1":
                root.remove(child)
                return _collapse(text_of(child))
            return ""
        return ""

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
                text = _collapse(self._clean_footnote("".join(parts)))
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
            elif child.tag == "a" and self._clean_footnote(_collapse(text_of(child))) == \
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

    # -- blocks ------------------------------------------------------------

    def blocks(self, items: list) -> list[etree.Element]:
        """Normalize block content: inline runs wrapped in ``<p>``, containers flattened."""
        out: list[etree.Element] = []
        run: list = []

        def flush():
            if any(not _is_blank(i) for i in run):
                paragraph = self.paragraph(set_pieces(etree.Element("p"), run))
                if paragraph is not None:
                    out.append(paragraph)
            run.clear()

        for item in items:
            if isinstance(item, str) or item.tag not in _BLOCK:
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
        while items and (_is_blank(items[0]) or getattr(items[0], "tag", "") == "br"):
            items.pop(0)
        while items and (_is_blank(items[-1]) or getattr(items[-1], "tag", "") == "br"):
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
        text = _collapse(text_with_urls(element))
        if not text:
            return []
        for link in element.iter("a"):
            href = (link.get("href") or "").strip()
            if href:
                self.warnings.append(zhihu_check.warning(
                    "heading-link", f"{_collapse(text_of(link))} → {href}",
                    (f"]({href}", href, text[:30])))
        for image in element.iter("img"):
            if not is_math(image):
                src = image.get("src") or ""
                self.warnings.append(zhihu_check.warning(
                    "heading-image", image.get("alt") or src, (f"]({src}", src, text[:30])))
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
                    new.text = _collapse(text_with_urls(cell))
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
            inline = [i for i in pieces(item) if isinstance(i, str) or i.tag not in _BLOCK]
            nested = [i for i in list(item) if i.tag in _BLOCK]
            paragraph = etree.Element("p")
            set_pieces(paragraph, [f"{number}. "] + inline)
            out.append(paragraph)
            out.extend(nested)
        return out

    def list_item(self, element: etree.Element) -> etree.Element | None:
        inline: list = []
        nested: list[etree.Element] = []
        for item in pieces(element):
            if isinstance(item, str) or item.tag not in _BLOCK:
                inline.append(item)
            elif item.tag in ("ul", "ol") and _empty_list_numbers(item):
                inline.append(_empty_list_numbers(item))  # "- 8." means the text "8."
            elif item.tag in ("ul", "ol"):
                nested.extend(self.list_(item))
            elif item.tag == "p":
                content = pieces(item)
                if any(not _is_blank(i) for i in inline):
                    inline.append(etree.Element("br"))
                inline.extend(content)
            else:
                for block in self.block(item):
                    if block.tag == "p":
                        if any(not _is_blank(i) for i in inline):
                            inline.append(etree.Element("br"))
                        inline.extend(pieces(block))
                    else:
                        nested.append(block)
        paragraph = self.paragraph(set_pieces(etree.Element("p"), inline))
        li = etree.Element("li")
        content = pieces(paragraph) if paragraph is not None else []
        if content and isinstance(content[0], str):
            match = _TASK_RE.match(content[0])
            if match:
                mark = TASK_OPEN if match.group(1) == " " else TASK_DONE
                content[0] = f"{mark} " + content[0][match.end():]
        if not content and not nested:
            return None
        return set_pieces(li, content + nested)

    # -- inline --------------------------------------------------------------

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
            text = _collapse("".join(i for i in content if isinstance(i, str)))
            self.warnings.append(zhihu_check.warning(
                "strikethrough", text, (f"~~{text[:20]}", f"~{text[:20]}")))
            return content
        if tag == "a":
            return self.link(element)
        if tag in ("strong", "em"):
            content = self.inline(pieces(element))
            if not any(not _is_blank(i) for i in content):
                return content
            return [set_pieces(etree.Element(tag), content)]
        if tag == "code":
            code = etree.Element("code")
            code.text = "".join(element.itertext())
            return [code] if code.text else []
        if tag == "sup" and element.get("data-draft-type") == "reference":
            return [element]
        if tag in _BLOCK:
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
        alt = _collapse(element.get("alt") or "")
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
                "link-scheme", href or "（空）", (f"]({href})", f"]({href} ", f'href="{href}"')))
            return content
        images = [i for i in content if getattr(i, "tag", "") == "img" and not is_math(i)]
        if images:
            # Zhihu drops a link around an image: the image first, then the link
            self.warnings.append(zhihu_check.warning(
                "image-in-link", href, (f"]({href})", f"]({href} ", f'href="{href}"')))
            content = [i for i in content if not any(i is image for image in images)]
            if not any(not _is_blank(i) for i in content):
                content = [href]
            link = set_pieces(etree.Element("a"), content)
            link.set("href", href)
            return images + [" ", link]
        if not any(not _is_blank(i) for i in content):
            content = [href]
        link = etree.Element("a")
        link.set("href", href)
        return [set_pieces(link, content)]

    # -- image titles ------------------------------------------------------------

    def captions(self, root: etree.Element) -> None:
        """An image with a title alone in its paragraph becomes
        ``<figure><img><figcaption>title</figcaption></figure>`` (Zhihu's own markup for an
        image with a caption); any other image's title is dropped. Both are reported."""
        for index, block in enumerate(list(root)):
            if block.tag != "p":
                continue
            items = pieces(block)
            set_pieces(block, items)
            solid = [i for i in items if not _is_blank(i)]
            if len(solid) != 1 or getattr(solid[0], "tag", "") != "img" \
                    or not solid[0].get("title"):
                continue
            image = solid[0]
            title = _collapse(image.attrib.pop("title"))
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
                    "image-title", _collapse(title), (f'"{title[:30]}', title[:30])))

    # -- link cards ------------------------------------------------------------

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
            for line in _lines_of(block):
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
            lines, previous = _lines_of(out[-1]), out[-1]
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
                before, earlier = _lines_of(out[-2]), out[-2]
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
        solid = [i for i in line if not _is_blank(i)]
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
        card.text = _collapse(text_of(link)) or href
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
        while items and (_is_blank(items[0]) or getattr(items[0], "tag", "") == "br"):
            items.pop(0)
        while items and (_is_blank(items[-1]) or getattr(items[-1], "tag", "") == "br"):
            items.pop()
        if not items:
            return []
        if isinstance(items[0], str):
            items[0] = items[0].lstrip()
        return [set_pieces(etree.Element("p"), items)]
