"""Markdown syntax highlighting for the body editor: headings, 【label】 fields, emphasis, links,
code spans and fences, list markers and quotes.

Colours come from the palette, so the highlighting reads in light and dark schemes alike.

Cost does not grow with the section: in a body of more than ``WINDOW_BLOCKS`` lines only the
lines near what the editor shows (``visible``, given by the editor) are highlighted; the
others only carry the "inside a code fence" state (one ``startswith``), and
``highlight_visible()`` (the editor calls it when it scrolls or repaints) highlights the
lines that come into view. A block's state is ``_IN_FENCE`` (bit 0) plus ``_DONE`` (bit 1)
once its formats are set; a line out of view is ``_IN_FENCE`` or -1 (Qt's "no state").
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor

_IN_FENCE = 1
_DONE = 2
#: bodies up to this many lines are highlighted whole; longer ones near the view only
WINDOW_BLOCKS = 2000
#: lines highlighted before and after the visible ones
MARGIN_BLOCKS = 100

_RULES = [
    ("heading", re.compile(r"^#{1,6}\s.*$")),
    ("field", re.compile(r"【[^】\n]{1,40}】")),
    ("list", re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")),
    ("quote", re.compile(r"^\s*>.*$")),
    ("bold", re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__")),
    ("code", re.compile(r"`[^`\n]+`")),
    ("link", re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|<https?://[^>\s]+>|https?://[^\s<>()（）]+")),
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
    """``visible``: a callable giving the (first, last) block numbers on screen, or None."""

    def __init__(self, document, dark: bool = False, visible=None):
        super().__init__(document)
        self.visible = visible
        self._window: tuple[int, int] | None = None
        self.set_dark(dark)

    def _big(self) -> bool:
        """Long enough to highlight near the view only (and an editor says what it shows)."""
        doc = self.document()
        return (self.visible is not None and doc is not None
                and doc.blockCount() > WINDOW_BLOCKS)

    def rehighlight(self) -> None:
        """Everything again (in a long body: lines near the view fully, the others only their
        fence state, in one pass; the rest as it comes into view)."""
        self._window = None
        if self._big():
            shown = self.visible() if self.visible is not None else None
            first, last = shown if shown is not None else (0, MARGIN_BLOCKS)
            self._window = (max(0, first - MARGIN_BLOCKS), last + MARGIN_BLOCKS)
        super().rehighlight()

    def highlight_visible(self) -> None:
        """Highlight the lines near the view that were skipped while out of sight."""
        if not self._big():
            return
        shown = self.visible()
        if shown is None:
            return
        first, last = max(0, shown[0] - MARGIN_BLOCKS), shown[1] + MARGIN_BLOCKS
        self._window = (first, last)
        doc = self.document()
        block = doc.findBlockByNumber(shown[0])
        todo = []
        while block.isValid() and block.blockNumber() <= shown[1]:
            if block.userState() < _DONE:
                todo.append(block)
            block = block.next()
        if not todo:
            return
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()  # one change for the document's listeners, not one a line
        try:
            for block in todo:
                if block.userState() < _DONE:
                    self.rehighlightBlock(block)
        finally:
            cursor.endEditBlock()

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
        previous = self.previousBlockState()
        in_fence = previous >= 0 and bool(previous & _IN_FENCE)
        fence = text.lstrip().startswith("```")
        window = self._window
        if window is not None:
            number = self.currentBlock().blockNumber()
            if number < window[0] or number > window[1]:
                # not _DONE (highlighted when it comes into view); -1 as Qt's default, so a
                # pass stops at the first line out of view whose fence state is unchanged
                self.setCurrentBlockState(_IN_FENCE if in_fence != fence else -1)
                return
        if fence:
            self.setFormat(0, len(text), self._formats["fence"])
            self.setCurrentBlockState((0 if in_fence else _IN_FENCE) | _DONE)
            return
        if in_fence:
            self.setFormat(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(_IN_FENCE | _DONE)
            return
        self.setCurrentBlockState(_DONE)
        for name, pattern in _RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), self._formats[name])
