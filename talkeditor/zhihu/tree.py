"""The element tree of a Zhihu post: constants of Zhihu's dialect, math as equation images, and
helpers over elements (their pieces, text, title lines) shared by the transform's parts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from urllib.parse import quote

from ..render.markdown_tree import MATH, RAW
from . import check as zhihu_check

EQUATION_URL = "https://www.zhihu.com/equation?tex="
TASK_OPEN, TASK_DONE = "☐", "☑"

BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre",
                    "table", "hr", "div", "thead", "tbody", "tfoot", "tr", "li"})
TASK_RE = re.compile(r"^\s*\[([ xX])\]\s+")
SPACE_RE = re.compile(r"\s+")


@dataclass
class Footnote:
    numero: int
    text: str
    url: str


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


# ---------------------------------------------------------------- tree helpers

#: A line ending like this introduces or continues something; it is not a page's title.
NOT_TITLE_END = "：:；;，,、。."
NUMBERED_RE = re.compile(r"^\s*\d+[.、)）]\s")
TITLE_LINE_MAX = 120


def title_line(line: list) -> str | None:
    """The text of a line (strings and elements, no ``<br>``) when it reads as the title of
    the page a URL on the next line points to — ``标题 - 作者的文章 - 知乎``,
    ``Train Large, Then Compress`` — else None.

    A title line is text (bold or italic words inside it are fine, the card shows plain
    text; so is a line bold as a whole, ``**ICML2023杰出论文出炉**``, the news items' title
    style of 002, 005 and 006), with no link, image or code, 2 to 120 characters, does not
    end like a lead-in, a clause or a sentence (``：`` ``；`` ``，`` ``、`` ``。`` ``.``) and
    is not a numbered item (``5. …``). A line italic as a whole is not a title.
    """
    solid = [item for item in line if not (isinstance(item, str) and not item.strip())]
    if any(not isinstance(item, str) and (item.tag not in ("strong", "em") or len(item))
           for item in line) or (len(solid) == 1 and not isinstance(solid[0], str)
                                 and solid[0].tag != "strong"):
        return None
    text = collapse("".join(item if isinstance(item, str) else text_of(item)
                             for item in line))
    if not 2 <= len(text) <= TITLE_LINE_MAX or text[-1] in NOT_TITLE_END \
            or NUMBERED_RE.match(text) or zhihu_check.url_scheme(text):
        return None
    return text


def lines_of(paragraph: etree.Element) -> list[list]:
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


def collapse(text: str) -> str:
    return SPACE_RE.sub(" ", text).strip()


def is_blank(item) -> bool:
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
            shown = text.strip()
            same = shown in (href, href.removeprefix("mailto:"))  # a bare URL or e-mail
            out.append(f"{text} ({href})" if keep and not same else text or href)
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


def empty_list_numbers(element: etree.Element) -> str:
    """``8.`` for an ordered list of empty items (CommonMark reads ``- 8.`` as a bullet holding
    an empty item numbered 8, where the writer meant the text), else ``""``."""
    if element.tag != "ol" or any((li.text or "").strip() or len(li) for li in element):
        return ""
    start = int(element.get("start") or "1") if (element.get("start") or "1").isdigit() else 1
    return " ".join(f"{start + index}." for index in range(len(element)))
