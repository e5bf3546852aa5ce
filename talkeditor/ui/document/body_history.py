"""One step on an issue's undo stack for edits already made in several section bodies.

Each section body is a QTextDocument with its own undo history; a change across bodies
(Edit › Fill Missing Link Titles) is made there, one edit block per body, and
``BodiesCommand`` on ``IssueDocument.undo_stack`` then undoes and redoes those blocks
together, so one Undo takes the whole change back whatever has the focus.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument, QUndoCommand


class BodiesCommand(QUndoCommand):
    """One undo step for edits already made in several section bodies (one edit block on each
    body's own history, e.g. Fill Missing Link Titles): undo and redo step those bodies'
    histories, each only while the edit is still the last thing done in it. ``steps`` maps
    each body's text document to its undo counts (``availableUndoSteps``, which counts
    Qt's inner commands, not edit blocks) before and after the edit."""

    def __init__(self, text: str, steps: dict[QTextDocument, tuple[int, int]]):
        super().__init__(text)
        self.steps = steps
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        for doc, (before, _after) in self.steps.items():
            if doc.availableUndoSteps() == before and doc.isRedoAvailable():
                doc.redo()

    def undo(self) -> None:
        for doc, (_before, after) in self.steps.items():
            if doc.availableUndoSteps() == after:
                doc.undo()
