"""The undo command of the IssueDocument's QUndoStack: a snapshot of the issue before and after
one change (structure, fields, metadata, or a whole-issue edit such as a rename everywhere).

Consecutive edits with the same ``merge_key`` (typing in one field) merge into one step. The
first ``redo()`` (Qt calls it on push) does nothing: the change is already made.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ...model import Issue


class SnapshotCommand(QUndoCommand):
    """One undo step of ``document`` (an IssueDocument): the issue before and after a change.
    Bodies are part of the step only for whole-issue changes (``with_bodies``); otherwise
    typing keeps its own history."""

    def __init__(self, document, text: str, before: Issue, after: Issue,
                 section_id: str, structural: bool, merge_key: str | None):
        super().__init__(text)
        self.document = document
        self.before = before
        self.after = after
        self.section_id = section_id
        self.structural = structural
        self.merge_key = merge_key
        self.with_bodies = False
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
        self._put(self.after)

    def undo(self) -> None:
        self._put(self.before)

    def _put(self, snapshot: Issue) -> None:
        self.document.restore_snapshot(snapshot, self.section_id, self.structural,
                                       self.with_bodies)
