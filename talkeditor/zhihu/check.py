"""Pre-publish checks for a Zhihu post: what will break or vanish once the post is on Zhihu.

Every finding is a :class:`ZhihuWarning`: a stable ``code``, the offending text (``subject``)
and the code's values (``data``), and where it is (the title, or a ``section`` title path and a
``line``, 1-based within the section's body, or within the Markdown for a plain document). The
core words nothing: the app words findings in ``ui/wording.py`` (English and Chinese), the
command line in ``cli/wording.py``.
The Markdown converter raises most of them while it transforms the tree (it knows which heading
it demoted, which link it unwrapped); this module owns the codes, the checks that need no tree
(title, emoji, image addresses) and the mapping of a finding back to a line.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

#: Zhihu's article title box says "请输入标题（最多 100 个字）".
TITLE_LIMIT = 100

#: Every finding's code, with what its ``subject`` is (the offending text, at most 80
#: characters) and its ``data``. The app words them in ``ui/wording.py``, the command line in
#: ``cli/wording.py``; a test checks that each code is worded in both.
CODES = (
    "title-empty",        # no title
    "title-long",         # data: length, limit, proposal ("" or a title within the limit)
    "title-shortened",    # data: full_length, length, cut (the text cut off the end), limit
    "title-pattern",      # subject: the title (40 chars); data: expected (【series number】),
                          # suggestion ("" or a title in the pattern)
    "highlights-empty",   # subject: the title without 本期提要
    "emoji",              # subject: the emoji found
    "heading-depth",      # subject: the heading's text
    "image-empty",
    "image-local",        # subject: the image's address (and so for every image-* code)
    "image-unresolved",
    "image-missing",
    "image-outside",
    "image-svg",
    "image-data",         # no subject
    "image-private",
    "image-scheme",
    "image-github",
    "image-caption",      # subject: the image's title
    "image-title",        # subject: the image's title
    "image-in-link",      # subject: the link's address
    "link-scheme",        # subject: the link's address ("" when it has none)
    "raw-html",           # subject: the tag
    "table-math",         # subject: the formula
    "table-image",        # subject: the image's alternative text or address
    "strikethrough",      # subject: the struck-out text
    "heading-link",       # subject: the link's text
    "heading-image",      # subject: the image's alternative text
    "heading-math",       # subject: the formula
    "sup-sub",            # subject: the tag (sup or sub)
    "html-format",        # subject: the tag
    "html-comment",       # subject: the comment's text
    "html-markdown",      # subject: the Markdown in an HTML block
    "md-raw-html",        # subject: the HTML (kind "html") or the formula's TeX (kind "math");
                          # data: kind
    "empty-section",      # no subject; the section is the place
    "omitted-section",    # no subject; the section is the place
)
_CODES = frozenset(CODES)
#: Longest subject kept in a finding (longer ones end with "…").
SUBJECT_LIMIT = 80


@dataclass(frozen=True)
class ZhihuWarning:
    """One pre-publish finding, as data for the app and the command line to word.

    ``code`` is one of :data:`CODES`; ``subject`` the offending text; ``data`` the code's
    other values (see :data:`CODES`). The place: ``in_title`` for a finding about the post's
    title, else ``section`` (the section's title path, joined by `` › ``; "" when unknown) and
    ``line`` (1-based within the section's body, or within the Markdown of a plain document).
    """

    code: str
    subject: str = ""
    section: str = ""
    line: int | None = None
    data: dict = field(default_factory=dict, hash=False)
    in_title: bool = False
    #: Strings to look for in the Markdown to find the line (converter findings).
    needle: tuple[str, ...] = field(default=(), repr=False, compare=False)


def warning(code: str, subject: object = "", needle: tuple[str, ...] = (),
            section: str = "", line: int | None = None, *, in_title: bool = False,
            **data: object) -> ZhihuWarning:
    """A finding with ``code`` (one of :data:`CODES`; KeyError otherwise), its subject
    shortened to :data:`SUBJECT_LIMIT` characters and ``data`` as keyword arguments."""
    if code not in _CODES:
        raise KeyError(code)
    text = str(subject)
    if len(text) > SUBJECT_LIMIT:
        text = text[:SUBJECT_LIMIT - 3] + "…"
    return ZhihuWarning(code, text, section, line, dict(data), in_title, needle)


# ---------------------------------------------------------------- title and emoji

_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x2700, 0x27BF), (0x1F1E6, 0x1F1FF))
_EMOJI_EXTRA = {0x200D, 0xFE0F, 0x2B50, 0x2B55, 0x231A, 0x231B, 0x23E9, 0x23EA, 0x23F0,
                0x23F3, 0x2614, 0x2615, 0x26A1, 0x26BD, 0x26C4, 0x26D4, 0x26EA, 0x26F5,
                0x26FA, 0x26FD, 0x2705, 0x274C, 0x2753, 0x2757}


def is_emoji(ch: str) -> bool:
    """Pictographic emoji (not the ☐/☑ ballot boxes or CJK punctuation the issues use)."""
    code = ord(ch)
    if code in _EMOJI_EXTRA:
        return True
    if code in (0x2713, 0x2714, 0x2715, 0x2716):  # check marks render as text glyphs
        return False
    return any(lo <= code <= hi for lo, hi in _EMOJI_RANGES)


#: every character is_emoji may accept (a superset): lines are scanned by one regex pass
_MAYBE_EMOJI = re.compile("[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                                        for lo, hi in _EMOJI_RANGES)
                          + "".join(re.escape(chr(code)) for code in _EMOJI_EXTRA) + "]")


def find_emoji(text: str) -> list[tuple[int, str]]:
    """``(line index, emoji found on that line)`` for every line of ``text`` with emoji."""
    found = []
    for index, line in enumerate(text.split("\n")):
        chars = "".join(dict.fromkeys(ch for ch in _MAYBE_EMOJI.findall(line)
                                      if is_emoji(ch) and ch not in "\u200d\ufe0f"))
        if chars:
            found.append((index, chars))
    return found


def title_length(title: str) -> int:
    """Characters as Zhihu counts them (each CJK or Latin character is one)."""
    return len(unicodedata.normalize("NFC", title))


def check_title(title: str, full: str | None = None, series: str = "", number: str = "",
                proposal: str | None = None, suggestion: str = "") -> list[ZhihuWarning]:
    """Findings about the post's ``title`` (all ``in_title``).

    ``full`` is the series' full title when ``title`` was shortened from it (a
    ``title-shortened`` finding naming what was cut); ``series`` and ``number`` (e.g.
    "OpenLLM Talk", "005") turn on the check of the series' pattern ``【OpenLLM Talk 005】…``
    (special issues: ``【OpenLLM Talk】…``); ``proposal`` is offered with a title over the
    limit, ``suggestion`` (a title in the series' pattern) with a title off the pattern. The
    limit is Zhihu's title box ("请输入标题（最多 100 个字）").
    """
    if not title.strip():
        return [warning("title-empty", in_title=True)]
    out = []
    length = title_length(title)
    if length > TITLE_LIMIT:
        out.append(warning("title-long", in_title=True, length=length, limit=TITLE_LIMIT,
                           proposal=proposal if proposal and proposal != title else ""))
    elif full and full != title and full.startswith(title):
        cut = full[len(title):].lstrip("；;，,、 ")
        out.append(warning("title-shortened", in_title=True, full_length=title_length(full),
                           length=length, cut=cut, limit=TITLE_LIMIT))
    if series.strip() and not follows_series_pattern(title, series, number):
        expected = f"【{series} {number}】" if number.strip() else f"【{series}】"
        out.append(warning("title-pattern", title[:40], in_title=True, expected=expected,
                           suggestion=suggestion if suggestion and suggestion != title else ""))
    emoji = "".join(dict.fromkeys(ch for ch in title if is_emoji(ch)))
    if emoji:
        out.append(warning("emoji", emoji, in_title=True))
    return out


def follows_series_pattern(title: str, series: str, number: str = "") -> bool:
    """Whether ``title`` starts like the series' titles: ``【{series} {number}】`` for a
    numbered issue, ``【{series}】`` for a special one (``【OpenLLM Talk】番外02：…``)."""
    match = re.match(r"^【\s*" + re.escape(series.strip()) + r"(?:\s+([^】\s]+))?\s*】", title)
    if not match:
        return False
    return match.group(1) is None or not number.strip() or match.group(1) == number.strip()


# ---------------------------------------------------------------- addresses

LINK_SCHEMES = ("http", "https", "mailto")
_LOCAL_SUFFIXES = (".local", ".localhost", ".internal", ".lan", ".home", ".intranet")


def url_scheme(url: str) -> str:
    """The scheme of ``url`` in lower case, or "" for a path (``C:\\x`` counts as a path)."""
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", url.strip())
    if not match or len(match.group(1)) == 1:
        return ""
    return match.group(1).lower()


def is_link_allowed(href: str) -> bool:
    return url_scheme(href) in LINK_SCHEMES and bool(href.strip())


def is_private_host(host: str) -> bool:
    host = host.strip("[]").lower().rstrip(".")
    if not host:
        return True
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES) or "." not in host and ":" not in host:
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified \
        or ip.is_reserved


def is_github_hosted(url: str) -> bool:
    """An image served by GitHub (``raw.githubusercontent.com``, ``*.githubusercontent.com``,
    ``github.com/…/raw/…``): often unreachable from Zhihu's image fetcher in China."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    return host == "githubusercontent.com" or host.endswith(".githubusercontent.com") \
        or (host in ("github.com", "www.github.com") and "/raw/" in parts.path)


def is_svg(url: str) -> bool:
    path = urlsplit(url).path if url_scheme(url) else url.split("?")[0].split("#")[0]
    return path.lower().endswith((".svg", ".svgz")) or url.lower().startswith("data:image/svg")


def remote_image_codes(url: str) -> list[str]:
    """Warning codes for an image address that is not a local file."""
    scheme = url_scheme(url)
    if scheme == "data":
        return ["image-data"] + (["image-svg"] if is_svg(url) else [])
    if scheme not in ("http", "https"):
        return ["image-scheme"]
    codes = []
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    if is_private_host(host):
        codes.append("image-private")
    if is_github_hosted(url):
        codes.append("image-github")
    if is_svg(url):
        codes.append("image-svg")
    return codes


# ---------------------------------------------------------------- locating findings


class Locator:
    """Maps converter findings (needles) to ``(section, line)`` in a Markdown text.

    ``where(line_index)`` gives the section title path and the 1-based line to report for a
    0-based line of the text. A needle found several times maps its n-th finding to its n-th
    occurrence, so repeated links report each place.
    """

    def __init__(self, text: str, where: Callable[[int], tuple[str, int | None]]):
        self.lines = text.split("\n")
        self.where = where
        self._last: dict[str, int] = {}

    def find(self, needles: tuple[str, ...]) -> int | None:
        for needle in needles:
            if not needle:
                continue
            start = self._last.get(needle, -1) + 1
            for order in (range(start, len(self.lines)), range(0, start)):
                for index in order:
                    if needle in self.lines[index]:
                        self._last[needle] = index
                        return index
        return None

    def place(self, item: ZhihuWarning) -> ZhihuWarning:
        if item.section or item.line is not None or not item.needle:
            return item
        index = self.find(item.needle)
        if index is None:
            return item
        section, line = self.where(index)
        return replace(item, section=section, line=line)

    def at(self, item: ZhihuWarning, index: int) -> ZhihuWarning:
        section, line = self.where(index)
        return replace(item, section=section, line=line)


def heading_where(text: str) -> Callable[[int], tuple[str, int | None]]:
    """For a plain Markdown document: the nearest heading above a line, and the line number."""
    headings: list[tuple[int, str]] = []
    fence = ""
    for index, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        match = re.match(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            headings.append((index, match.group(1)))

    def where(index: int) -> tuple[str, int | None]:
        title = ""
        for at, text_ in headings:
            if at >= index:  # a heading's own finding belongs to the heading above it
                break
            title = text_
        return title, index + 1

    return where
