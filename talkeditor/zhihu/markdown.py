"""The Zhihu tree written back as Markdown for Zhihu's 导入文档 (``post.md``).

Written from the same transformed tree as ``post.html``, so both say the same thing:

* headings shifted like the HTML: ``##`` (Zhihu's level 1), ``###`` (level 2), deeper ones
  already bold paragraphs;
* math as the same ``<img src="https://www.zhihu.com/equation?tex=…" eeimg="1">`` tags that
  md2zhihu uses for Zhihu: the importer turns them into formulas, whereas ``$…$`` is not
  reliably recognized;
* tables as plain pipe tables (first row as header, ``---`` separators, no alignment);
* each line of a paragraph as its own paragraph (a soft line break could be joined by the
  importer, and the issues are written line by line), line breaks in list items as hard
  breaks (two trailing spaces);
* fenced code with its language, images as ``![alt](src)``, footnotes as ``[^n]`` with their
  definitions at the end, text escaped so that nothing turns into Markdown by accident.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree

from .html import element_html
from .transform import Footnote, is_math

_ESCAPE_RE = re.compile(r"([\\`*_\[\]])")
_LT_RE = re.compile(r"<(?=[A-Za-z/!?])")
_AMP_RE = re.compile(r"&(?=#?\w+;)")
_LINE_START_RE = re.compile(r"^(\s*)(#+|>|[+\-=]+|\d+[.)])(?=\s|$)")


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P") or unicodedata.category(ch).startswith("S")


def escape(text: str) -> str:
    """Text that stays text in any Markdown: backslash escapes only for the characters every
    parser knows (original Markdown's set), entities for ``&…;``, ``<tag`` and ``$`` (so an
    importer with TeX support does not read dollar amounts as math)."""
    text = _AMP_RE.sub("&amp;", text)
    text = _LT_RE.sub("&lt;", text)
    return _ESCAPE_RE.sub(r"\\\1", text).replace("$", "&#36;")


def _escape_line_start(line: str) -> str:
    """``# x``, ``> x``, ``- x``, ``---``, ``1. x`` at the start of a line stay text."""
    def fix(match: re.Match) -> str:
        mark = match.group(2)
        if mark[0].isdigit():
            return match.group(1) + mark[:-1] + "\\" + mark[-1]
        return match.group(1) + "\\" + mark
    return _LINE_START_RE.sub(fix, line, count=1)


def _url(href: str) -> str:
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def inline_md(element: etree.Element, br: str = "\n") -> str:
    """An element's inline content as Markdown; ``<br>`` becomes ``br``."""
    out = [escape(element.text or "")]
    for child in element:
        out.append(_inline_child(child, br))
        out.append(escape(child.tail or ""))
    return "".join(out)


def _wrap(marker: str, html_tag: str, content: str) -> str:
    """``**x**``, or ``<strong>x</strong>`` where CommonMark would not see the delimiters
    (content that starts or ends with punctuation, common in Chinese: ``**《书名》**``)."""
    if not content.strip():
        return content
    if _is_punct(content[0]) or _is_punct(content[-1]) or content != content.strip():
        return f"<{html_tag}>{content}</{html_tag}>"
    return f"{marker}{content}{marker}"


def _inline_child(child: etree.Element, br: str) -> str:
    tag = child.tag
    if tag == "br":
        return br
    if tag == "img":
        if is_math(child):
            return element_html(child)
        alt = escape(child.get("alt") or "")
        return f"![{alt}]({_url(child.get('src') or '')})"
    if tag == "a":
        href = child.get("href") or ""
        text = "".join(child.itertext())
        if text == href and not re.search(r"[\s<>]", href):
            return f"<{href}>"
        return f"[{inline_md(child, ' ')}]({_url(href)})"
    if tag == "strong":
        return _wrap("**", "strong", inline_md(child, br))
    if tag == "em":
        return _wrap("*", "em", inline_md(child, br))
    if tag == "code":
        code = child.text or ""
        ticks = "`" * (max((len(r) for r in re.findall(r"`+", code)), default=0) + 1)
        pad = " " if code.startswith("`") or code.endswith("`") else ""
        return f"{ticks}{pad}{code}{pad}{ticks}"
    if tag == "sup" and child.get("data-numero"):
        return f"[^{child.get('data-numero')}]"
    return inline_md(child, br)


def _paragraph(block: etree.Element) -> str:
    lines = [line.strip() for line in inline_md(block, "\n").split("\n")]
    return "\n\n".join(_escape_line_start(line) for line in lines if line)


def _list(block: etree.Element, indent: str = "") -> str:
    lines = []
    for number, item in enumerate((li for li in block if li.tag == "li"), 1):
        marker = f"{number}. " if block.tag == "ol" else "- "
        pad = indent + " " * 4
        inline = etree.Element("li")
        inline.text = item.text
        nested = []
        for child in item:
            if child.tag in ("ul", "ol"):
                nested.append(child)
            elif not nested:
                copy = etree.SubElement(inline, child.tag, dict(child.items()))
                copy.text, copy.tail = child.text, child.tail
                copy.extend(list(child))
        text = inline_md(inline, "  \n").strip()
        text_lines = text.split("\n")
        first = _escape_line_start(text_lines[0]) if text_lines else ""
        lines.append(indent + marker + first)
        lines.extend(pad + line for line in text_lines[1:])
        for sub in nested:
            lines.append(_list(sub, pad))
    return "\n".join(lines)


def _table(block: etree.Element) -> str:
    rows = [[escape(cell.text or "").replace("|", "\\|").replace("\n", " ") or " "
             for cell in row]
            for row in block.iter("tr")]
    width = max(len(row) for row in rows)
    rows = [row + [" "] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines.extend("| " + " | ".join(row) + " |" for row in rows[1:])
    return "\n".join(lines)


def block_md(block: etree.Element) -> str:
    tag = block.tag
    if tag in ("h2", "h3"):
        return "#" * int(tag[1]) + " " + escape(block.text or "")
    if tag in ("ul", "ol"):
        return _list(block)
    if tag == "pre":
        code = "".join(block.itertext())
        fence = "`" * max(3, max((len(r) + 1 for r in re.findall(r"`{3,}", code)), default=3))
        return f"{fence}{block.get('lang') or ''}\n{code}\n{fence}"
    if tag == "table":
        return _table(block)
    if tag == "hr":
        return "---"
    if tag == "blockquote":
        inner = "\n\n".join(block_md(child) for child in block)
        return "\n".join(("> " + line).rstrip() for line in inner.split("\n"))
    if tag == "a":  # a link card: the link alone in its paragraph
        return _inline_child(block, " ")
    return _paragraph(block)


def to_markdown(root: etree.Element, footnotes: list[Footnote] = ()) -> str:
    blocks = [text for text in (block_md(block) for block in root) if text.strip()]
    if footnotes:
        blocks.append("\n".join(
            f"[^{note.numero}]: {escape(note.text)}"
            + (f" <{note.url}>" if note.url and note.url != note.text else "")
            for note in footnotes))
    return "\n\n".join(blocks) + "\n"
