"""Undo and redo across the two kinds of history, and the glue of find and replace.

Typing in a section body goes to that body's own QTextDocument history; structure, fields and
metadata go to the document's QUndoStack. Undo and Redo act on the body when the body editor
has the focus and its history has a step, otherwise on the stack; the actions are enabled only
when the history they would act on has a step.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QApplication

from ..document.issue_document import IssueDocument
from ..editor.find_panel import FindPanel
from .window_api import WindowApi


class EditActions(QObject):
    def __init__(self, api: WindowApi, find_panel: FindPanel, parent=None):
        super().__init__(parent)
        self.api = api
        self.find_panel = find_panel
        self.undo_action: QAction | None = None
        self.redo_action: QAction | None = None
        find_panel.position = self._cursor_position
        find_panel.goto.connect(self._goto_hit)
        find_panel.replaced.connect(self._replace_current)
        body = api.body_editor()
        body.undoAvailable.connect(self.update_actions)
        body.redoAvailable.connect(self.update_actions)
        QApplication.instance().focusChanged.connect(self.update_actions)

    def set_actions(self, undo: QAction, redo: QAction) -> None:
        self.undo_action, self.redo_action = undo, redo
        self.update_actions()

    # a document view
    def attach(self, document: IssueDocument) -> None:
        document.undo_stack.indexChanged.connect(self.update_actions)
        self.find_panel.document = document
        self.update_actions()

    def detach(self) -> None:
        self.api.document.undo_stack.indexChanged.disconnect(self.update_actions)
        self.find_panel.document = None

    # ------------------------------------------------------------------ undo
    def _body(self):
        """The body's text document when the body editor has the focus, else None."""
        body = self.api.body_editor()
        return body.document() if body.hasFocus() and self.api.current_section() else None

    def undo(self) -> None:
        body = self._body()
        if body is not None and body.isUndoAvailable():
            self.api.body_editor().undo()
        else:
            self.api.document.undo_stack.undo()
        self.update_actions()

    def redo(self) -> None:
        body = self._body()
        if body is not None and body.isRedoAvailable():
            self.api.body_editor().redo()
        else:
            self.api.document.undo_stack.redo()
        self.update_actions()

    def update_actions(self, *_args) -> None:
        stack = self.api.document.undo_stack
        if self.undo_action is None or not shiboken6.isValid(stack):
            return  # not wired yet, or the window is being destroyed
        body = self._body()
        self.undo_action.setEnabled(bool(body and body.isUndoAvailable()) or stack.canUndo())
        self.redo_action.setEnabled(bool(body and body.isRedoAvailable()) or stack.canRedo())

    # ------------------------------------------------------------------ find and replace
    def show_find(self) -> None:
        self.find_panel.document = self.api.document
        selected = self.api.body_editor().textCursor().selectedText()
        self.find_panel.open(selected if "\u2029" not in selected else "")

    def _cursor_position(self) -> tuple[str, int]:
        section = self.api.current_section()
        if section:
            return section, self.api.body_editor().textCursor().position()
        return "", 0

    def _goto_hit(self, section_id: str, start: int, end: int) -> None:
        self.api.show_section(section_id)
        self.api.select_body_range(start, end)

    def _replace_current(self, count: int) -> None:
        if count != -1:
            return
        cursor: QTextCursor = self.api.body_editor().textCursor()
        needle = self.find_panel.find_edit.text()
        selected = cursor.selectedText()
        same = selected == needle if self.find_panel.case.isChecked() else \
            selected.lower() == needle.lower()
        if needle and same:
            cursor.insertText(self.find_panel.replace_edit.text())
