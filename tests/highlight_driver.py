"""Highlights hostile Markdown in a child process (not a test module).

    python tests/highlight_driver.py MODE < markdown
        MODE 'whole': one MarkdownHighlighter over the whole text (no editor: every line);
        MODE 'editor': a shown QPlainTextEdit with the highlighter near the view, as the
        section editor runs it, scrolled to the end and painted (the lines coming into view
        highlighted then). Also measures the text's Markdown nesting as the autosave's and
        load's limit check does (``storage.limits.markdown_nesting``). Prints one JSON
        object: the block count, the nesting, and each of the first and last blocks' format
        runs as ``[start, length, kind]`` (kind: quote, code, link, heading, other).

Hostile text runs here, under the caller's time limit, because a slow pattern would hang the
test run instead of failing it.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QTextCursor, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextDocumentLayout, QPlainTextEdit  # noqa: E402

from talkeditor.storage import limits  # noqa: E402
from talkeditor.ui.editor.highlighter import MarkdownHighlighter  # noqa: E402


def _kind(highlighter: MarkdownHighlighter, fmt) -> str:
    for name in ("quote", "code", "link", "heading", "field", "list", "bold"):
        mine = highlighter._formats[name]
        if (fmt.foreground().color() == mine.foreground().color()
                and fmt.fontItalic() == mine.fontItalic()
                and fmt.fontFamilies() == mine.fontFamilies()):
            return name
    return "other"


def _runs(highlighter: MarkdownHighlighter, block) -> list[list]:
    return [[r.start, r.length, _kind(highlighter, r.format)]
            for r in block.layout().formats()]


def main() -> int:
    mode = sys.argv[1]
    text = sys.stdin.buffer.read().decode("utf-8")
    app = QApplication.instance() or QApplication([])
    doc = QTextDocument()
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    doc.setPlainText(text)
    if mode == "whole":
        highlighter = MarkdownHighlighter(doc)
    else:
        editor = QPlainTextEdit()
        editor.resize(900, 600)
        editor.setDocument(doc)
        editor.show()

        def visible():
            first = editor.firstVisibleBlock().blockNumber()
            rows = editor.viewport().height() // max(1, editor.fontMetrics().height())
            return first, first + rows + 1

        highlighter = MarkdownHighlighter(doc, visible=visible)
        editor.updateRequest.connect(lambda *_a: highlighter.highlight_visible())
        app.processEvents()
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()
        editor.viewport().repaint()
        app.processEvents()
        highlighter.highlight_visible()
    nesting, _line = limits.markdown_nesting(text)
    print(json.dumps({"blocks": doc.blockCount(), "nesting": nesting,
                      "first": _runs(highlighter, doc.firstBlock()),
                      "last": _runs(highlighter, doc.lastBlock())}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
