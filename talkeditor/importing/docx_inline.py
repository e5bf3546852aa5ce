"""Word runs as Markdown inline text: bold, italic, monospace and links, runs merged first.

The converter (``importing.docx``) reads a paragraph into ``Seg`` pieces (text plus its
formatting, or raw Markdown such as an image); ``render_inline`` writes them as Markdown,
escaped (Word text is text), merging neighbours with the same formatting, keeping spaces
outside the markers and closing every emphasis on each line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .escaping import escape_markdown


@dataclass
class Seg:
    """A piece of a paragraph: text and its formatting (``raw``: already Markdown)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    raw: bool = False       # already Markdown (an image)


def _wrap(text: str, mark: str) -> str:
    """``**`` around text, keeping surrounding spaces outside the markers."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}"


def render_inline(segs: list[Seg]) -> str:
    """Segments to Markdown: adjacent runs with the same formatting are merged first."""
    merged: list[Seg] = []
    for s in segs:
        if merged and not s.raw and not merged[-1].raw and \
                (s.bold, s.italic, s.code, s.link) == \
                (merged[-1].bold, merged[-1].italic, merged[-1].code, merged[-1].link):
            merged[-1].text += s.text
        else:
            merged.append(Seg(s.text, s.bold, s.italic, s.code, s.link, s.raw))
    out: list[str] = []
    i = 0
    while i < len(merged):
        s = merged[i]
        if s.raw:
            out.append(s.text)
            i += 1
            continue
        link = s.link
        group = [s]
        while i + len(group) < len(merged) and not merged[i + len(group)].raw and \
                merged[i + len(group)].link == link:
            group.append(merged[i + len(group)])
        text = "".join(_format(g) for g in group)
        plain = "".join(g.text for g in group).strip()
        if link and plain:
            if plain == link and not re.search(r"[\s<>]", link):
                out.append(f"<{link}>")
            else:
                target = destination(link)
                lines = text.strip().split("\n")
                out.append("\n".join(f"[{line}]({target})" if line.strip() else line
                                     for line in lines))
        else:
            out.append(text)
        i += len(group)
    return "".join(out)


def destination(target: str) -> str:
    """A link or image target as Markdown writes it: in ``<…>`` when it has spaces or
    parentheses (``<screen shot (1).png>``)."""
    if re.search(r"[\s()<>]", target):
        return "<" + target.replace("<", "%3C").replace(">", "%3E") + ">"
    return target


def _format(s: Seg) -> str:
    """One run of text as Markdown: escaped (Word text is text), and every emphasis or code
    span opened and closed on each line (a Shift+Enter break inside bold gives two bold
    lines, never a ``**`` left open)."""
    if "\n" in s.text:
        return "\n".join(_format(Seg(line, s.bold, s.italic, s.code, s.link))
                         for line in s.text.split("\n"))
    text = s.text
    if s.code and text.strip():
        ticks = "`"
        while ticks in text:
            ticks += "`"
        core = text.strip()
        pad = " " if core.startswith("`") or core.endswith("`") else ""
        text = _wrap_exact(text, f"{ticks}{pad}", f"{pad}{ticks}")
        return text
    text = escape_markdown(text, line_start=False)
    if s.bold and s.italic:
        return _wrap(text, "***")
    if s.bold:
        return _wrap(text, "**")
    if s.italic:
        return _wrap(text, "*")
    return text


def _wrap_exact(text: str, left: str, right: str) -> str:
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{left}{core}{right}{trail}"
