"""Markdown syntax highlighting for the body editor: headings, 【label】 fields, emphasis, links,
code spans and fences, list markers and quotes.

Colours come from the palette, so the highlighting reads in light and dark schemes alike.

Cost does not grow with the section: in a body of more than ``WINDOW_BLOCKS`` lines only the
lines near what the editor shows (``visible``, given by the editor) are highlighted; the
others only carry the "inside a code fence" state (one ``startswith``), and
``highlight_visible()`` (the editor calls it when it scrolls or repaints) highlights the
lines that come into view. A block's state is its fence kind (``_IN_FENCE`` or
``_IN_TILDE_FENCE``) plus ``_DONE`` once its formats are set; a line out of view has only its
fence kind, or -1 (Qt's "no state") outside a fence.

Cost is linear in a line's length and bounded per line, whatever is pasted (``> > > …`` or
``[[[[…`` lines of 50,000 characters): every pattern scans at most to the next place another
match could start, so no pattern reads a line more than a fixed number of times; the inline
patterns read only the first ``LINE_CHARS`` characters of a line, and at most ``MAX_RUNS``
formats are set in one line. Line-wide formats (heading, quote, fence) still cover the whole
line. Real lines are a few hundred characters with a few runs each.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor

from ...render.markdown_rules import URL_STOP, bare_url_end

# block states: inside a fence opened with backticks / with tildes
_IN_FENCE, _IN_TILDE_FENCE = 1, 2
_FENCE_BITS = _IN_FENCE | _IN_TILDE_FENCE
#: a fence line (indented too: in a list item); a backtick fence's info has no backtick,
#: so ```code``` on one line is inline code (CommonMark 4.5)
_FENCE = re.compile(r"(`{3,})[^`]*$|(~{3,})")
#: a bare URL as the preview links it (it ends at CJK text, full-width punctuation,
#: whitespace or ``<``; trailing ASCII punctuation and unbalanced ``)`` trimmed)
_BARE_URL = re.compile(r"https?://[^\s<" + URL_STOP + r"]+")
#: bit set once a line's formats are set (a line out of view has only its fence kind)
_DONE = 4
#: bodies up to this many lines are highlighted whole; longer ones near the view only
WINDOW_BLOCKS = 2000
#: lines highlighted before and after the visible ones
MARGIN_BLOCKS = 100
#: characters of a line the inline patterns (fields, emphasis, code, links, URLs) read
LINE_CHARS = 10_000
#: formats set in one line at most (each is a call into Qt)
MAX_RUNS = 1_000

#: (format, pattern, whole line?): a whole-line pattern is anchored at the line's start and
#: reads all of it; the others read the first LINE_CHARS characters. In the order they apply
#: (a later format wins where two overlap). Link text stops at ``[`` and a link's address at
#: the next ``](``, and an autolink at ``<``, so a line of ``[[[…`` or ``[x](`` repeated is
#: read once, not once per bracket.
_RULES = [
    ("heading", re.compile(r"#{1,6}\s.*$"), True),
    ("field", re.compile(r"【[^】\n]{1,40}】"), False),
    ("list", re.compile(r"\s*(?:[-*+]|\d+[.)])\s"), True),
    ("quote", re.compile(r"\s*>.*$"), True),
    ("bold", re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"), False),
    ("code", re.compile(r"`[^`\n]+`"), False),
    ("link", re.compile(r"!?\[[^\[\]\n]*+\]\((?:[^)\n\]]++|\](?!\())*+\)|<https?://[^<>\s]+>"),
     False),
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
        fence = previous & _FENCE_BITS if previous > 0 else 0
        marks = _FENCE.match(text.lstrip())
        after = fence
        if marks:  # ``` or ~~~ (also in a list item) opens a fence, the same kind closes it
            kind = _IN_FENCE if marks.group(1) else _IN_TILDE_FENCE
            after = 0 if fence == kind else fence or kind
        window = self._window
        if window is not None:
            number = self.currentBlock().blockNumber()
            if number < window[0] or number > window[1]:
                # not _DONE (highlighted when it comes into view); -1 as Qt's default, so a
                # pass stops at the first line out of view whose fence state is unchanged
                self.setCurrentBlockState(after or -1)
                return
        if marks:
            self.setFormat(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(after | _DONE)
            return
        if fence:
            self.setFormat(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(fence | _DONE)
            return
        self.setCurrentBlockState(_DONE)
        head = text if len(text) <= LINE_CHARS else text[:LINE_CHARS]
        formats, runs = self._formats, 0
        for name, pattern, whole in _RULES:
            if whole:
                match = pattern.match(text)
                if match:
                    self.setFormat(0, match.end(), formats[name])
                continue
            for match in pattern.finditer(head):
                self.setFormat(match.start(), match.end() - match.start(), formats[name])
                runs += 1
                if runs >= MAX_RUNS:
                    return
        for match in _BARE_URL.finditer(head):
            if match.start() and head[match.start() - 1] == "<":
                continue  # an autolink <…>, highlighted whole above
            url = bare_url_end(match.group(0))
            self.setFormat(match.start(), len(url), formats["link"])
            runs += 1
            if runs >= MAX_RUNS:
                return
