"""The Conflicts panel: a section's merge conflicts, both versions side by side, with
Take Mine / Take Theirs / Keep Both.

It only shows what it is given and asks for resolutions through ``resolveRequested(section id
('' for the issue's metadata), conflict index, choice)``; the sync controller applies them to
the document as undoable edits.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...lazy import lazy_import
from ...model import Conflict

resolve = lazy_import("talkeditor.collab.resolve")  # when a conflict is shown

_SCALAR_PARTS = ("minutes", "optional", "body_kind")


class ConflictsPanel(QWidget):
    resolveRequested = Signal(str, int, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("conflictsPanel")
        self.section_id = ""
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self._area = QScrollArea(self)
        self._area.setWidgetResizable(True)
        self._inner = QWidget(self._area)
        self._rows = QVBoxLayout(self._inner)
        self._rows.addStretch(1)
        self._area.setWidget(self._inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self._area, 1)
        self.groups: list[QGroupBox] = []
        self.show_conflicts("", "", [])

    def _describe(self, conflict: Conflict) -> str:
        part = conflict.part
        if part == "body":
            return self.tr("The same item of the text was changed differently")
        if part == "section":
            return self.tr("One side deleted this section, the other changed it")
        if part.startswith("field:"):
            return self.tr("Field 【%1】").replace("%1", part[len("field:"):].split(":")[0])
        return self.tr("Changed on both sides: %1").replace("%1", part)

    def _version(self, text: str, part: str) -> str:
        if part == "section":
            return self.tr("(deleted)") if not text else self.tr("(kept, with changes)")
        return text if text else self.tr("(deleted)")

    def show_conflicts(self, section_id: str, title: str, conflicts: list[Conflict],
                       elsewhere: list[str] | None = None) -> None:
        """Show ``conflicts`` of the section ``title`` (id ``section_id``, '' for metadata);
        ``elsewhere``: titles of the other parts of the issue that have conflicts, named when
        this one has none (so the panel never says "none" while the tree shows some)."""
        self.section_id = section_id
        for group in self.groups:
            self._rows.removeWidget(group)
            group.deleteLater()
        self.groups = []
        if not conflicts:
            text = (self.tr("No merge conflicts in “%1”.").replace("%1", title)
                    if title else self.tr("No merge conflicts."))
            if elsewhere:
                text += " " + self.tr("Select a section with conflicts in the tree: %1.").replace(
                    "%1", ", ".join(elsewhere))
            self.header.setText(text)
            return
        self.header.setText(self.tr("“%1”: %2 merge conflict(s). The issue holds your "
                                    "version until you choose.")
                            .replace("%1", title).replace("%2", str(len(conflicts))))
        for index, conflict in enumerate(conflicts):
            group = QGroupBox(self._describe(conflict), self._inner)
            group.setObjectName(f"conflict{index}")
            grid = QVBoxLayout(group)
            sides = QHBoxLayout()
            for name, caption, text in (("mine", self.tr("Mine"), conflict.ours),
                                        ("theirs", self.tr("Theirs"), conflict.theirs)):
                column = QVBoxLayout()
                column.addWidget(QLabel(caption, group))
                view = QPlainTextEdit(self._version(text, conflict.part), group)
                view.setObjectName(name)
                view.setReadOnly(True)
                view.setMaximumHeight(140)
                column.addWidget(view)
                sides.addLayout(column)
            grid.addLayout(sides)
            buttons = QHBoxLayout()
            for name, caption, choice in (("takeMine", self.tr("Take Mine"), resolve.MINE),
                                          ("takeTheirs", self.tr("Take Theirs"), resolve.THEIRS),
                                          ("keepBoth", self.tr("Keep Both"), resolve.BOTH)):
                button = QPushButton(caption, group)
                button.setObjectName(name)
                if choice == resolve.BOTH and conflict.part in _SCALAR_PARTS:
                    button.setEnabled(False)
                button.clicked.connect(
                    lambda _c=False, i=index, ch=choice: self.resolveRequested.emit(
                        self.section_id, i, ch))
                buttons.addWidget(button)
            buttons.addStretch(1)
            grid.addLayout(buttons)
            self._rows.insertWidget(self._rows.count() - 1, group)
            self.groups.append(group)
