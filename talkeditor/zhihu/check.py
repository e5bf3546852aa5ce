"""Pre-publish checks for a Zhihu post: what will break or vanish once the post is on Zhihu.

Every finding is a :class:`ZhihuWarning` with a stable ``code`` (for tests and for the app to
pick an icon), a Chinese ``message`` for the host, and where it is (``section`` title path and
``line``, 1-based within the section's body, or within the Markdown for a plain document).
The Markdown converter raises most of them while it transforms the tree (it knows which heading
it demoted, which link it unwrapped); this module owns the codes and messages, the checks that
need no tree (title, emoji, image addresses) and the mapping of a finding back to a line.
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

MESSAGES = {
    "title-empty": "标题为空",
    "title-long": "标题有 {subject} 个字，超过知乎的 100 字上限，发布时会被截断或拒绝",
    "title-shortened": "{subject}",
    "title-pattern": "{subject}",
    "highlights-empty": "本期提要为空，标题只有「{subject}」：请填写本期提要",
    "emoji": "含有 emoji（{subject}），知乎可能显示为方框或直接过滤",
    "heading-depth": "「{subject}」是三级及更深的标题，知乎只有两级标题，已改为加粗段落",
    "image-empty": "空图片（没有地址），已省略",
    "image-local": "本地图片「{subject}」知乎无法读取：已复制到 images/，请上传后用图片地址前缀"
                   "（--image-base-url）重新导出，或在知乎编辑器里手动插入",
    "image-unresolved": "本地图片「{subject}」：不知道期刊文件夹，无法找到这个文件",
    "image-missing": "找不到本地图片「{subject}」",
    "image-outside": "图片「{subject}」不在期刊文件夹内（或不是图片文件），没有复制",
    "image-svg": "SVG 图片「{subject}」知乎不支持，请转成 PNG 或 JPG",
    "image-data": "图片是 data: 内嵌数据，知乎无法导入，请改用图片文件",
    "image-private": "图片地址「{subject}」指向本机或内网，知乎抓取不到",
    "image-scheme": "图片地址「{subject}」不是 http(s) 地址，知乎抓取不到",
    "link-scheme": "链接「{subject}」不是 http(s)/mailto 链接，知乎会过滤，已改为纯文本",
    "raw-html": "原始 HTML <{subject}> 知乎不支持，已删除（连同其内容）",
    "table-math": "表格里的公式「{subject}」知乎不支持（单元格只保留文字），已写成 $…$ 文字",
    "table-image": "表格里的图片「{subject}」知乎不支持（单元格只保留文字），只保留了说明文字",
    "strikethrough": "删除线「{subject}」知乎不支持，已改为普通文字",
    "image-github": "图片「{subject}」在 GitHub（raw.githubusercontent.com）上，知乎常常抓取不到，"
                    "请改传到知乎或图床",
    "image-caption": "图片标题「{subject}」已导出为图注（图片下方的说明），"
                     "请在知乎草稿里确认图注还在",
    "image-title": "图片标题「{subject}」没有导出：图片不是单独一段，知乎不能给它加图注",
    "image-in-link": "链接里的图片（链接 {subject}）：知乎会去掉图片上的链接，已把链接放在图片后面",
    "heading-link": "标题里的链接「{subject}」：知乎的标题不能带链接，已写成「文字 (网址)」",
    "heading-image": "标题里的图片「{subject}」：知乎的标题不能带图片，只保留了替代文字",
    "heading-math": "标题里的公式「{subject}」：知乎的标题只保留文字，已写成 $…$ 文字",
    "sup-sub": "<{subject}> 上标/下标知乎不支持，其中的文字变成了普通文字（如 x² 会变成 x2）",
    "html-format": "原始 HTML <{subject}> 的格式知乎不支持，只保留了其中的文字",
    "html-comment": "HTML 注释里的内容「{subject}」不会出现在知乎上",
    "html-markdown": "原始 HTML 块里的 Markdown「{subject}」不会被解析，知乎上会显示原样的符号",
    "md-raw-html": "post.md 在这里只能写成 HTML（{subject}），知乎「导入文档」可能不认这段 HTML",
    "empty-section": "版块为空",
    "omitted-section": "可选版块为空，已省略",
}


@dataclass(frozen=True)
class ZhihuWarning:
    """One pre-publish finding. ``where`` is the human-readable place."""

    code: str
    message: str
    section: str = ""
    line: int | None = None
    #: Strings to look for in the Markdown to find the line (converter findings).
    needle: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @property
    def where(self) -> str:
        parts = [self.section] if self.section else []
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        return "，".join(parts)

    def __str__(self) -> str:
        where = f"{self.where}：" if self.where else ""
        return f"{where}{self.message} [{self.code}]"


def warning(code: str, subject: object = "", needle: tuple[str, ...] = (),
            section: str = "", line: int | None = None) -> ZhihuWarning:
    """A warning with the standard message for ``code``."""
    text = str(subject)
    if len(text) > 80:
        text = text[:77] + "…"
    return ZhihuWarning(code, MESSAGES[code].format(subject=text), section, line, needle)


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


def find_emoji(text: str) -> list[tuple[int, str]]:
    """``(line index, emoji found on that line)`` for every line of ``text`` with emoji."""
    found = []
    for index, line in enumerate(text.split("\n")):
        chars = "".join(dict.fromkeys(ch for ch in line if is_emoji(ch)
                                      and ch not in "\u200d\ufe0f"))
        if chars:
            found.append((index, chars))
    return found


def title_length(title: str) -> int:
    """Characters as Zhihu counts them (each CJK or Latin character is one)."""
    return len(unicodedata.normalize("NFC", title))


def check_title(title: str, full: str | None = None, series: str = "", number: str = "",
                proposal: str | None = None, suggestion: str = "") -> list[ZhihuWarning]:
    """Findings about the post's ``title`` (section "标题").

    ``full`` is the series' full title when ``title`` was shortened from it (a note naming
    what was cut); ``series`` and ``number`` (e.g. "OpenLLM Talk", "005") turn on the check
    of the series' pattern ``【OpenLLM Talk 005】…`` (special issues: ``【OpenLLM Talk】…``);
    ``proposal`` is offered in the message of a title over the limit, ``suggestion`` (a title
    in the series' pattern) in that of a title off the pattern. The limit is Zhihu's
    title box ("请输入标题（最多 100 个字）").
    """
    if not title.strip():
        return [warning("title-empty", section="标题")]
    out = []
    length = title_length(title)
    if length > TITLE_LIMIT:
        item = warning("title-long", length, section="标题")
        if proposal and proposal != title:
            item = replace(item, message=item.message + f"；建议用：{proposal}")
        out.append(item)
    elif full and full != title and full.startswith(title):
        cut = full[len(title):].lstrip("；;，,、 ")
        out.append(ZhihuWarning("title-shortened", (
            f"完整标题有 {title_length(full)} 个字，超过知乎的 100 字上限，已缩短为 {length} 个字"
            f"（去掉了末尾的「{cut}」）"), "标题"))
    if series.strip() and not follows_series_pattern(title, series, number):
        expected = f"【{series} {number}】" if number.strip() else f"【{series}】"
        hint = f"；按本系列格式应为：{suggestion}" if suggestion and suggestion != title else ""
        out.append(ZhihuWarning("title-pattern", (
            f"标题「{title[:40]}」不符合本系列的格式「{expected}本期提要：…」，"
            f"可能是笔误{hint}"), "标题"))
    emoji = "".join(dict.fromkeys(ch for ch in title if is_emoji(ch)))
    if emoji:
        out.append(warning("emoji", emoji, section="标题"))
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
