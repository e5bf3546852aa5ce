"""Repeat warnings: links and papers in a draft that past issues already covered.

``RepeatIndex.build(issues)`` collects, from the weekly content of past issues (weekly
section bodies and ``keep=False`` field values; never standing text such as 往期精彩 or the
template link), every

- link, normalised (``normalize_url``): scheme and host case, ``http``/``https``, ``www.``,
  trailing slash, tracking parameters (``utm_*``, ``share_source``, ``vd_source``, ``spm``…),
  redirect wrappers (``link.zhihu.com/?target=…``) unwrapped; arXiv abs/pdf/versions and
  Hugging Face paper pages become one ``arxiv:2306.17806`` key;
- paper title (``LongNet: Scaling Transformers to 1,000,000,000 Tokens``, a quoted English
  title, a title-cased English line) and arXiv id written in text;
- Zhihu share title (``标题 - 作者的文章 - 知乎``).

``check(draft)`` returns one ``Repeat`` per (draft line, key) found before, with where it
appeared (``Occurrence``: issue number + section path + line), newest first; the window words
it (``已在 002 · 本周推荐 出现过``). Repeats inside the draft itself are reported too
(``Occurrence.in_draft``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from ..model import BODY_WEEKLY, Issue, Section
from ..reuse.past_issues import find_past_section

#: Query parameters that only say who shared a link, from where, or when.
TRACKING_PARAMS = frozenset({
    "share_source", "vd_source", "share_medium", "share_plat", "share_session_id",
    "share_tag", "share_from", "spm", "spm_id_from", "from_spmid", "from_source", "fbclid",
    "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid", "ref_src", "ref_url", "si",
    "bbid", "ts", "timestamp", "unique_k", "seid", "is_story_h5", "buvid", "up_id",
    "plat_id", "chksm", "scene", "srcid", "exportkey", "pass_ticket", "ascene", "devicetype",
    "nettype", "abtest_cookie", "wx_header", "clicktime", "enterid", "sessionid",
    "subscene", "realreporttime", "poc_token", "utm_psn",
})
TRACKING_PREFIXES = ("utm_", "share_", "sharer_")
#: Per host, parameters that only position or label the shared page.
HOST_TRACKING = {
    "bilibili.com": {"t", "from", "seid", "mid", "vd_source"},
    "b23.tv": {"t"},
    "youtube.com": {"t", "feature", "pp"},
    "youtu.be": {"t", "feature"},
    "zhihu.com": {"from", "utm_id", "edition", "utm_oi"},
    "twitter.com": {"s", "t"},
    "x.com": {"s", "t"},
}
#: Per host, parameters dropped when they hold their default value.
HOST_DEFAULTS = {"bilibili.com": {"p": "1"}}
#: Mobile and alternative hosts that serve the same pages.
HOST_ALIASES = {"m.bilibili.com": "bilibili.com", "m.youtube.com": "youtube.com",
                "mobile.twitter.com": "twitter.com", "x.com": "twitter.com",
                "m.weibo.cn": "weibo.com"}
#: Redirect wrappers: host (and path) -> the parameter holding the real URL.
REDIRECTS = {
    ("link.zhihu.com", ""): "target",
    ("link.juejin.cn", ""): "target",
    ("link.csdn.net", ""): "target",
    ("google.com", "/url"): "q",
    ("l.facebook.com", "/l.php"): "u",
    ("weixin110.qq.com", ""): "url",
}

_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+", re.I)
_ARXIV_ID = r"(\d{4}\.\d{4,5})(?:v\d+)?"
_ARXIV_TEXT = re.compile(r"arxiv\s*[:：]?\s*" + _ARXIV_ID + r"|\b" + _ARXIV_ID + r"\.pdf\b", re.I)
_ARXIV_PATH = re.compile(r"^/(?:abs|pdf|html|papers)/" + _ARXIV_ID + r"(?:\.pdf)?$")
_ZHIHU_SHARE = re.compile(r"^(?P<title>.+?)\s*-\s*(?P<author>[^-]+?)\s*的\s*(?:文章|回答|想法)"
                          r"(?:\s*-\s*知乎)?\s*$")
_ASCII_RUN = re.compile(r"[\x20-\x7e]+")
_QUOTED = re.compile(r"[\"“]([^\"“”]{12,200})[\"”]")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*|\d[\d,.]*")
_SMALL = {"a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "with", "via", "by",
          "is", "are", "at", "from", "as", "vs"}


# ---------------------------------------------------------------- links


def _strip_url_tail(url: str) -> str:
    """Drop what glued itself to a URL: closing punctuation and unbalanced brackets."""
    while url:
        last = url[-1]
        if last in ".,;:!?*'_":
            url = url[:-1]
        elif last == ")" and url.count("(") < url.count(")"):
            url = url[:-1]
        else:
            break
    return url


def find_urls(text: str) -> list[str]:
    """The http(s) URLs in ``text`` as written (bare, ``<…>`` or Markdown ``[..](…)``)."""
    return [u for u in (_strip_url_tail(m.group()) for m in _URL.finditer(text))
            if "." in u.split("//", 1)[-1]]


def _host_rule(host: str, table: dict):
    for suffix, params in table.items():
        if host == suffix or host.endswith("." + suffix):
            return params
    return set()


def normalize_url(url: str, _depth: int = 0) -> str:
    """A comparison key for ``url`` (see the module docstring); ``''`` if it is not a URL."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return ""
    if not host:
        return ""
    if host.startswith("www."):
        host = host[4:]
    host = HOST_ALIASES.get(host, host)
    path = unquote(parts.path)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    for (redirect_host, redirect_path), param in REDIRECTS.items():
        if host == redirect_host and (not redirect_path or path == redirect_path):
            target = next((v for k, v in pairs if k == param), "")
            if target and _depth < 3:
                return normalize_url(unquote(target) if "%" in target else target, _depth + 1)
    if host in ("arxiv.org", "export.arxiv.org") or host == "huggingface.co":
        match = _ARXIV_PATH.match(path.rstrip("/"))
        if match:
            return "arxiv:" + match.group(1)
    if host == "github.com":
        path = path.lower()
        if path.endswith(".git"):
            path = path[:-4]
    path = re.sub(r"/{2,}", "/", path).rstrip("/")
    drop = _host_rule(host, HOST_TRACKING)
    defaults = _host_rule(host, HOST_DEFAULTS) or {}
    kept = sorted((k, v) for k, v in pairs
                  if k not in TRACKING_PARAMS and k not in drop and defaults.get(k) != v
                  and not k.lower().startswith(TRACKING_PREFIXES))
    key = host + (f":{port}" if port and port not in (80, 443) else "") + path
    if kept:
        key += "?" + urlencode(kept)
    fragment = parts.fragment
    if fragment.startswith(("/", "!")):
        key += "#" + fragment
    return "url:" + key


# ---------------------------------------------------------------- titles


def _title_key(text: str) -> str:
    return " ".join(w.lower() for w in re.findall(r"[A-Za-z0-9]+", text))


def _looks_like_title(segment: str) -> bool:
    words = _WORD.findall(segment)
    alpha = [w for w in words if w[0].isalpha()]
    if not 4 <= len(alpha) <= 30 or len(segment) > 250:
        return False
    if segment.rstrip().endswith((".", "?", "!")) and len(alpha) > 6:
        return False  # a sentence
    significant = [w for w in alpha if w.lower() not in _SMALL and len(w) > 2]
    capitalised = [w for w in significant if w[0].isupper()]
    if len(capitalised) < 3:
        return False
    return len(capitalised) >= 0.7 * len(significant)


def find_titles(line: str) -> list[str]:
    """Paper titles written in ``line`` (English, title-cased or quoted), as written."""
    text = _URL.sub(" ", line)
    text = re.sub(r"\]\([^)]*\)", "] ", text)
    found = []
    for match in _QUOTED.finditer(text):
        if _looks_like_title(match.group(1)):
            found.append(match.group(1).strip())
    if found:
        return found
    for match in _ASCII_RUN.finditer(text):
        segment = match.group().strip(" -–—:;,&*#>[]()<\"'")
        lead = re.match(r"^(?:[a-z][\w\-]*\s+)+(?=[A-Z])", segment)
        if lead:
            segment = segment[lead.end():]
        if _looks_like_title(segment):
            found.append(segment)
    return found


def line_keys(line: str) -> list[tuple[str, str, str]]:
    """``(kind, key, as written)`` for every link, paper and Zhihu title in ``line``."""
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()

    def add(kind: str, key: str, value: str) -> None:
        if key and key not in seen:
            seen.add(key)
            out.append((kind, key, value))

    for url in find_urls(line):
        key = normalize_url(url)
        add("paper" if key.startswith("arxiv:") else "link", key, url)
    for match in _ARXIV_TEXT.finditer(line):
        add("paper", "arxiv:" + (match.group(1) or match.group(2)), match.group())
    stripped = line.strip().strip("*").strip()
    share = _ZHIHU_SHARE.match(stripped) if "知乎" in stripped or "的" in stripped else None
    if share and not find_urls(stripped):
        title = share.group("title").strip()
        author = share.group("author").strip()
        add("article", "zhihu:" + "".join(title.split()).casefold() + "|" +
            "".join(author.split()).casefold(), title)
    for title in find_titles(line):
        add("paper", "title:" + _title_key(title), title)
    return out


# ---------------------------------------------------------------- index


@dataclass(frozen=True)
class Occurrence:
    """Where a link or title appeared: an issue's section (and body line, or field)."""

    number: str
    section_id: str
    section_path: tuple[str, ...]
    line: int
    field: str = ""
    in_draft: bool = False


@dataclass(frozen=True)
class Repeat:
    """A draft line whose link/title appeared before (``previous``: newest first)."""

    section_id: str
    section_path: tuple[str, ...]
    line: int
    field: str
    text: str
    kind: str  # "link", "paper" or "article"
    value: str
    key: str
    previous: tuple[Occurrence, ...]


def weekly_lines(issue: Issue) -> Iterator[tuple[Section, tuple[str, ...], int, str, str]]:
    """``(section, path, line, field label, text)`` of an issue's weekly content: bodies of
    weekly sections (line = 1-based body line) and values of ``keep=False`` fields (line 0).
    The 往期精彩 section is never weekly content."""
    past_list = find_past_section(issue)
    skip = past_list.id if past_list is not None else None
    for section, path in issue.walk_with_path():
        if section.id == skip:
            continue
        for f in section.fields:
            if not f.keep and f.value.strip():
                yield section, path, 0, f.label, f.value
        if section.body_kind == BODY_WEEKLY and section.body:
            for number, text in enumerate(section.body.split("\n"), 1):
                if text.strip():
                    yield section, path, number, "", text


class RepeatIndex:
    """Links and titles of past issues; ``RepeatIndex.build(issues)``, then ``check``."""

    def __init__(self) -> None:
        self._seen: dict[str, list[Occurrence]] = {}

    @classmethod
    def build(cls, issues: Iterable[Issue]) -> RepeatIndex:
        """Index the weekly content of ``issues`` (give them newest first)."""
        self = cls()
        for issue in issues:
            for section, path, line, label, text in weekly_lines(issue):
                for _kind, key, _value in line_keys(text):
                    self._seen.setdefault(key, []).append(
                        Occurrence(issue.number, section.id, path, line, label))
        return self

    def __len__(self) -> int:
        return len(self._seen)

    def occurrences(self, key: str) -> list[Occurrence]:
        return list(self._seen.get(key, ()))

    def check(self, draft: Issue, *, within_draft: bool = True) -> list[Repeat]:
        """Every line of the draft's weekly content holding a link or title seen before:
        in a past issue (other than one with the draft's own number), or, with
        ``within_draft``, earlier in the draft itself."""
        own = draft.number.strip()
        earlier: dict[str, Occurrence] = {}
        out = []
        for section, path, line, label, text in weekly_lines(draft):
            for kind, key, value in line_keys(text):
                previous = [o for o in self._seen.get(key, ()) if not own or
                            o.number.strip() != own]
                first = earlier.get(key)
                here = Occurrence(draft.number, section.id, path, line, label, True)
                if first is None:
                    earlier[key] = here
                elif within_draft:
                    previous.insert(0, first)
                if previous:
                    previous = tuple(previous)
                    out.append(Repeat(section.id, path, line, label, text, kind, value, key,
                                      previous))
        return out
