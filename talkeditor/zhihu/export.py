"""Zhihu export: the post's title, ``post.html`` (to paste), ``post.md`` (for 导入文档),
``title.txt`` and the local images in ``images/`` — plus the pre-publish check.

The issue's Markdown (its sections as rendered by :mod:`talkeditor.render.issue_markdown`,
without the title line, which on Zhihu is a separate field, and without optional sections left
empty) is parsed
once by :mod:`talkeditor.zhihu.transform` into a tree in Zhihu's dialect; the HTML, the Markdown
and the plain text are all written from that tree. Pure Python, no Qt.

API for the app (the export dialog shows ``warnings`` and puts ``html`` + ``plain_text`` on
the clipboard)::

    zhihu_title(issue) -> str          # the full series title (may exceed Zhihu's 100)
    proposed_title(issue) -> str       # shortened to fit: whole 本期提要 items, a prefix
    check_full_title(issue) -> list[ZhihuWarning]   # what ``talkeditor check`` reports
    build_post(issue, issue_dir=None, image_base_url=None, link_cards=False, title=None)
        -> ZhihuPost                   # title None: proposed_title(issue)
    export_issue(issue, out_dir, issue_dir=None, image_base_url=None, link_cards=False,
                 title=None) -> ZhihuExport
    precheck(issue, issue_dir=None, image_base_url=None, link_cards=False, title=None)
        -> list[ZhihuWarning]
    preview_html(post) -> str          # the app's Zhihu preview: <h1>title</h1> + post.html

The clipboard's HTML, the body of ``post.html`` and the preview after its ``<h1>`` are the
same string, ``ZhihuPost.html``.
    markdown_to_zhihu(text, base_dir=None, image_base_url=None, link_cards=False,
                      skip_title=False) -> ZhihuPost
    markdown_to_zhihu_html(text, ...) -> str
    cli_export(args) -> int        # talkeditor export-zhihu ISSUE.yaml -o DIR
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..model import Issue, Section
from ..render.issue_markdown import field_value, section_markdown
from ..storage.yaml_format import IssueFormatError
from . import check as zhihu_check
from . import transform
from .check import Locator, ZhihuWarning, warning
from .html import to_html, to_plain_text
from .markdown import to_markdown

__all__ = ["ZhihuExport", "ZhihuPost", "ZhihuWarning", "build_post", "cli_export",
           "export_issue", "issue_body_markdown", "markdown_to_zhihu", "markdown_to_zhihu_html",
           "precheck", "zhihu_title"]

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg"})
SECTION_SEP = " › "


@dataclass
class ZhihuPost:
    """A post in memory. ``images`` are ``(source file, name in images/)``."""

    title: str
    html: str
    markdown: str
    plain_text: str
    images: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[ZhihuWarning] = field(default_factory=list)


@dataclass
class ZhihuExport:
    """What :func:`export_issue` wrote."""

    folder: Path
    post_md: Path
    post_html: Path
    title_txt: Path
    images: list[Path]
    post: ZhihuPost

    @property
    def warnings(self) -> list[ZhihuWarning]:
        return self.post.warnings


# ---------------------------------------------------------------- title


def _clean_line(text: str) -> str:
    return " ".join(text.split())


_HIGHLIGHTS = "本期提要："
_CLEAN_ENDS = "；;，,、。：: "


def _title_parts(issue: Issue) -> tuple[str, list[str]]:
    name = _clean_line(f"{issue.series} {issue.number}")
    head = f"【{name}】" if name else ""
    highlights = [_clean_line(h).strip("；;") for h in issue.highlights]
    return head, [h for h in highlights if h]


def zhihu_title(issue: Issue) -> str:
    """The full title: ``【OpenLLM Talk 004】本期提要：检索+LLM；抱抱脸 daily papers；…``.

    An explicit ``issue.title`` (special issues: ``【OpenLLM Talk】番外02：…``) is used as is.
    It may be longer than Zhihu allows; :func:`proposed_title` is what fits.
    """
    if issue.title.strip():
        return _clean_line(issue.title)
    head, highlights = _title_parts(issue)
    if highlights:
        return head + _HIGHLIGHTS + "；".join(highlights)
    return head


def series_title(issue: Issue) -> str:
    """The title in the series' pattern, ignoring an explicit ``issue.title``."""
    head, highlights = _title_parts(issue)
    return head + (_HIGHLIGHTS + "；".join(highlights) if highlights else "")


def shorten_title(title: str, limit: int = zhihu_check.TITLE_LIMIT) -> str:
    """``title`` cut to at most ``limit`` characters, as a prefix of it ending cleanly.

    A series title keeps whole 本期提要 items in order (``【…】本期提要：a；b；c`` → ``…：a；b``,
    or ``【…】`` when not even the first item fits); any other title is cut after the last
    separator (；，、。：space) that fits, and hard at ``limit`` when there is none. A title
    within the limit is returned unchanged. The result is always ``title[:n]`` for some n,
    never ends with a separator, and is never empty unless ``title`` is.
    """
    if zhihu_check.title_length(title) <= limit:
        return title
    title = unicodedata.normalize("NFC", title)
    at = title.find(_HIGHLIGHTS)
    if at >= 0:
        head, rest = title[:at], title[at + len(_HIGHLIGHTS):]
        kept = ""
        for item in rest.split("；"):
            candidate = f"{kept}；{item}" if kept else item
            if len(head) + len(_HIGHLIGHTS) + len(candidate) > limit:
                break
            kept = candidate
        kept = kept.rstrip(_CLEAN_ENDS)
        if kept:
            return head + _HIGHLIGHTS + kept
        if head.strip() and len(head) <= limit:
            return head.rstrip(_CLEAN_ENDS) or head
    window = title[:limit + 1]
    cut = max(window.rfind(ch) for ch in _CLEAN_ENDS)
    short = title[:cut].rstrip(_CLEAN_ENDS) if cut > 0 else ""
    return short or title[:limit]


def proposed_title(issue: Issue) -> str:
    """The title to publish: :func:`zhihu_title`, shortened to Zhihu's 100 characters by
    :func:`shorten_title` when longer."""
    return shorten_title(zhihu_title(issue))


def check_full_title(issue: Issue) -> list[ZhihuWarning]:
    """The issue's own title as ``talkeditor check`` sees it: the full :func:`zhihu_title`
    over Zhihu's limit (offering :func:`proposed_title`), or not in the series' pattern."""
    pattern_number = issue.number if issue.number.strip().isdigit() else ""
    return zhihu_check.check_title(zhihu_title(issue), series=issue.series,
                                   number=pattern_number, proposal=proposed_title(issue),
                                   suggestion=shorten_title(series_title(issue)))


def check_issue_title(issue: Issue, title: str | None = None) -> list[ZhihuWarning]:
    """The title findings of the pre-publish check for the ``title`` chosen (default: the
    proposal): over the limit, shortened from the full title, not in the series' pattern."""
    full = zhihu_title(issue)
    chosen = proposed_title(issue) if title is None else _clean_line(title)
    pattern_number = issue.number if issue.number.strip().isdigit() else ""
    return zhihu_check.check_title(chosen, full=full, series=issue.series,
                                   number=pattern_number, proposal=proposed_title(issue),
                                   suggestion=shorten_title(series_title(issue)))


# ---------------------------------------------------------------- the issue as Markdown


def _own_empty(issue: Issue, section: Section) -> bool:
    return not section.body.strip() and not any(
        field_value(issue, section, f).strip() for f in section.fields)


def _is_empty(issue: Issue, section: Section) -> bool:
    return _own_empty(issue, section) and all(_is_empty(issue, c) for c in section.children)


@dataclass
class _Part:
    where: str
    start: int
    body_start: int | None


@dataclass
class _Document:
    text: str
    parts: list[_Part]
    warnings: list[ZhihuWarning]

    def where(self, index: int) -> tuple[str, int | None]:
        part = None
        for candidate in self.parts:
            if candidate.start > index:
                break
            part = candidate
        if part is None:
            return "", None
        if part.body_start is not None and index >= part.body_start:
            return part.where, index - part.body_start + 1
        return part.where, None


def _document(issue: Issue) -> _Document:
    blocks: list[str] = []
    parts: list[_Part] = []
    warnings: list[ZhihuWarning] = []
    line = 0

    def visit(section: Section, depth: int, path: list[str]) -> None:
        nonlocal line
        path = path + [section.title]
        where = SECTION_SEP.join(path)
        if section.optional and _is_empty(issue, section):
            warnings.append(warning("omitted-section", section=where))
            return
        if _own_empty(issue, section) and not section.children:
            warnings.append(warning("empty-section", section=where))
        text = section_markdown(issue, section, depth)
        body = section.body.strip("\n")
        body_start = None
        if body.strip() and text.endswith(body):
            body_start = line + text[:len(text) - len(body)].count("\n")
        parts.append(_Part(where, line, body_start))
        blocks.append(text)
        line += text.count("\n") + 2
        for child in section.children:
            visit(child, depth + 1, path)

    for section in issue.sections:
        visit(section, 1, [])
    return _Document("\n\n".join(blocks) + "\n", parts, warnings)


def issue_body_markdown(issue: Issue) -> str:
    """The Markdown that is exported: every section, no title line, empty optional sections
    left out."""
    return _document(issue).text


# ---------------------------------------------------------------- images


class _Images:
    """Resolves image addresses: local files (inside the issue folder) are collected for
    ``images/`` and rewritten; everything odd is reported."""

    def __init__(self, base_dir: str | os.PathLike | None, base_url: str | None):
        self.base_dir = Path(base_dir).resolve() if base_dir is not None else None
        self.base_url = base_url.rstrip("/") if base_url else None
        self.names: dict[Path, str] = {}

    @property
    def collected(self) -> list[tuple[Path, str]]:
        return list(self.names.items())

    def _name(self, path: Path) -> str:
        if path in self.names:
            return self.names[path]
        taken = set(self.names.values())
        name, counter = path.name, 2
        while name in taken:
            name = f"{path.stem}-{counter}{path.suffix}"
            counter += 1
        self.names[path] = name
        return name

    def resolve(self, src: str, warnings: list[ZhihuWarning]) -> str | None:
        short = src[:60]
        needles = (f"]({short}", f'src="{short}', short) if src else ("![](", "<img")

        def note(code: str, subject: str = src) -> None:
            warnings.append(warning(code, subject, needles))

        if not src:
            note("image-empty")
            return None
        scheme = zhihu_check.url_scheme(src)
        if scheme and scheme != "file":
            for code in zhihu_check.remote_image_codes(src):
                note(code, "" if code == "image-data" else src)
            return src
        if scheme == "file":
            path_text = unquote(urlsplit(src).path)
        else:
            path_text = unquote(src.split("#")[0].split("?")[0])
        if self.base_dir is None:
            note("image-unresolved")
            return src
        try:
            path = (self.base_dir / path_text).resolve()
        except (OSError, ValueError):
            note("image-missing")
            return src
        if not path.is_relative_to(self.base_dir) or path.suffix.lower() not in IMAGE_SUFFIXES:
            note("image-outside")
            return src
        if not path.is_file():
            note("image-missing")
            return src
        name = self._name(path)
        if path.suffix.lower() == ".svg":
            note("image-svg")
        if self.base_url:
            return f"{self.base_url}/{quote(name)}"
        note("image-local")
        return f"images/{quote(name)}"


# ---------------------------------------------------------------- conversion


def _convert(text: str, *, base_dir, image_base_url: str | None, link_cards: bool,
             skip_title: bool, where: Callable[[int], tuple[str, int | None]],
             extra: list[ZhihuWarning] = ()) -> ZhihuPost:
    _check_base_url(image_base_url)
    images = _Images(base_dir, image_base_url)
    try:
        parsed = transform.parse(text, transform.Options(
            link_cards=link_cards, skip_title=skip_title, on_image=images.resolve))
    except RecursionError:
        raise IssueFormatError("the Markdown is nested too deeply to export") from None
    locator = Locator(text, where)
    found: list[tuple[int, ZhihuWarning]] = []
    for item in parsed.warnings:
        index = locator.find(item.needle) if item.needle else None
        placed = locator.at(item, index) if index is not None else item
        found.append((index if index is not None else len(locator.lines), placed))
    for index, chars in zhihu_check.find_emoji(text):
        found.append((index, locator.at(warning("emoji", chars), index)))
    raw_html: list[tuple[str, str]] = []
    markdown = to_markdown(parsed.root, parsed.footnotes, raw_html)
    for kind, content in raw_html:
        if kind == "math":
            tex = content.removesuffix("\\\\")
            source = tex.replace("\\lt ", "<").replace("\\gt ", ">")
            item = warning("md-raw-html", f"公式 <img eeimg>：{tex}", (tex[:15], source[:15]))
        else:
            plain = content.replace("\\", "")
            item = warning("md-raw-html", f"<{kind}>{plain[:30]}</{kind}>", (plain[:15],))
        index = locator.find(item.needle)
        found.append((index if index is not None else len(locator.lines),
                      locator.at(item, index) if index is not None else item))
    found.sort(key=lambda pair: pair[0])
    return ZhihuPost(
        title=parsed.title,
        html=to_html(parsed.root),
        markdown=markdown,
        plain_text=to_plain_text(parsed.root, parsed.footnotes),
        images=images.collected,
        warnings=list(extra) + [item for _index, item in found],
    )


def build_post(issue: Issue, issue_dir: str | os.PathLike | None = None,
               image_base_url: str | None = None, link_cards: bool = False,
               title: str | None = None) -> ZhihuPost:
    """The issue as a Zhihu post, in memory; local images resolve against ``issue_dir``.

    ``title`` is the title chosen by the host; None takes :func:`proposed_title`.
    """
    document = _document(issue)
    chosen = proposed_title(issue) if title is None else _clean_line(title)
    post = _convert(document.text, base_dir=issue_dir, image_base_url=image_base_url,
                    link_cards=link_cards, skip_title=False, where=document.where,
                    extra=check_issue_title(issue, chosen) + document.warnings)
    post.title = chosen
    return post


def precheck(issue: Issue, issue_dir: str | os.PathLike | None = None,
             image_base_url: str | None = None, link_cards: bool = False,
             title: str | None = None) -> list[ZhihuWarning]:
    """What would break or vanish on Zhihu (see :mod:`talkeditor.zhihu.check`)."""
    return build_post(issue, issue_dir, image_base_url, link_cards, title).warnings


def markdown_to_zhihu(text: str, base_dir: str | os.PathLike | None = None,
                      image_base_url: str | None = None, link_cards: bool = False,
                      skip_title: bool = False) -> ZhihuPost:
    """Any Markdown as a Zhihu post. With ``skip_title`` a leading ``# heading`` is taken out
    of the body and becomes the post's title (as in the issues' own Markdown files)."""
    post = _convert(text, base_dir=base_dir, image_base_url=image_base_url,
                    link_cards=link_cards, skip_title=skip_title,
                    where=zhihu_check.heading_where(text))
    post.warnings = zhihu_check.check_title(post.title) + post.warnings if skip_title \
        else post.warnings
    return post


def markdown_to_zhihu_html(text: str, base_dir: str | os.PathLike | None = None,
                           image_base_url: str | None = None, link_cards: bool = False,
                           skip_title: bool = False) -> str:
    """Any Markdown as Zhihu-ready HTML (one block per line)."""
    return markdown_to_zhihu(text, base_dir, image_base_url, link_cards, skip_title).html


# ---------------------------------------------------------------- files


def html_document(post: ZhihuPost) -> str:
    """``post.html``: the body in a minimal UTF-8 page, so a browser shows it right for
    select-all and copy."""
    title = post.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n</head>\n<body>\n{post.html}</body>\n</html>\n")


def preview_html(post: ZhihuPost) -> str:
    """The app's Zhihu preview: the title as ``<h1>``, then exactly ``post.html``."""
    title = post.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<h1>{title}</h1>\n{post.html}"


def _write(path: Path, data: str | bytes) -> None:
    from ..storage.files import atomic_write

    try:
        atomic_write(path, data, backup=False)
    except OSError as exc:
        raise IssueFormatError(f"cannot write {path}: {exc.strerror or exc}") from None


def _check_base_url(image_base_url: str | None) -> None:
    if image_base_url and zhihu_check.url_scheme(image_base_url) not in ("http", "https"):
        raise IssueFormatError(
            f"the image base URL must be an http(s) address, not {image_base_url!r}")


def export_issue(issue: Issue, out_dir: str | os.PathLike,
                 issue_dir: str | os.PathLike | None = None,
                 image_base_url: str | None = None, link_cards: bool = False,
                 title: str | None = None) -> ZhihuExport:
    """Write ``post.md``, ``post.html``, ``title.txt`` and ``images/`` into ``out_dir``.

    ``title`` is the one the host chose (written to ``title.txt``); None takes
    :func:`proposed_title`.

    Every file is written atomically; files already in ``out_dir`` are replaced, never
    deleted. Problems with the output folder raise :class:`IssueFormatError`.
    """
    _check_base_url(image_base_url)
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise IssueFormatError(f"{folder} exists and is not a folder")
    post = build_post(issue, issue_dir, image_base_url, link_cards, title)
    written: list[Path] = []
    for source, name in post.images:
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise IssueFormatError(f"cannot read {source}: {exc.strerror or exc}") from None
        target = folder / "images" / name
        _write(target, data)
        written.append(target)
    result = ZhihuExport(folder, folder / "post.md", folder / "post.html",
                         folder / "title.txt", written, post)
    _write(result.post_md, post.markdown)
    _write(result.post_html, html_document(post))
    _write(result.title_txt, post.title + "\n")
    return result


def cli_export(args) -> int:
    """``talkeditor export-zhihu ISSUE.yaml -o DIR [--image-base-url URL] [--no-link-cards]
    [--title TITLE]``.

    Prints what was written; pre-publish warnings go to stderr and do not change the exit
    code (0). Bad input raises IssueFormatError (exit 2 via the CLI).
    """
    from ..storage.files import load_yaml_issue

    _check_base_url(args.image_base_url)
    issue = load_yaml_issue(args.issue)
    result = export_issue(issue, args.output, issue_dir=Path(args.issue).resolve().parent,
                          image_base_url=args.image_base_url,
                          link_cards=bool(args.link_cards),
                          title=getattr(args, "title", None) or None)
    names = ["post.md", "post.html", "title.txt"]
    if result.images:
        names.append(f"images/ ({len(result.images)})")
    print(f"wrote {result.folder}: {', '.join(names)}")
    for item in result.warnings:
        print(f"talkeditor: warning: {item}", file=sys.stderr)
    return 0
