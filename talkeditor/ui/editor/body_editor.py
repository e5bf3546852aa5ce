"""The section body's editor: a plain-text editor whose Undo and Redo keys belong to the
window's one history, whose pastes and drops go through the link/image paste handler, and
whose input-method composing (uncommitted pinyin) is not an edit of the section."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit


class BodyEditor(QPlainTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        #: Called with the QMimeData of a paste or drop; True when it handled it (images,
        #: a lone URL: see ui/editor/paste.py). Set by the window's link controller.
        self.paste_handler = None
        #: Set by the pane: a context manager for the input method's uncommitted text (the
        #: pinyin shown while composing), which is not an edit of the section.
        self.composing = None
        self.setObjectName("bodyEditor")
        self.setTabChangesFocus(False)
        font = QFont()
        font.setPointSize(11)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def event(self, event) -> bool:  # Qt API
        # Undo and Redo belong to the window's one history (IssueDocument.undo_stack): let
        # the window's shortcuts have them instead of the text document's own.
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return False
        return super().event(event)

    def inputMethodEvent(self, event) -> None:  # Qt API
        if event.commitString() or event.replacementLength() or self.composing is None:
            super().inputMethodEvent(event)
            return
        with self.composing():
            super().inputMethodEvent(event)

    def canInsertFromMimeData(self, source) -> bool:  # Qt API
        handler = self.paste_handler
        return bool(handler and handler.can_insert(source)) or \
            super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source) -> None:  # Qt API
        if self.paste_handler is not None and self.paste_handler(source):
            return
        super().insertFromMimeData(source)
