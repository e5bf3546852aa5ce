"""The two kinds of undo step of an IssueDocument's one history.

``SnapshotCommand``: the whole issue before and after a change (structure, fields, metadata,
Replace All, a person renamed), bodies included. ``BodyCommand``: one typing run in one
section body (its "after" text filled in lazily while the run is open). Both call back into
the document to apply a state; see issue_document.py and bodies.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from ...model import Issue

if TYPE_CHECKING:
    from .issue_document import IssueDocument


class SnapshotCommand(QUndoCommand):
    """One undo step: the issue before and after a change (section bodies included)."""

    def __init__(self, document: IssueDocument, text: str, before: Issue, after: Issue,
                 section_id: str, structural: bool, merge_key: str | None):
        super().__init__(text)
        self.document = document
        self.before = before
        self.after = after
        self.section_id = section_id
        self.structural = structural
        self.merge_key = merge_key
        self._first = True

    def id(self) -> int:  # Qt API
        return 1 if self.merge_key else -1

    def mergeWith(self, other) -> bool:  # Qt API
        if not isinstance(other, SnapshotCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.document._restore(self.after, self.section_id, self.structural)

    def undo(self) -> None:
        self.document._restore(self.before, self.section_id, self.structural)


class BodyCommand(QUndoCommand):
    """One typing run in one section body: its text before the run, and after it. The
    document pushes it at the run's first keystroke and fills ``after`` lazily
    (``IssueDocument.sync``), so later keystrokes push nothing."""

    def __init__(self, document: IssueDocument, text: str, section_id: str, before: str):
        super().__init__(text)
        self.document = document
        self.section_id = section_id
        self.before = before
        self.after = before
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.document._set_body(self.section_id, self.after)

    def undo(self) -> None:
        self.document.end_typing_run()  # an open run takes its "after" text first
        self.document._set_body(self.section_id, self.before)
