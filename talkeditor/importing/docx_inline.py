"""Word runs as Markdown inline text: bold, italic, monospace and links, runs merged first.

The converter (``importing.docx``) reads a paragraph into ``Seg`` pieces (text plus its
formatting, or raw Markdown such as an image); ``render_inline`` writes them as Markdown,
merging neighbours with the same formatting and keeping spaces outside the markers.
"""

from __future__ import annotations

from dataclasses import dataclass


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
            out.append(f"<{link}>" if plain == link else f"[{text.strip()}]({link})")
        else:
            out.append(text)
        i += len(group)
    return "".join(out)


def _format(s: Seg) -> str:
    text = s.text
    if s.code and text.strip():
        ticks = "`"
        while ticks in text:
            ticks += "`"
        core = text.strip()
        pad = " " if core.startswith("`") or core.endswith("`") else ""
        text = _wrap_exact(text, f"{ticks}{pad}", f"{pad}{ticks}")
        return text
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
