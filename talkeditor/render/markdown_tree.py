"""Markdown to one ElementTree: the single parse behind the preview, ``render --to html`` and
the Zhihu post.

The parser is markdown-it-py (CommonMark 0.31) with GitHub's tables and strikethrough,
mdit-py-plugins' footnotes, and three rules of our own:

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

from ..storage.yaml_format import IssueFormatError

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


# ---------------------------------------------------------------- bare URLs

#: Characters that end a bare URL besides whitespace and ``<``: CJK ideographs, kana, Hangul,
#: CJK and full-width punctuation (。，；：、！？（）「」『』【】《》), and the general
#: punctuation block (… “ ” ‘ ’ —).
_URL_STOP = ("\u1100-\u11ff\u2010-\u206f\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff"
             "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff")
_URL_RE = re.compile(r"(?i)https?://[a-z0-9_-][^\s<" + _URL_STOP + r"]*")
_SCHEME_TAIL_RE = re.compile(r"(?i)https?$")
_HOST_RE = re.compile(r"[A-Za-z0-9_.-]*")
_AFTER_OK = re.compile(r"[\s*_~(:;,]|[^\x00-\x7f]")
_TRAILING = "?!.,:*_~'\""
_ENTITY_TAIL_RE = re.compile(r"&[A-Za-z0-9]+;$")


def bare_url_end(url: str) -> str:
    """A URL candidate with its trailing punctuation removed by GFM's extended autolink rules
    (GitHub Flavored Markdown spec 0.29, section 6.9 "Autolinks (extension)"): trailing
    ``? ! . , : * _ ~`` (and quotes) are not part of it; a trailing ``)`` is dropped while the
    URL has more ``)`` than ``(``; a trailing ``&name;`` that looks like an entity is dropped."""
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
        elif last == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        elif last == ";" and _ENTITY_TAIL_RE.search(url):
            url = url[:_ENTITY_TAIL_RE.search(url).start()]
        else:
            break
    return url


def _valid_domain(domain: str) -> bool:
    parts = domain.rstrip(".").split(".")
    return len(parts) >= 2 and all(parts) and "_" not in "".join(parts[-2:])


def bare_url_rule(state, silent: bool) -> bool:
    """Inline rule: ``http://`` / ``https://`` URLs in running text become links.

    The reference is GFM's extended autolink rule ("Autolinks (extension)", GitHub Flavored
    Markdown spec 0.29 §6.9): the scheme, a valid domain (segments of letters, digits, ``_``
    and ``-`` separated by periods, at least one period, no ``_`` in the last two segments),
    then any characters up to whitespace or ``<``, less trailing punctuation
    (:func:`bare_url_end`). Two changes for Chinese text, where no space separates a URL from
    the words around it:

    * the URL may start right after any non-ASCII character (``代码：https://…``,
      ``（https://…）``, ``论文标题很长https://…``), not only after whitespace or ``* _ ~ (``
      (ASCII ``:`` ``;`` ``,`` are accepted too); after an ASCII letter or digit it is not a URL;
    * it ends at the first CJK character, CJK or full-width punctuation (。，；：、！？）」』】)
      or general punctuation (… “ ”), as well as at whitespace
      (``https://example.com/paper。下一句`` links ``https://example.com/paper``).

    Like markdown-it's own linkify rule it runs at the ``:`` of the scheme, whose letters are
    still in ``state.pending``; it does nothing inside a link's text.
    """
    pos = state.pos
    src = state.src
    if state.linkLevel > 0 or not src.startswith("://", pos):
        return False
    scheme = _SCHEME_TAIL_RE.search(state.pending)
    if scheme is None:
        return False
    start = pos - len(scheme.group(0))
    if src[start:pos] != scheme.group(0) or (start > 0 and not _AFTER_OK.match(src[start - 1])):
        return False
    match = _URL_RE.match(src, start, state.posMax)
    if match is None:
        return False
    url = bare_url_end(match.group(0))
    if not _valid_domain(_HOST_RE.match(url, len(scheme.group(0)) + 3).group(0)):
        return False
    href = state.md.normalizeLink(url)
    if not state.md.validateLink(href):
        return False
    if not silent:
        state.pending = state.pending[:scheme.start()]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": href}
        token.markup, token.info = "linkify", "auto"
        token = state.push("text", "", 0)
        token.content = state.md.normalizeLinkText(url)
        state.push("link_close", "a", -1).markup = "linkify"
    state.pos = start + len(url)
    return True


_WWW_EMAIL_RE = re.compile(
    r"(?P<www>(?i:www)\.[A-Za-z0-9_-][^\s<" + _URL_STOP + r"]*)"
    r"|(?<![A-Za-z0-9.+_-])(?P<email>[A-Za-z0-9.+_-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)")


def _www_email_pieces(text: str) -> list[tuple[str, str]]:
    """``text`` cut into ``("text", s)`` and ``("link", href, s)`` pieces (see
    :func:`www_email_rule`)."""
    pieces: list[tuple] = []
    position = 0
    for match in _WWW_EMAIL_RE.finditer(text):
        start = match.start()
        if start < position:
            continue
        before = text[start - 1] if start else ""
        if match.group("www"):
            if before and not _AFTER_OK.match(before):
                continue
            url = bare_url_end(match.group("www"))
            if not _valid_domain(_HOST_RE.match(url).group(0)):
                continue
            href = "http://" + url
        else:
            if before and (before.isascii() and (before.isalnum() or before in "+-._/")):
                continue
            url = match.group("email")
            if url[-1] in "-_.":
                continue
            href = "mailto:" + url
        pieces.append(("text", text[position:start]))
        pieces.append(("link", href, url))
        position = start + len(url)
    if pieces:
        pieces.append(("text", text[position:]))
    return pieces


def www_email_rule(state) -> None:
    """Core rule: ``www.`` addresses and e-mail addresses in text become links, by the same
    GFM extended autolink rules as :func:`bare_url_rule` (``www.`` needs a valid domain and is
    linked as ``http://``; an e-mail address is letters, digits and ``.+-_`` before ``@`` and a
    domain after it, not ending in ``-`` or ``_``), with the same changes for Chinese text.
    Runs over the text tokens after inline parsing, outside links."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, out, in_link = block.children, [], 0
        for token in children:
            if token.type == "link_open":
                in_link += 1
            elif token.type == "link_close":
                in_link -= 1
            pieces = _www_email_pieces(token.content) \
                if token.type == "text" and not in_link and ("www" in token.content.lower()
                                                             or "@" in token.content) else []
            if not pieces:
                out.append(token)
                continue
            for piece in pieces:
                if piece[0] == "text":
                    if piece[1]:
                        text = token.__class__("text", "", 0)
                        text.content, text.level = piece[1], token.level
                        out.append(text)
                    continue
                opening = token.__class__("link_open", "a", 1)
                opening.attrs, opening.markup, opening.info = {"href": piece[1]}, "linkify", "auto"
                opening.level = token.level
                text = token.__class__("text", "", 0)
                text.content, text.level = piece[2], token.level + 1
                closing = token.__class__("link_close", "a", -1)
                closing.markup, closing.level = "linkify", token.level
                out.extend((opening, text, closing))
        block.children = out


# ---------------------------------------------------------------- math

_MATH_BODY = r"(?:\\.|[^$\\])+?"
_INLINE_MATH_RE = re.compile(r"\$\$(?P<d>" + _MATH_BODY + r")\$\$"
                             r"|\$(?![\s$])(?P<s>" + _MATH_BODY + r")(?<![\s\\])\$(?!\d)")


def math_inline_rule(state, silent: bool) -> bool:
    """``$tex$`` and ``$$tex$$`` inside a paragraph. Pandoc's rule keeps dollar amounts text:
    the opening ``$`` is followed by a non-space, the closing one preceded by a non-space and
    not followed by a digit; ``\\$`` (handled by the escape rule) is a literal dollar."""
    pos = state.pos
    src = state.src
    if src[pos] != "$" or (pos > 0 and src[pos - 1] in "\\$"):
        return False
    match = _INLINE_MATH_RE.match(src, pos, state.posMax)
    if match is None:
        return False
    if not silent:
        token = state.push("math_inline", "", 0)
        token.content = match.group("d") or match.group("s")
        token.markup = "$$" if match.group("d") else "$"
    state.pos = match.end()
    return True


def _closing_dollars(text: str, start: int = 0) -> int:
    index = start
    while True:
        index = text.find("$$", index)
        if index < 0 or index == 0 or text[index - 1] != "\\":
            return index
        index += 2


def math_block_rule(state, start_line: int, end_line: int, silent: bool) -> bool:
    """A paragraph that starts with ``$$`` and closes it, possibly after blank lines; nothing
    may follow the closing ``$$`` on its line. It does not interrupt a paragraph."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("$$", begin):
        return False
    lines: list[str] = []
    line = start_line
    while line < end_line:
        first = state.bMarks[line] + (state.tShift[line] if line == start_line else 0)
        if line > start_line and state.sCount[line] < state.blkIndent \
                and not state.isEmpty(line):
            return False
        text = state.src[first:state.eMarks[line]]
        if line == start_line:
            text = text[2:]
        lines.append(text)
        end = _closing_dollars(text)
        if end >= 0:
            break
        line += 1
    else:
        return False
    tex = "\n".join(lines)
    cut = len(tex) - len(lines[-1]) + end
    if tex[cut + 2:].strip() or not tex[:cut].strip():
        return False
    if not silent:
        token = state.push("math_block", "", 0)
        token.content = tex[:cut]
        token.map = [start_line, line + 1]
    state.line = line + 1
    return True


# ---------------------------------------------------------------- emphasis next to CJK

_CJK_RE = re.compile("[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                     "\uff00-\uffef\U00020000-\U0003ffff]")


def _is_cjk(char: str) -> bool:
    return bool(_CJK_RE.match(char))


def cjk_emphasis_rule(state, silent: bool) -> bool:
    """Inline rule in place of markdown-it's ``emphasis`` tokenizer: ``*`` and ``_`` delimiter
    runs, with CommonMark's flanking rules made CJK-friendly as proposed by the "CJK-friendly
    amendments for CommonMark" (github.com/tats-u/markdown-cjk-friendly): next to a CJK
    character (ideographs, kana, CJK and full-width punctuation) a delimiter run may open or
    close although the character on its other side is punctuation, so ``读了**《书名》**之后``
    is bold as Chinese writers mean (plain CommonMark leaves the asterisks). Only ``*`` runs
    get this (an ``_`` next to Chinese is more often part of a name than emphasis); where no
    CJK character touches the run, the result is exactly CommonMark's (``state.scanDelims``)."""
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
    from markdown_it.rules_inline.state_inline import Delimiter

    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", "*"):
        return False
    scanned = state.scanDelims(start, marker == "*")
    can_open, can_close, length = scanned.can_open, scanned.can_close, scanned.length
    before = state.src[start - 1] if start > 0 else " "
    after = state.src[start + length] if start + length < state.posMax else " "
    if marker == "*" and not (can_open and can_close) and (_is_cjk(before) or _is_cjk(after)):
        def punct(ch: str) -> bool:
            return isMdAsciiPunct(ord(ch)) or isPunctChar(ch)

        before_blocks = punct(before) and not _is_cjk(before)
        after_blocks = punct(after) and not _is_cjk(after)
        before_allows = punct(before) or _is_cjk(before)
        after_allows = punct(after) or _is_cjk(after)
        space_before, space_after = isWhiteSpace(ord(before)), isWhiteSpace(ord(after))
        left = not space_after and (not after_blocks or space_before or before_allows)
        right = not space_before and (not before_blocks or space_after or after_allows)
        can_open, can_close = left, right
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(Delimiter(
            marker=ord(marker), length=length, token=len(state.tokens) - 1, end=-1,
            open=can_open, close=can_close))
    state.pos += length
    return True


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
    return md


_SCANNING = re.compile(r"[\[\]*_<`~$]")


def render_cost(text: str) -> int:
    """A rough measure of the parser's work for ``text``, for deciding where to run it: its
    length plus 40 for each character whose rules scan ahead (brackets, emphasis, code,
    angle brackets, tildes, dollars). Ordinary prose costs about its length; 6,000 unmatched
    ``[`` cost like 246,000 characters of prose, as measured."""
    return len(text) + 40 * len(_SCANNING.findall(text))


def check_limits(text: str) -> None:
    """Raise :class:`MarkdownLimitError` if ``text`` is longer than :data:`MAX_CHARS`."""
    if len(text) > MAX_CHARS:
        raise MarkdownLimitError(
            f"the Markdown has {len(text):,} characters; at most {MAX_CHARS:,} are rendered",
            "chars", MAX_CHARS)


def parse(text: str) -> etree.Element:
    """Markdown -> a ``div`` whose children are the blocks (see the module docstring).

    Raises :class:`MarkdownLimitError` beyond :data:`MAX_CHARS` characters or
    :data:`MAX_NESTING` levels of nested blocks (quotes, lists).
    """
    check_limits(text)
    tokens = parser().parse(text)
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
                self.open("li", {"id": f"fn:{token.meta['label']}"})
            elif kind == "footnote_anchor":
                self.add_text(self.stack[-1], "\xa0")
                etree.SubElement(self.stack[-1], "a", {
                    "class": "footnote-backref",
                    "href": f"#fnref:{token.meta['label']}"}).text = "\u21a9"
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
                label = token.meta["label"]
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
        out.append(_escape(element.text or ""))
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
