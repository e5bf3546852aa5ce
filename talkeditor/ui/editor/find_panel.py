"""Find and replace across all sections: a bar under the editor (Ctrl+F).

Find next/previous walks the section bodies in document order, starting at the cursor, and
selects the hit in its section. Replace All changes every section in one undo step.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from ..document.issue_document import IssueDocument


def find_all(document: IssueDocument, needle: str, case: bool) -> list[tuple[str, int]]:
    """Every (section id, offset) where ``needle`` occurs in a body, in document order."""
    if not needle:
        return []
    hits = []
    probe = needle if case else needle.lower()
    for section, _depth in document.sync().walk():
        text = section.body if case else section.body.lower()
        start = text.find(probe)
        while start >= 0:
            hits.append((section.id, start))
            start = text.find(probe, start + max(len(probe), 1))
    return hits


class FindPanel(QWidget):
    """Emits ``goto(section_id, start, end)`` for the window to select a hit."""

    goto = Signal(str, int, int)
    replaced = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("findPanel")
        self.document: IssueDocument | None = None
        self.position = lambda: ("", 0)
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findText")
        self.find_edit.setPlaceholderText(self.tr("Find in all sections"))
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceText")
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.case = QCheckBox(self.tr("Match case"), self)
        self.status = QLabel(self)
        previous = QPushButton(self.tr("Previous"), self)
        following = QPushButton(self.tr("Next"), self)
        replace = QPushButton(self.tr("Replace"), self)
        replace_all = QPushButton(self.tr("Replace All"), self)
        replace_all.setObjectName("replaceAll")
        close = QPushButton("✕", self)
        close.setFlat(True)
        close.setToolTip(self.tr("Close (Esc)"))
        # Two rows, so the text fields keep a readable width in a 600 px centre (1366x768).
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setVerticalSpacing(2)
        for column, widget in enumerate((self.find_edit, previous, following, self.case,
                                         self.status, close)):
            layout.addWidget(widget, 0, column)
        for column, widget in enumerate((self.replace_edit, replace, replace_all)):
            layout.addWidget(widget, 1, column)
        layout.setColumnStretch(0, 1)
        minimum = self.fontMetrics().horizontalAdvance("M" * 16)
        self.find_edit.setMinimumWidth(minimum)
        self.replace_edit.setMinimumWidth(minimum)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(self._update_status)
        following.clicked.connect(self.find_next)
        previous.clicked.connect(self.find_previous)
        replace.clicked.connect(self.replace_one)
        replace_all.clicked.connect(self.replace_all)
        close.clicked.connect(self.hide)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self, self.find_previous)

    def open(self, text: str = "") -> None:
        if text:
            self.find_edit.setText(text)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _hits(self):
        return find_all(self.document, self.find_edit.text(), self.case.isChecked())

    def _update_status(self) -> None:
        if self.document is None:
            return
        count = len(self._hits())
        self.status.setText(self.tr("%1 found").replace("%1", str(count))
                            if self.find_edit.text() else "")

    def _order(self) -> dict[str, int]:
        return {s.id: i for i, (s, _d) in enumerate(self.document.issue.walk())}

    def find_next(self) -> bool:
        hits = self._hits()
        if not hits:
            self._update_status()
            return False
        order = self._order()
        sid, pos = self.position()
        key = (order.get(sid, -1), pos)
        target = next((h for h in hits if (order[h[0]], h[1]) >= key), hits[0])
        self.goto.emit(target[0], target[1], target[1] + len(self.find_edit.text()))
        self._update_status()
        return True

    def find_previous(self) -> bool:
        hits = self._hits()
        if not hits:
            return False
        order = self._order()
        sid, pos = self.position()
        key = (order.get(sid, -1), pos - len(self.find_edit.text()))
        target = next((h for h in reversed(hits) if (order[h[0]], h[1]) < key), hits[-1])
        self.goto.emit(target[0], target[1], target[1] + len(self.find_edit.text()))
        return True

    def replace_one(self) -> None:
        """Replace the hit at the cursor (if the selection is one), then find the next."""
        self.replaced.emit(-1)
        self.find_next()

    def replace_all(self) -> int:
        needle, repl = self.find_edit.text(), self.replace_edit.text()
        hits = self._hits()
        if not needle or not hits:
            return 0
        case = self.case.isChecked()

        def mutate(issue):
            flags = 0 if case else re.IGNORECASE
            pattern = re.compile(re.escape(needle), flags)
            for section, _depth in issue.walk():
                section.body = pattern.sub(lambda _m: repl, section.body)

        self.document.replace_issue(mutate, self.tr("Replace All"))
        self.replaced.emit(len(hits))
        self.status.setText(self.tr("%1 replaced").replace("%1", str(len(hits))))
        return len(hits)
