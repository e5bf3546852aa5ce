"""Zhihu export: the post's title, ``post.html`` (to paste), ``post.md`` (for 导入文档),
``title.txt`` and the local images in ``images/`` — plus the pre-publish check.

The issue's Markdown (:mod:`talkeditor.zhihu.issue_text`: its sections without the title line
and without optional sections left empty) is parsed once by :mod:`talkeditor.zhihu.transform`
into a tree in Zhihu's dialect; the HTML, the Markdown and the plain text are all written from
that tree. The title and its checks live in :mod:`talkeditor.zhihu.title` (re-exported here).
Pure Python, no Qt.

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
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from .. import errors
from ..errors import IssueFormatError
from ..model import Issue
from ..paths import IMAGE_SUFFIXES
from ..progress import Progress, part, report
from ..render.title import one_line
from ..storage.files import atomic_write, unique_file_name
from . import check as zhihu_check
from . import transform
from .check import Locator, ZhihuWarning, warning
from .html import to_html, to_plain_text
from .issue_text import SECTION_SEP, issue_body_markdown, issue_text
from .markdown import to_markdown
from .title import (
    check_full_title,
    check_issue_title,
    proposed_title,
    shorten_title,
    zhihu_title,
)

__all__ = ["ZhihuExport", "ZhihuPost", "ZhihuWarning", "build_post", "check_base_url",
           "export_issue", "issue_body_markdown", "markdown_to_zhihu", "markdown_to_zhihu_html",
           "precheck", "zhihu_title", "proposed_title", "shorten_title", "check_full_title",
           "check_issue_title", "SECTION_SEP"]



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
        name = unique_file_name(path.name, set(self.names.values()))
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
             extra: list[ZhihuWarning] = (), progress: Progress | None = None) -> ZhihuPost:
    check_base_url(image_base_url)
    images = _Images(base_dir, image_base_url)
    try:
        parsed = transform.parse(text, transform.Options(
            link_cards=link_cards, skip_title=skip_title, on_image=images.resolve),
            part(progress, 0.0, 0.7))
    except RecursionError:
        raise IssueFormatError("the Markdown is nested too deeply to export",
                               code=errors.MARKDOWN_TOO_DEEP) from None
    report(progress, 0.7)
    locator = Locator(text, where)
    found: list[tuple[int, ZhihuWarning]] = []
    for item in parsed.warnings:
        index = locator.find(item.needle) if item.needle else None
        placed = locator.at(item, index) if index is not None else item
        found.append((index if index is not None else len(locator.lines), placed))
    report(progress, 0.75)
    for index, chars in zhihu_check.find_emoji(text):
        found.append((index, locator.at(warning("emoji", chars), index)))
    report(progress, 0.8)
    raw_html: list[tuple[str, str]] = []
    markdown = to_markdown(parsed.root, parsed.footnotes, raw_html)
    for kind, content in raw_html:
        if kind == "math":
            tex = content.removesuffix("\\\\")
            source = tex.replace("\\lt ", "<").replace("\\gt ", ">")
            item = warning("md-raw-html", tex, (tex[:15], source[:15]), kind="math")
        else:
            plain = content.replace("\\", "")
            item = warning("md-raw-html", f"<{kind}>{plain[:30]}</{kind}>", (plain[:15],),
                           kind="html")
        index = locator.find(item.needle)
        found.append((index if index is not None else len(locator.lines),
                      locator.at(item, index) if index is not None else item))
    found.sort(key=lambda pair: pair[0])
    report(progress, 0.85)
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
               title: str | None = None, progress: Progress | None = None) -> ZhihuPost:
    """The issue as a Zhihu post, in memory; local images resolve against ``issue_dir``.

    ``title`` is the title chosen by the host; None takes :func:`proposed_title`.
    ``progress`` hears the fraction done and may raise Cancelled (:mod:`talkeditor.progress`);
    nothing is written here.
    """
    report(progress, 0.0)
    document = issue_text(issue)
    chosen = proposed_title(issue) if title is None else one_line(title)
    post = _convert(document.text, base_dir=issue_dir, image_base_url=image_base_url,
                    link_cards=link_cards, skip_title=False, where=document.where,
                    extra=check_issue_title(issue, chosen) + document.warnings,
                    progress=part(progress, 0.1, 1.0))
    post.title = chosen
    report(progress, 1.0)
    return post


def precheck(issue: Issue, issue_dir: str | os.PathLike | None = None,
             image_base_url: str | None = None, link_cards: bool = False,
             title: str | None = None,
             progress: Progress | None = None) -> list[ZhihuWarning]:
    """What would break or vanish on Zhihu (see :mod:`talkeditor.zhihu.check`); ``progress``
    as in :func:`build_post`."""
    return build_post(issue, issue_dir, image_base_url, link_cards, title, progress).warnings


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
    atomic_write(path, data, backup=False)


def check_base_url(image_base_url: str | None) -> None:
    """IssueFormatError unless ``image_base_url`` is empty or an http(s) address."""
    if image_base_url and zhihu_check.url_scheme(image_base_url) not in ("http", "https"):
        raise IssueFormatError(
            f"the image base URL must be an http(s) address, not {image_base_url!r}",
            code=errors.BAD_IMAGE_BASE, data={"url": image_base_url})


def export_issue(issue: Issue, out_dir: str | os.PathLike,
                 issue_dir: str | os.PathLike | None = None,
                 image_base_url: str | None = None, link_cards: bool = False,
                 title: str | None = None, progress: Progress | None = None) -> ZhihuExport:
    """Write ``post.md``, ``post.html``, ``title.txt`` and ``images/`` into ``out_dir``.

    ``title`` is the one the host chose (written to ``title.txt``); None takes
    :func:`proposed_title`. ``progress`` hears the fraction done while the post is built and
    may raise Cancelled then, before any file is written; the writing itself (a few files)
    is not interrupted, so a Cancel never leaves half an export.

    Every file is written atomically; files already in ``out_dir`` are replaced, never
    deleted. An output path that is not a folder, an unreadable image or a bad base URL
    raise :class:`IssueFormatError`; a file that cannot be written raises :class:`WriteError`.
    """
    check_base_url(image_base_url)
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise IssueFormatError(f"{folder} exists and is not a folder", code=errors.NOT_A_FOLDER,
                               data={"path": str(folder), "name": folder.name})
    post = build_post(issue, issue_dir, image_base_url, link_cards, title,
                      part(progress, 0.0, 0.9))
    written: list[Path] = []
    for source, name in post.images:
        try:
            data = source.read_bytes()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise IssueFormatError(f"cannot read {source}: {reason}", code=errors.CANNOT_READ,
                                   data={"path": str(source), "name": source.name,
                                         "reason": reason}) from None
        target = folder / "images" / name
        _write(target, data)
        written.append(target)
    result = ZhihuExport(folder, folder / "post.md", folder / "post.html",
                         folder / "title.txt", written, post)
    _write(result.post_md, post.markdown)
    _write(result.post_html, html_document(post))
    _write(result.title_txt, post.title + "\n")
    return result
