"""URLs in issue bodies: where they are, which lack a title line, and cleaning them.

House style (see the published issues): a link is a title line, a blank line, then the URL
on a line of its own, usually written ``<https://…>``::

    RLHF文本生成图模型 - 远洋之帆的文章 - 知乎

    <https://zhuanlan.zhihu.com/p/641652465>

A *bare* URL line is a line holding one URL and nothing else (``<URL>`` or ``URL``). It
*lacks a title* when the nearest non-blank line above it is missing, a heading, a
``【label】：value`` field line, a lead-in ending with a colon (``简介：``), an image, or
itself holds a URL (the title of another link).
A line that only starts with a bracketed name, such as the 往期精彩 titles
``【OpenLLM Talk 005】本期提要：… - 羡鱼智能的文章 - 知乎``, is a title.

Cleaning drops query parameters that only say who shared a link from where (``utm_*``,
``spm``, ``share_source``, ``vd_source`` …, the tables of ``repeats``) and unwraps redirect
wrappers such as ``link.zhihu.com/?target=…``. Parameters that change what the page shows
(bilibili's ``t`` jump time, ``p`` part, arXiv versions) are kept. Only the URL's own
characters change; the rest of the line is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..archive.repeats import (
    HOST_TRACKING,
    REDIRECTS,
    TRACKING_PARAMS,
    TRACKING_PREFIXES,
    find_urls,
)

#: Parameters that look like tracking elsewhere but position the page: never cleaned.
KEEP_PARAMS = frozenset({"t", "ts", "p"})
_HOSTS_WHERE_T_TRACKS = ("twitter.com", "x.com")

_LONE = re.compile(r"^\s*<?(https?://[^\s<>]+?)>?\s*$", re.I)
_IMAGE = re.compile(r"^\s*!\[")
_LEAD_IN_ENDS = ("：", ":")
# A field line: 【label】 then (after an optional "- note") a colon, or nothing at all.
_FIELD_LINE = re.compile(r"^【[^【】\n]{1,40}】\s*(?:[-—–][^【】：:\n]{0,24}?)?\s*(?:[：:]|$)")
#: Longest title line put in from a page, in characters (longer ones are cut, with "…").
MAX_TITLE = 200


@dataclass(frozen=True)
class UrlSpot:
    """A URL at ``start``..``end`` (character offsets) of body line ``line`` (1-based)."""

    line: int
    start: int
    end: int
    url: str


def lone_url(line: str) -> str | None:
    """The URL when ``line`` holds one http(s) URL and nothing else (``<URL>`` or ``URL``)."""
    match = _LONE.match(line)
    if not match:
        return None
    found = find_urls(match.group(1))
    return found[0] if len(found) == 1 and found[0] == match.group(1) else None


def url_spots(text: str) -> list[UrlSpot]:
    """Every http(s) URL of ``text`` with its line and position, in order."""
    spots = []
    for number, line in enumerate(text.split("\n"), 1):
        at = 0
        for url in find_urls(line):
            start = line.find(url, at)
            if start < 0:
                continue
            spots.append(UrlSpot(number, start, start + len(url), url))
            at = start + len(url)
    return spots


def is_title_line(line: str) -> bool:
    """Whether ``line`` can be the title of the link below it (see the module docstring)."""
    stripped = line.strip()
    if not stripped or stripped.startswith("#") or _FIELD_LINE.match(stripped):
        return False
    if _IMAGE.match(stripped) or find_urls(stripped):
        return False
    if stripped.endswith(_LEAD_IN_ENDS):  # "简介：", "原文:" introduce the link, not name it
        return False
    return not set(stripped) <= set("-*_=>|` ")


def lacks_title(lines_above: Sequence[str]) -> bool:
    """Whether a bare URL line placed after ``lines_above`` (the body's lines before it, in
    order) has no title line: the nearest non-blank line above is missing (start of the body)
    or is not a title (:func:`is_title_line`: a heading, a field line, a lead-in, another
    URL …). A text line above, with or without blank lines between, is this URL's title.
    The one rule behind both the title fetched for a pasted URL and :func:`missing_titles`."""
    above = next((line for line in reversed(lines_above) if line.strip()), None)
    return above is None or not is_title_line(above)


def missing_titles(text: str) -> list[tuple[int, str]]:
    """``(line, url)`` for every bare URL line of ``text`` that has no title line above it
    (lines are 1-based); see :func:`lacks_title` for the rule."""
    lines = text.split("\n")
    found = []
    for index, line in enumerate(lines):
        url = lone_url(line)
        if url is not None and lacks_title(lines[:index]):
            found.append((index + 1, url))
    return found


def insert_title(text: str, line: int, title: str) -> str:
    """``text`` with ``title`` and a blank line put above body line ``line`` (1-based), and a
    blank line before the title when the line above is not blank."""
    lines = text.split("\n")
    index = line - 1
    block = [title, ""]
    if index > 0 and lines[index - 1].strip():
        block.insert(0, "")
    lines[index:index] = block
    return "\n".join(lines)


def one_line_title(title: str) -> str:
    """A page title as one line of a Markdown body that reads as the title says: whitespace
    runs (newlines too) become one space, a title longer than ``MAX_TITLE`` characters is
    cut there and ends with "…", and what Markdown would take as markup is neutralised
    (``<T>`` is not an HTML tag, ``*x*`` not emphasis, a leading ``#``/``>``/``-``/``1.``
    not a heading, quote or list; see :func:`markdown_text`)."""
    line = " ".join(title.split())
    if len(line) > MAX_TITLE:
        line = line[:MAX_TITLE - 1].rstrip() + "…"
    return markdown_text(line)


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_BLOCK_START = re.compile(r"^(?:#+|>|[-+](?=\s)|(\d+)[.)](?=\s))")


def markdown_text(line: str) -> str:
    """``line`` (plain text) escaped so that the Markdown renderer shows it as written: ``*`` and
    backquotes get a backslash, ``<`` before a letter becomes ``&lt;``, and a leading
    heading, quote or list marker is escaped. Underscores and brackets are left alone
    (``my_repo``, ``[2307.09288]`` render as written)."""
    line = line.replace("\\", "\\\\").replace("*", "\\*").replace("`", "\\`")
    line = _TAG_START.sub("&lt;", line)
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    digits = match.group(1)
    if digits:  # "1. " or "1) " would start an ordered list
        return digits + "\\" + line[len(digits):]
    return "\\" + line


# ---------------------------------------------------------------- cleaning


def _host_of(url: str) -> str:
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _host_drop(host: str) -> set[str]:
    for suffix, params in HOST_TRACKING.items():
        if host == suffix or host.endswith("." + suffix):
            keep = set() if suffix in _HOSTS_WHERE_T_TRACKS else KEEP_PARAMS
            return set(params) - keep
    return set()


def _is_tracking(key: str, host_drop: set[str]) -> bool:
    name = unquote(key).lower()
    if name in KEEP_PARAMS and name not in host_drop:
        return False
    return (name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)
            or name in host_drop)


def unwrap_redirect(url: str, _depth: int = 0) -> str:
    """The target of a redirect wrapper (``link.zhihu.com/?target=…``), else ``url``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = _host_of(url)
    for (wrapper, path), param in REDIRECTS.items():
        if host == wrapper and (not path or parts.path == path):
            for piece in parts.query.split("&"):
                key, _eq, value = piece.partition("=")
                if key == param and value:
                    target = unquote(value)
                    if target.lower().startswith(("http://", "https://")) and _depth < 3:
                        return unwrap_redirect(target, _depth + 1)
    return url


def clean_url(url: str) -> str:
    """``url`` without tracking parameters and redirect wrappers (see the module docstring).

    The kept parameters stay in their order and spelling; an emptied query loses its ``?``.
    """
    url = unwrap_redirect(url)
    base, hash_, fragment = url.partition("#")
    head, question, query = base.partition("?")
    if not question:
        return url
    drop = _host_drop(_host_of(url))
    kept = [piece for piece in query.split("&")
            if piece and not _is_tracking(piece.partition("=")[0], drop)]
    cleaned = head + ("?" + "&".join(kept) if kept else "")
    return cleaned + (hash_ + fragment if hash_ else "")


def clean_text(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """``text`` with every URL cleaned in place, and ``(line, old, new)`` for each change."""
    lines = text.split("\n")
    changes = []
    for spot in reversed(url_spots(text)):
        new = clean_url(spot.url)
        if new != spot.url:
            line = lines[spot.line - 1]
            lines[spot.line - 1] = line[:spot.start] + new + line[spot.end:]
            changes.append((spot.line, spot.url, new))
    changes.reverse()
    return "\n".join(lines), changes
