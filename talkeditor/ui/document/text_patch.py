"""One minimal edit that turns a QTextDocument's text into another text.

The common prefix and suffix are kept, so cursors outside the changed span stay where they
were; used when undo/redo or a merge (Sync) puts new text into a section body.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument


def qt_position(text: str, index: int) -> int:
    """A Python string index as a QTextDocument position (UTF-16: astral characters are 2)."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def patch_text(document: QTextDocument, new: str) -> None:
    """Make ``document``'s plain text ``new`` with one edit of the span that differs. The
    text is compared as typed (``toRawText``: U+00A0 and U+2028 are not folded)."""
    old = document.toRawText().replace("\u2029", "\n")
    if old == new:
        return
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    cursor = QTextCursor(document)
    cursor.setPosition(qt_position(old, start))
    cursor.setPosition(qt_position(old, len(old) - end), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new[start:len(new) - end])
