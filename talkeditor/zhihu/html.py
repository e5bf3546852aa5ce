"""The Zhihu tree written out as HTML (for pasting) and as plain text (the clipboard's twin).

HTML: one top-level block per line and no whitespace inside blocks — a newline after ``<br>``
or between ``<li>`` items would reach Zhihu's editor as stray spaces or empty lines. Void
elements are written HTML-style (``<br>``, ``<img …>``), attributes in the order they were set.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from .tree import TASK_DONE, TASK_OPEN, Footnote, is_math

_VOID = frozenset({"br", "img", "hr"})


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attr(text: str) -> str:
    return _escape_text(text).replace('"', "&quot;")


def element_html(element: etree.Element) -> str:
    attrs = "".join(f' {name}="{_escape_attr(value)}"' for name, value in element.items())
    if element.tag in _VOID:
        return f"<{element.tag}{attrs}>"
    inner = [_escape_text(element.text or "")]
    for child in element:
        inner.append(element_html(child))
        inner.append(_escape_text(child.tail or ""))
    return f"<{element.tag}{attrs}>{''.join(inner)}</{element.tag}>"


def to_html(root: etree.Element) -> str:
    """The post body: each block on its own line, ending with a newline."""
    return "".join(element_html(block) + "\n" for block in root)


# ---------------------------------------------------------------- plain text


def _inline_text(element: etree.Element) -> str:
    out = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == "br":
            out.append("\n")
        elif tag == "img":
            if is_math(child):
                tex = child.get("alt") or ""
                out.append(f"$${tex[:-2]}$$" if tex.endswith("\\\\") else f"${tex}$")
            else:
                alt = child.get("alt") or ""
                out.append(f"[图片{'：' + alt if alt else ''}] {child.get('src') or ''}")
        elif tag == "a":
            text = _inline_text(child)
            href = child.get("href") or ""
            out.append(text if text.strip() == href else f"{text}（{href}）")
        elif tag in ("ul", "ol"):
            out.append("\n" + _list_text(child, 1))
        elif tag in ("pre", "blockquote", "table", "hr", "p"):  # a block inside a list item
            out.append("\n" + block_text(child))
        else:
            out.append(_inline_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _list_text(element: etree.Element, depth: int) -> str:
    lines = []
    indent = "  " * (depth - 1)
    for number, item in enumerate((li for li in element if li.tag == "li"), 1):
        text = _inline_text(item).strip("\n")
        marker = f"{number}. " if element.tag == "ol" else \
            ("" if text.startswith((TASK_OPEN, TASK_DONE)) else "• ")
        first, *rest = text.split("\n")
        lines.append(indent + marker + first)
        lines.extend(indent + "  " + line if line.strip() else line for line in rest)
    return "\n".join(lines)


def block_text(block: etree.Element) -> str:
    tag = block.tag
    if tag in ("ul", "ol"):
        return _list_text(block, 1)
    if tag == "table":
        return "\n".join("\t".join(cell.text or "" for cell in row) for row in block.iter("tr"))
    if tag == "pre":
        return "".join(block.itertext())
    if tag == "hr":
        return "——————"
    if tag == "blockquote":
        inner = "\n".join(block_text(child) for child in block)
        return "\n".join("> " + line for line in inner.split("\n"))
    if tag == "figure":  # an image and its caption
        image = block.find("img")
        caption = block.findtext("figcaption") or ""
        alt = image.get("alt") or "" if image is not None else ""
        src = image.get("src") or "" if image is not None else ""
        text = f"[图片{'：' + alt if alt else ''}] {src}"
        return f"{text}\n{caption}" if caption else text
    if tag == "a":  # a link card
        text = "".join(block.itertext())
        href = block.get("href") or ""
        return href if text == href else f"{text}\n{href}"
    return _inline_text(block)


def to_plain_text(root: etree.Element, footnotes: list[Footnote] = ()) -> str:
    """The post as plain text: blocks separated by a blank line, references at the end."""
    blocks = [block_text(block) for block in root]
    if footnotes:
        blocks.append("参考\n" + "\n".join(
            f"[{note.numero}] {note.text}" + (f" {note.url}" if note.url and
                                              note.url != note.text else "")
            for note in footnotes))
    return "\n\n".join(blocks) + "\n"
