"""Markdown syntax highlighting for the body editor: headings, 【label】 fields, emphasis, links,
code spans and fences, list markers and quotes.

Colours come from the palette, so the highlighting reads in light and dark schemes alike.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

from ...render.markdown_rules import URL_STOP, bare_url_end

# block states: inside a fence opened with backticks / with tildes
_IN_FENCE, _IN_TILDE_FENCE = 1, 2
#: a fence line (indented too: in a list item); a backtick fence's info has no backtick,
#: so ```code``` on one line is inline code (CommonMark 4.5)
_FENCE = re.compile(r"(`{3,})[^`]*$|(~{3,})")
#: a bare URL as the preview links it (it ends at CJK text, full-width punctuation,
#: whitespace or ``<``; trailing ASCII punctuation and unbalanced ``)`` trimmed)
_BARE_URL = re.compile(r"https?://[^\s<" + URL_STOP + r"]+")

_RULES = [
    ("heading", re.compile(r"^#{1,6}\s.*$")),
    ("field", re.compile(r"【[^】\n]{1,40}】")),
    ("list", re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")),
    ("quote", re.compile(r"^\s*>.*$")),
    ("bold", re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__")),
    ("code", re.compile(r"`[^`\n]+`")),
    ("link", re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|<https?://[^>\s]+>")),
]


def _format(color: str, bold: bool = False, italic: bool = False, mono: bool = False):
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if mono:
        fmt.setFontFamilies(["monospace"])
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document, dark: bool = False):
        super().__init__(document)
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        c = {
            "heading": "#7aa2f7" if dark else "#1f4e9a",
            "field": "#e0af68" if dark else "#9a5b00",
            "list": "#9ece6a" if dark else "#2e7d32",
            "quote": "#a9b1d6" if dark else "#5f6b7a",
            "bold": "#c0caf5" if dark else "#202020",
            "code": "#f7768e" if dark else "#b3261e",
            "link": "#7dcfff" if dark else "#0b63c5",
        }
        self._formats = {
            "heading": _format(c["heading"], bold=True),
            "field": _format(c["field"], bold=True),
            "list": _format(c["list"], bold=True),
            "quote": _format(c["quote"], italic=True),
            "bold": _format(c["bold"], bold=True),
            "code": _format(c["code"], mono=True),
            "link": _format(c["link"]),
            "fence": _format(c["code"], mono=True),
        }
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # Qt API
        fence = self.previousBlockState() if self.previousBlockState() in (
            _IN_FENCE, _IN_TILDE_FENCE) else 0
        marks = _FENCE.match(text.lstrip())
        if marks:  # ``` or ~~~ (also in a list item) opens a fence, the same kind closes it
            kind = _IN_FENCE if marks.group(1) else _IN_TILDE_FENCE
            self.setFormat(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(0 if fence == kind else fence or kind)
            return
        if fence:
            self.setFormat(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(fence)
            return
        self.setCurrentBlockState(0)
        for name, pattern in _RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), self._formats[name])
        for match in _BARE_URL.finditer(text):
            if match.start() and text[match.start() - 1] == "<":
                continue  # an autolink <…>, highlighted whole above
            url = bare_url_end(match.group(0))
            self.setFormat(match.start(), len(url), self._formats["link"])
