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
* blocks inside a list item (nested lists, code, quotes, tables) indented under the item;
* fenced code with its language, images as ``![alt](src)`` (``"caption"`` as the title),
  footnotes as ``[^n]`` with their definitions at the end, text escaped so that nothing turns
  into Markdown by accident;
* bold and italic as ``**``/``*`` wherever CommonMark reads them in their place (its
  flanking rules, under both the 0.30 and 0.31 definitions of punctuation), and as
  ``<strong>``/``<em>`` only where it would not (``读了**《书名》**之后``); such places are
  reported to the check.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree

from .html import element_html
from .tree import Footnote, is_math

_ESCAPE_RE = re.compile(r"([\\`*_\[\]])")
_LT_RE = re.compile(r"<(?=[A-Za-z/!?])")
_AMP_RE = re.compile(r"&(?=#?\w+;)")
#: blocks a list item may hold after its text (written on their own lines, indented)
_ITEM_BLOCKS = frozenset({"ul", "ol", "pre", "blockquote", "table", "hr", "p"})
_LINE_START_RE = re.compile(r"^(\s*)(#+|(?:>|[+\-=]+|\d+[.)])(?=\s|$))")


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
    """``# x``, ``#话题#``, ``> x``, ``- x``, ``---``, ``1. x`` at the start of a line stay
    text (a ``#`` is escaped even without a space: an importer may be less strict than
    CommonMark)."""
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


#: Placeholders for emphasis delimiters, decided once the whole line is known
#: (:func:`_resolve_emphasis`): open/close of ``strong`` and ``em``.
_MARKS = {"strong": ("\ue000", "\ue001"), "em": ("\ue002", "\ue003")}
_DELIMITER = {"strong": "**", "em": "*"}
_SENTINELS = frozenset("\ue000\ue001\ue002\ue003")
_SENTINEL_RE = re.compile("[\ue000-\ue003]")


def _wrap(html_tag: str, content: str) -> str:
    """Emphasis around ``content``: whitespace at its ends is moved outside (CommonMark
    would not see the delimiters next to it, and bold spaces look like spaces); the
    delimiters themselves are placeholders until :func:`_resolve_emphasis`."""
    if not content.strip():
        return content
    stripped = content.strip()
    lead = content[:len(content) - len(content.lstrip())]
    trail = content[len(content.rstrip()):]
    opening, closing = _MARKS[html_tag]
    return f"{lead}{opening}{stripped}{closing}{trail}"


def _is_space(ch: str) -> bool:
    return ch == "" or ch in "\t\n\r\f " or unicodedata.category(ch) == "Zs"


def _punct_p(ch: str) -> bool:  # CommonMark 0.30: ASCII punctuation and Unicode P*
    return (ch.isascii() and not ch.isalnum() and ch.isprintable() and not ch.isspace()) \
        or unicodedata.category(ch).startswith("P")


def _punct_ps(ch: str) -> bool:  # CommonMark 0.31: Unicode P* and S*
    return _punct_p(ch) or unicodedata.category(ch).startswith("S")


def delimiters_work(before: str, first: str, last: str, after: str) -> bool:
    """Whether ``*``/``**`` delimiters around a span open and close emphasis in CommonMark
    (spec 6.2, left- and right-flanking runs): ``before`` is the character before the
    opening run ("" at a line start), ``first``/``last`` the span's first and last
    characters, ``after`` the character after the closing run ("" at a line end).
    True only if it holds under both the 0.30 (punctuation = P) and 0.31 (P and S) rules.
    """
    for punct in (_punct_p, _punct_ps):
        left = not _is_space(first) and (not punct(first) or _is_space(before) or punct(before))
        right = not _is_space(last) and (not punct(last) or _is_space(after) or punct(after))
        if not (left and right):
            return False
    return True


def _resolve_emphasis(text: str, raw: list[tuple[str, str]] | None = None) -> str:
    """Replace the placeholders by ``**``/``*`` where CommonMark reads them as emphasis in
    their place, else by ``<strong>``/``<em>`` (raw HTML, appended to ``raw`` as
    ``(tag, emphasized text)``). A placeholder next to another one always takes the HTML form."""
    if not _SENTINELS & set(text):
        return text
    kinds = {mark: (tag, side) for tag, pair in _MARKS.items() for side, mark in enumerate(pair)}
    stack: list[int] = []
    choice: dict[int, str] = {}
    for index, ch in enumerate(text):
        if ch not in _SENTINELS:
            continue
        tag, side = kinds[ch]
        if side == 0:
            stack.append(index)
            continue
        start = stack.pop() if stack else -1
        if start < 0:
            continue
        around = [text[start - 1] if start else "", text[start + 1], text[index - 1],
                  text[index + 1] if index + 1 < len(text) else ""]
        markdown = not any(c in _SENTINELS for c in around) and delimiters_work(*around)
        if markdown:
            choice[start] = choice[index] = _DELIMITER[tag]
        else:
            choice[start], choice[index] = f"<{tag}>", f"</{tag}>"
            if raw is not None:
                raw.append((tag, _SENTINEL_RE.sub("", text[start + 1:index])))
    return _SENTINEL_RE.sub(lambda m: choice.get(m.start(), ""), text)


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
        return _wrap("strong", inline_md(child, br))
    if tag == "em":
        return _wrap("em", inline_md(child, br))
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
            if child.tag in _ITEM_BLOCKS:
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
            if sub.tag in ("ul", "ol"):
                lines.append(_list(sub, pad))
            else:  # a code block, quote or table of the item: its own block, indented
                lines.append("")
                lines.extend(pad + line if line else "" for line in block_md(sub).split("\n"))
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
    if tag == "figure":  # an image with its caption as the Markdown image title
        image = block.find("img")
        caption = (block.findtext("figcaption") or "").replace("\\", "\\\\").replace('"', '\\"')
        if image is None:
            return escape(caption)
        alt = escape(image.get("alt") or "")
        return f'![{alt}]({_url(image.get("src") or "")} "{caption}")'
    return _paragraph(block)


def to_markdown(root: etree.Element, footnotes: list[Footnote] = (),
                raw_html: list[tuple[str, str]] | None = None) -> str:
    """``post.md`` for the tree. Raw HTML is written only where Markdown cannot say it: an
    equation (``<img … eeimg="1">``) and emphasis whose ``**`` CommonMark would not read in
    its place. Each such place is appended to ``raw_html`` as ``(kind, text)`` with kind
    "strong", "em" or "math"."""
    blocks = []
    for block in root:
        emphasis: list[tuple[str, str]] = []
        text = _resolve_emphasis(block_md(block), emphasis)
        if not text.strip():
            continue
        blocks.append(text)
        if raw_html is not None:
            for math in block.iter("img"):
                if is_math(math):
                    raw_html.append(("math", math.get("alt") or ""))
            raw_html.extend(emphasis)
    if footnotes:
        blocks.append("\n".join(
            f"[^{note.numero}]: {escape(note.text)}"
            + (f" <{note.url}>" if note.url and note.url != note.text else "")
            for note in footnotes))
    return "\n\n".join(blocks) + "\n"

