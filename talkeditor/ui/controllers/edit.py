"""Undo and redo of the open issue's one history, and the glue of find and replace.

Typing, structure, fields and metadata are all steps of the document's QUndoStack
(IssueDocument); Undo and Redo act on it wherever the focus is, and are enabled only when it
has a step to undo or redo.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QTextCursor

from ...model import Issue
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
    def undo(self) -> None:
        """Undo the last change, wherever it was (an open typing run included), and show the
        section it was in."""
        stack = self.api.document.undo_stack
        step = stack.command(stack.index() - 1) if stack.canUndo() else None
        stack.undo()
        self._show_place_of(step, undone=True)
        self.update_actions()

    def redo(self) -> None:
        stack = self.api.document.undo_stack
        step = stack.command(stack.index()) if stack.canRedo() else None
        stack.redo()
        self._show_place_of(step, undone=False)
        self.update_actions()

    def _show_place_of(self, step, undone: bool) -> None:
        """Bring the section an undone or redone step changed into view, so no text changes
        out of sight: the step's section (typing, a field, a rename), else the first section
        it brought back (an undone deletion); other steps of the whole issue leave the view
        as it is."""
        section_id = getattr(step, "section_id", "") or _section_brought_back(step, undone)
        if section_id and section_id != self.api.current_section() \
                and self.api.document.issue.find(section_id) is not None:
            self.api.show_section(section_id)

    def update_actions(self, *_args) -> None:
        stack = self.api.document.undo_stack
        if self.undo_action is None or not shiboken6.isValid(stack):
            return  # not wired yet, or the window is being destroyed
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())

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


def _section_brought_back(step, undone: bool) -> str:
    """The first section a whole-issue step (SnapshotCommand) made reappear, or ''."""
    before, after = getattr(step, "before", None), getattr(step, "after", None)
    if not isinstance(before, Issue) or not isinstance(after, Issue):
        return ""
    now, then = (before, after) if undone else (after, before)
    had = {section.id for section, _depth in then.walk()}
    return next((section.id for section, _depth in now.walk() if section.id not in had), "")
