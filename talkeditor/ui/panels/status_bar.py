"""The permanent part of the status bar: characters in the section shown and in the issue
(whitespace not counted, each Chinese character once) and the total talk time. It follows
the document as a view and updates when changes stop, not on every keystroke."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from ..document.issue_document import IssueDocument


class StatusCounts(QObject):
    def __init__(self, bar: QStatusBar, current_section, parent=None):
        super().__init__(parent)
        self.current_section = current_section  # callable: the id shown in the editor
        self.document: IssueDocument | None = None
        self.section_count, self.issue_count, self.minutes_label = (QLabel(bar), QLabel(bar),
                                                                    QLabel(bar))
        for label in (self.section_count, self.issue_count, self.minutes_label):
            bar.addPermanentWidget(label)

    def attach(self, document: IssueDocument) -> None:
        self.document = document
        document.changesStopped.connect(self.update)
        document.structureChanged.connect(self.update)
        self.update()

    def detach(self) -> None:
        self.document.changesStopped.disconnect(self.update)
        self.document.structureChanged.disconnect(self.update)

    def update(self) -> None:
        doc, sid = self.document, self.current_section()
        self.section_count.setText(self.tr("Section: %1 chars").replace(
            "%1", str(doc.text_length(sid))) if sid else "")
        self.issue_count.setText(self.tr("Issue: %1 chars").replace(
            "%1", str(doc.text_length())))
        self.minutes_label.setText(self.tr("Talk time: %1 min").replace(
            "%1", str(doc.total_minutes())))
