"""The tags and attributes a Zhihu post may carry, and raw HTML reduced to them.

Zhihu's editor keeps a narrow set of markup: paragraphs, two heading levels, bold, italic,
inline code, links (and link cards), images (and equation images), lists, quotes, code blocks,
bare tables, rules and reference superscripts. Everything else is filtered when the post is
pasted or imported, often with its text. Raw HTML written inside an issue's Markdown is parsed
here with :mod:`html.parser` into ElementTree elements: known tags are mapped onto that set,
layout tags (``div``, ``span``, ``font`` …) are unwrapped keeping their text, and active or
embedded content (``script``, ``style``, ``iframe`` …) is dropped with everything inside it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser

#: Every tag allowed in the exported HTML, with the attributes it may carry.
ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "p": frozenset(), "br": frozenset(), "h2": frozenset(), "h3": frozenset(),
    "strong": frozenset(), "em": frozenset(), "code": frozenset(), "hr": frozenset(),
    "a": frozenset({"href", "data-draft-node", "data-draft-type"}),
    "img": frozenset({"src", "alt", "eeimg"}),
    "figure": frozenset(), "figcaption": frozenset(),
    "ul": frozenset(), "ol": frozenset(), "li": frozenset(), "blockquote": frozenset(),
    "pre": frozenset({"lang"}),
    "table": frozenset(), "tbody": frozenset(), "tr": frozenset(), "th": frozenset(),
    "td": frozenset(),
    "sup": frozenset({"data-text", "data-url", "data-draft-node", "data-draft-type",
                      "data-numero"}),
}
ALLOWED_TAGS = frozenset(ALLOWED_ATTRS)

#: Dropped together with their content.
DROP_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "template", "svg", "math", "canvas", "audio", "video", "form", "button", "select",
    "textarea", "head", "title", "dialog", "map", "noembed", "noframes", "xmp", "plaintext"})
#: Dropped, having no content.
_DROP_VOID = frozenset({"input", "meta", "link", "base", "param", "source", "track", "area",
                        "col", "wbr", "keygen", "colgroup"})
_VOID = frozenset({"br", "img", "hr"}) | _DROP_VOID

#: Mapped onto an allowed (or transform-handled) tag. ``div`` is a block container that the
#: transform flattens; ``h1``–``h6``, ``thead``/``tfoot`` are handled by the transform.
_RENAME = {"b": "strong", "i": "em", "tt": "code", "kbd": "code", "samp": "code",
           "section": "div", "article": "div", "aside": "div", "header": "div",
           "footer": "div", "main": "div", "nav": "div", "center": "div", "figure": "div",
           "figcaption": "div", "dl": "div", "dt": "div", "dd": "div", "details": "div",
           "summary": "div", "address": "div", "body": "div", "html": "div"}
_KEEP = (ALLOWED_TAGS | {"div", "h1", "h4", "h5", "h6", "thead", "tfoot"}) \
    - {"sup", "figure", "figcaption"}

#: Attributes kept while parsing (the transform reads them, then strips what Zhihu drops).
_PARSE_ATTRS = {"a": ("href",), "img": ("src", "alt", "eeimg", "title"), "ol": ("start",),
                "code": ("class",), "pre": ("lang",)}

#: Deeper raw HTML is flattened (keeps the tree walk far from Python's recursion limit).
MAX_DEPTH = 48

_ENTITY_RE = re.compile(r"^&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?$")
_TAG_RE = re.compile(r"^<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)")


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = etree.Element("div")
        self.stack = [self.root]
        self.skip: list[str] = []
        self.dropped: list[str] = []

    # text goes to the last child's tail or the current element's text
    def _append_text(self, text: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.append(tag)
            return
        if tag in DROP_TAGS:
            self.skip.append(tag)
            self.dropped.append(tag)
            return
        if tag in _DROP_VOID:
            return
        name = _RENAME.get(tag, tag)
        if name not in _KEEP or len(self.stack) > MAX_DEPTH:
            return  # unwrapped: its text flows into the parent
        element = etree.SubElement(self.stack[-1], name)
        for key, value in attrs:
            if key in _PARSE_ATTRS.get(name, ()) and value is not None:
                element.set(key, value)
        if name not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        name = _RENAME.get(tag, tag)
        if name not in _VOID and not self.skip and len(self.stack) > 1 \
                and self.stack[-1].tag == name:
            self.stack.pop()

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        name = _RENAME.get(tag, tag)
        if name in _VOID or name not in _KEEP:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == name:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self.skip:
            self._append_text(data)

    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass


def parse_fragment(text: str) -> tuple[etree.Element, list[str]]:
    """Raw HTML as a ``div`` holding the kept elements, and the dangerous tags dropped."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root, builder.dropped


def inline_fragment(text: str) -> tuple[str | etree.Element, list[str]]:
    """One stashed inline HTML piece (a single tag, an entity or a comment).

    Returns the text it stands for (an entity's character, or "" for a dropped tag) or an
    element (``br``, ``img``), and the dangerous tags dropped.
    """
    stripped = text.strip()
    if _ENTITY_RE.match(stripped):
        return html.unescape(stripped), []
    match = _TAG_RE.match(stripped)
    if match and not match.group(1):
        name = match.group(2).lower()
        if name in ("br", "img"):
            root, dropped = parse_fragment(stripped)
            if len(root):
                element = root[0]
                element.tail = None
                return element, dropped
        if name in DROP_TAGS:
            return "", [name]
        return "", []
    if match or stripped.startswith("<!") or stripped.startswith("<?"):
        return "", []
    # Anything else the stash holds is a whole fragment: keep its text.
    root, dropped = parse_fragment(text)
    return "".join(root.itertext()), dropped


# ---------------------------------------------------------------- what raw HTML loses

#: Formatting Zhihu has no place for: the text stays, the formatting goes.
FORMAT_LOST = frozenset({"del", "s", "strike", "u", "ins", "mark", "small", "big", "abbr",
                         "font", "input"})
_STYLED = frozenset({"span", "div", "p", "font"})
_MARKDOWN_IN_HTML_RE = re.compile(r"\*\*[^*\s][^*]*\*\*|!?\[[^\]\n]+\]\([^)\s]+\)|`[^`\n]+`")


class _LossFinder(HTMLParser):
    def __init__(self, block: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.block = block
        self.skip: list[str] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.append(tag)
            return
        if tag in DROP_TAGS:
            self.skip.append(tag)  # reported as "raw-html" by the converter
            return
        names = {name for name, _value in attrs}
        if tag in ("sup", "sub"):
            self.found.append(("sup-sub", tag))
        elif tag in FORMAT_LOST or (tag in _STYLED and names & {"style", "color"}):
            self.found.append(("html-format", tag))

    def handle_endtag(self, tag):
        if self.skip and tag == self.skip[-1]:
            self.skip.pop()

    def handle_comment(self, data):
        if data.strip() and not self.skip:
            self.found.append(("html-comment", " ".join(data.split())))

    def handle_data(self, data):
        if self.block and not self.skip:
            for match in _MARKDOWN_IN_HTML_RE.finditer(data):
                self.found.append(("html-markdown", match.group(0)))


def raw_losses(text: str, block: bool = False) -> list[tuple[str, str]]:
    """What a piece of raw HTML loses on its way to Zhihu, as ``(code, subject)`` pairs for
    the pre-publish check (codes in :mod:`talkeditor.zhihu.check`): ``sup-sub`` (the text
    stays, raised or lowered no more), ``html-format`` (strike-through, underline, colour …),
    ``html-comment`` (a comment's text), and for a ``block`` of HTML ``html-markdown``
    (Markdown inside it is not parsed). Dangerous tags are left to the converter's
    ``raw-html`` finding. Each tag is named once per piece."""
    finder = _LossFinder(block)
    finder.feed(text)
    finder.close()
    return list(dict.fromkeys(finder.found))
