"""Markdown to one ElementTree: the single parse behind the preview, ``render --to html`` and
the Zhihu post.

The parser is markdown-it-py (CommonMark 0.31) with GitHub's tables and strikethrough,
mdit-py-plugins' footnotes, and three rules of our own (in :mod:`.markdown_rules`):

* **bare URLs** become links by GFM's extended autolink rules, adapted to Chinese text (see
  :func:`bare_url_rule`): a URL may follow Chinese text directly and ends at the first CJK
  character or full-width punctuation; ``www.`` and e-mail addresses too
  (:func:`www_email_rule`);
* **inline math** ``$…$`` / ``$$…$$`` (pandoc's rule, so dollar amounts stay text) and **block
  math** (a paragraph that starts with ``$$`` and closes it, possibly after blank lines);
* one typed line is one line (``breaks``), as the issues are written line by line;
* emphasis next to Chinese text by the CJK-friendly flanking rules
  (:func:`cjk_emphasis_rule`): ``**《书名》**`` is bold.

The tokens are built into an :class:`xml.etree.ElementTree.Element` (a ``div``) whose elements
are ordinary HTML tags, plus two of our own: ``x-math`` (text = TeX, ``display="1"`` for display
math) and ``x-raw`` (text = raw HTML as written, ``block="1"`` for an HTML block). Footnotes
take Python-Markdown's shape (``sup > a.footnote-ref`` and a closing ``div.footnote``) so that
the Zhihu transform reads them unchanged. :func:`to_html` writes the tree as the preview's HTML.

Limits: the input may have at most :data:`MAX_CHARS` characters and nest containers at most
:data:`MAX_NESTING` deep (a list level counts two: list and item); beyond them
:class:`MarkdownLimitError` says so (markdown-it would otherwise drop what is nested deeper).
Parsing time is linear in the input.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache

from ..errors import IssueFormatError
from ..progress import Progress, report
from .markdown_rules import (
    bare_url_rule,
    cjk_emphasis_rule,
    math_block_rule,
    math_inline_rule,
    www_email_rule,
)

MAX_CHARS = 1_000_000
MAX_NESTING = 60
MATH, RAW = "x-math", "x-raw"

#: inline raw HTML whose content is not Markdown text: kept as one ``x-raw`` with its content
RAW_TEXT_TAGS = frozenset({
    "script", "style", "iframe", "object", "embed", "applet", "noscript", "template", "svg",
    "math", "canvas", "audio", "video", "textarea", "title", "xmp", "noembed", "noframes"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "wbr", "area", "base",
                   "source", "track", "param", "embed"})
_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
                         "blockquote", "pre", "table", "thead", "tbody", "tr", "th", "td",
                         "hr", "div"})


class MarkdownLimitError(IssueFormatError):
    """The Markdown is longer or nested deeper than the renderer accepts (message says which).
    An IssueFormatError, so the CLI prints it on one line and exits 2. ``kind`` is ``"chars"``
    or ``"nesting"``; ``limit`` the limit that was passed."""

    def __init__(self, message: str, kind: str, limit: int):
        super().__init__(message)
        self.kind = kind
        self.limit = limit


# ---------------------------------------------------------------- the parser


@lru_cache(maxsize=1)
def parser():
    """The configured markdown-it parser (built once; parsing does not change it)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"breaks": True, "html": True,
                                   "maxNesting": MAX_NESTING + 2})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    # Every link stays a link in the tree: the consumers decide (the preview opens only
    # http(s)/mailto, the Zhihu transform turns other schemes into text with a warning).
    md.validateLink = lambda _url: True
    md.inline.ruler.at("emphasis", cjk_emphasis_rule)
    md.inline.ruler.before("linkify", "bare_url", bare_url_rule)
    md.inline.ruler.before("escape", "math_inline", math_inline_rule)
    md.block.ruler.before("paragraph", "math_block", math_block_rule)
    md.core.ruler.after("text_join", "www_email", www_email_rule)
    md.core.ruler.at("inline", _inline_reporting)
    return md


def _inline_reporting(state) -> None:
    """markdown-it's core "inline" rule (parse each block's inline content), reporting to the
    ``progress`` in ``env`` (if any) every 256 blocks, from 0.3 (blocks parsed) to 0.9."""
    progress = state.env.get("progress") if isinstance(state.env, dict) else None
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if progress is not None and i & 255 == 0:
            report(progress, 0.3 + 0.6 * i / len(tokens))
        if token.type == "inline":
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


#: markdown-it's inline "text" rule stops at these characters and tries every inline rule
#: there: entities, escapes, headings' and tables' marks … (40 each); emphasis, code, math,
#: autolinks and images (80 each); link starts (``:`` of a scheme, ``@``, ``www.``: 300
#: each) and brackets (links, images, footnotes: 600 each) cost most
_SCANNING = re.compile(r"[#%&+\-=>^{}|\\]")
_DELIMITERS = re.compile(r"[*_~`$<!]")
_LINK_STARTS = re.compile(r"[:@]|www\.")
_BRACKETS = re.compile(r"[\[\]]")


def render_cost(text: str) -> int:
    """A rough measure of the parser's work for ``text`` in microseconds, for deciding where
    to run it: its length, plus 200 for each line (every line goes through the block rules)
    and a weight for each character where the inline rules stop to look (see
    ``_SCANNING``). Measured on a shared 2-core machine: inputs costing 150,000 (600 short
    list lines, 250 ``[``, 1,000 bare URLs, 150,000 characters of prose …) render in 20 to
    200 ms. (Counting only characters and brackets, 4,400 pasted list lines cost 38,000 and
    took 3 s.)"""
    return (len(text) + 200 * text.count("\n") + 40 * len(_SCANNING.findall(text))
            + 80 * len(_DELIMITERS.findall(text)) + 300 * len(_LINK_STARTS.findall(text))
            + 600 * len(_BRACKETS.findall(text)))


def check_limits(text: str) -> None:
    """Raise :class:`MarkdownLimitError` if ``text`` is longer than :data:`MAX_CHARS`."""
    if len(text) > MAX_CHARS:
        raise MarkdownLimitError(
            f"the Markdown has {len(text):,} characters; at most {MAX_CHARS:,} are rendered",
            "chars", MAX_CHARS)


def parse(text: str, progress: Progress | None = None) -> etree.Element:
    """Markdown -> a ``div`` whose children are the blocks (see the module docstring).

    Raises :class:`MarkdownLimitError` beyond :data:`MAX_CHARS` characters or
    :data:`MAX_NESTING` levels of nested blocks (quotes, lists). ``progress`` hears the
    fraction done and may raise Cancelled (:mod:`talkeditor.progress`).
    """
    check_limits(text)
    report(progress, 0.0)
    tokens = parser().parse(text, {"progress": progress} if progress is not None else None)
    if any(t.level > MAX_NESTING for t in tokens):
        raise MarkdownLimitError(
            f"the Markdown nests quotes or lists more than {MAX_NESTING} levels deep "
            "(a list counts two: the list and its item)", "nesting", MAX_NESTING)
    return _Builder().build(tokens)


class _Builder:
    def __init__(self) -> None:
        self.root = etree.Element("div")
        self.stack = [self.root]

    # -- text helpers
    @staticmethod
    def add_text(parent: etree.Element, text: str) -> None:
        if not text:
            return
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    def open(self, tag: str, attrs: dict | None = None) -> etree.Element:
        element = etree.SubElement(self.stack[-1], tag, attrs or {})
        self.stack.append(element)
        return element

    def close(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()

    # -- blocks
    def build(self, tokens) -> etree.Element:
        for token in tokens:
            kind = token.type
            if kind == "inline":
                self.inline(self.stack[-1], token.children or [])
            elif kind in ("paragraph_open", "paragraph_close") and token.hidden:
                continue  # tight list item: its text goes straight into the <li>
            elif kind == "heading_open" or kind in _SIMPLE_OPEN:
                self.open(token.tag, self.block_attrs(token))
            elif kind == "ordered_list_open":
                start = token.attrs.get("start")
                self.open("ol", {"start": str(start)} if start not in (None, 1, "1") else {})
            elif kind == "footnote_block_open":
                self.open("div", {"class": "footnote"})
                etree.SubElement(self.stack[-1], "hr")
                self.open("ol")
            elif kind == "footnote_block_close":
                self.close()
                self.close()
            elif kind == "footnote_open":
                self.open("li", {"id": f"fn:{_footnote_label(token.meta)}"})
            elif kind == "footnote_anchor":
                self.add_text(self.stack[-1], "\xa0")
                etree.SubElement(self.stack[-1], "a", {
                    "class": "footnote-backref",
                    "href": f"#fnref:{_footnote_label(token.meta)}"}).text = "\u21a9"
            elif token.nesting == -1:
                self.close()
            elif kind in ("fence", "code_block"):
                self.code(token)
            elif kind == "hr":
                etree.SubElement(self.stack[-1], "hr")
            elif kind == "html_block":
                etree.SubElement(self.stack[-1], RAW, {"block": "1"}).text = token.content
            elif kind == "math_block":
                paragraph = etree.SubElement(self.stack[-1], "p")
                etree.SubElement(paragraph, MATH, {"display": "1"}).text = token.content
        return self.root

    @staticmethod
    def block_attrs(token) -> dict:
        style = token.attrs.get("style") if token.attrs else None
        return {"style": str(style)} if style else {}

    def code(self, token) -> None:
        pre = etree.SubElement(self.stack[-1], "pre")
        code = etree.SubElement(pre, "code")
        from markdown_it.common.utils import unescapeAll

        info = unescapeAll(token.info).strip()
        lang = info.split(maxsplit=1)[0] if info else ""
        if lang:
            code.set("class", "language-" + lang)
        code.text = token.content

    # -- inline
    def inline(self, parent: etree.Element, children) -> None:
        stack = [parent]
        index = 0
        while index < len(children):
            token = children[index]
            kind = token.type
            top = stack[-1]
            if kind == "text":
                self.add_text(top, token.content)
            elif kind in ("softbreak", "hardbreak"):
                etree.SubElement(top, "br")
            elif kind == "code_inline":
                etree.SubElement(top, "code").text = token.content
            elif kind == "math_inline":
                etree.SubElement(top, MATH, {"marks": token.markup}).text = token.content
            elif kind == "image":
                alt = "".join("\n" if c.type in ("softbreak", "hardbreak") else c.content
                              for c in token.children or [] if c.type in (
                                  "text", "code_inline", "softbreak", "hardbreak", "image"))
                attrs = {"src": str(token.attrs.get("src", "")), "alt": alt}
                if token.attrs.get("title"):
                    attrs["title"] = str(token.attrs["title"])
                etree.SubElement(top, "img", attrs)
            elif kind == "footnote_ref":
                label = _footnote_label(token.meta)
                sup = etree.SubElement(top, "sup", {"id": f"fnref:{label}"})
                etree.SubElement(sup, "a", {"class": "footnote-ref",
                                            "href": f"#fn:{label}"}).text = \
                    str(token.meta["id"] + 1)
            elif kind == "html_inline":
                index = self.raw_inline(top, children, index)
            elif token.nesting == 1:
                attrs = {k: str(v) for k, v in (token.attrs or {}).items()
                         if k in ("href", "title")}
                stack.append(etree.SubElement(top, token.tag or "span", attrs))
            elif token.nesting == -1 and len(stack) > 1:
                stack.pop()
            index += 1

    def raw_inline(self, parent: etree.Element, children, index: int) -> int:
        """An inline HTML tag; ``<script>…</script>`` and its kin become one raw piece with
        their content (which is not Markdown text). Returns the last token index used."""
        raw = children[index].content
        match = re.match(r"<([A-Za-z][A-Za-z0-9-]*)", raw)
        if match and match.group(1).lower() in RAW_TEXT_TAGS and not raw.endswith("/>"):
            closing = re.compile(r"</" + re.escape(match.group(1)) + r"\s*>", re.I)
            for end in range(index + 1, len(children)):
                token = children[end]
                if token.type == "html_inline" and closing.fullmatch(token.content):
                    raw = "".join(_token_source(t) for t in children[index:end + 1])
                    index = end
                    break
        etree.SubElement(parent, RAW).text = raw
        return index


_SIMPLE_OPEN = frozenset({
    "paragraph_open", "bullet_list_open", "list_item_open", "blockquote_open", "table_open",
    "thead_open", "tbody_open", "tr_open", "th_open", "td_open"})


def _token_source(token) -> str:
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.type == "code_inline":
        return token.markup + token.content + token.markup
    return token.content or token.markup or ""


# ---------------------------------------------------------------- HTML for the preview


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attrs(element: etree.Element) -> str:
    return "".join(f' {name}="{html.escape(value)}"' for name, value in element.items())


def _element_html(element: etree.Element, out: list[str]) -> None:
    tag = element.tag
    if tag == RAW:
        out.append((element.text or "").rstrip("\n") if element.get("block") else
                   element.text or "")
    elif tag == MATH:
        tex = element.text or ""
        marks = "$$" if element.get("display") else element.get("marks") or "$"
        out.append(f'<span class="math">{_escape(marks + tex + marks)}</span>')
    elif tag in _VOID:
        out.append(f"<{tag}{_attrs(element)}>")
    else:
        out.append(f"<{tag}{_attrs(element)}>")
        out.append(_escape(_task_box(element.text or "") if tag == "li" else element.text or ""))
        block = tag in _BLOCK_TAGS and tag not in ("p", "pre", "th", "td", "li") \
            and not tag.startswith("h")
        for child in element:
            if block and child.tag in _BLOCK_TAGS:
                out.append("\n")
            _element_html(child, out)
            out.append(_escape(child.tail or ""))
        if block and len(element):
            out.append("\n")
        out.append(f"</{tag}>")


_TASK_RE = re.compile(r"\[([ xX])\](?=\s)")


def _task_box(text: str) -> str:
    """A GFM task item's ``[ ]`` / ``[x]`` as ☐ / ☑ (the preview cannot show a checkbox; the
    Zhihu post writes the same characters)."""
    match = _TASK_RE.match(text)
    if match is None:
        return text
    return ("☐" if match.group(1) == " " else "☑") + text[match.end():]


def to_html(root: etree.Element) -> str:
    """The tree as an HTML fragment: one block per line, raw HTML as written, math as its TeX
    (the preview loads nothing remote, so no equation images)."""
    out: list[str] = []
    for child in root:
        _element_html(child, out)
        out.append("\n")
    if root.text and root.text.strip():
        out.insert(0, _escape(root.text))
    return "".join(out)


def markdown_to_html(text: str) -> str:
    """Markdown -> the preview's HTML fragment (see :func:`parse` for the errors raised)."""
    return to_html(parse(text))


def _footnote_label(meta: dict) -> str:
    """A footnote's label; an inline footnote (``^[text]``) has none: ``inline-N``."""
    label = meta.get("label")
    return str(label) if label is not None else f"inline-{meta['id'] + 1}"
