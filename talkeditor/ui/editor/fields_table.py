"""The table of a section's ``【label】：value`` fields: edit, add, remove and reorder.

Fields bound to the issue's metadata (编号, 时间, 主持人 …) show the generated value, read-only,
with the text used when the metadata is empty. Every edit is one undo step of the document.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...model import Field
from ...render.issue_markdown import bound_value
from ..document.issue_document import IssueDocument

COL_LABEL, COL_VALUE, COL_KEEP = range(3)


class FieldsTable(QWidget):
    def __init__(self, document: IssueDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.section_id = ""
        self._updating = False
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("fieldTable")
        self.table.setHorizontalHeaderLabels([self.tr("Label"), self.tr("Value"),
                                              self.tr("Keep")])
        self.table.horizontalHeaderItem(COL_KEEP).setToolTip(
            self.tr("Keep the value in the next issue (otherwise it is cleared)"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_KEEP, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._item_changed)
        header.sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())

        buttons = QVBoxLayout()
        for text, tip, slot in (("+", self.tr("Add a field"), self.add_field),
                                ("−", self.tr("Remove the selected field"), self.remove_field),
                                ("↑", self.tr("Move the field up"), lambda: self.move_field(-1)),
                                ("↓", self.tr("Move the field down"), lambda: self.move_field(1))):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def resizeEvent(self, event) -> None:  # Qt API
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def _fields(self) -> list[Field]:
        section = self.document.issue.find(self.section_id)
        return [dataclasses.replace(f) for f in section.fields] if section else []

    def load(self, section_id: str) -> None:
        self.section_id = section_id
        self.refresh()

    def refresh(self) -> None:
        section = self.document.issue.find(self.section_id)
        fields = section.fields if section else []
        self._updating = True
        try:
            self.table.setRowCount(len(fields))
            for row, f in enumerate(fields):
                label = QTableWidgetItem(f.label)
                if f.bind:
                    shown = bound_value(self.document.issue, section, f) or f.value
                    value = QTableWidgetItem(shown + f.note)
                    value.setFlags(value.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    value.setForeground(QBrush(QColor("#6b7280")))
                    value.setToolTip(self.tr("Generated from the issue's metadata (%1)")
                                     .replace("%1", f.bind))
                else:
                    value = QTableWidgetItem(f.value)
                keep = QTableWidgetItem()
                keep.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsSelectable)
                keep.setCheckState(Qt.CheckState.Checked if f.keep else Qt.CheckState.Unchecked)
                self.table.setItem(row, COL_LABEL, label)
                self.table.setItem(row, COL_VALUE, value)
                self.table.setItem(row, COL_KEEP, keep)
            self.table.resizeRowsToContents()
        finally:
            self._updating = False

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._updating:
            return
        fields = self._fields()
        row = item.row()
        if row >= len(fields):
            return
        f = fields[row]
        if item.column() == COL_LABEL:
            f.label = item.text().strip().strip("【】") or f.label
        elif item.column() == COL_VALUE and not f.bind:
            f.value = item.text()
        elif item.column() == COL_KEEP:
            f.keep = item.checkState() == Qt.CheckState.Checked
        self.document.set_fields(self.section_id, fields,
                                 merge_key=f"{self.section_id}:field:{row}:{item.column()}")

    def add_field(self) -> None:
        fields = self._fields()
        row = self.table.currentRow()
        at = row + 1 if row >= 0 else len(fields)
        fields.insert(at, Field(label=self.tr("New field")))
        self.document.set_fields(self.section_id, fields)
        self.refresh()
        self.table.setCurrentCell(at, COL_LABEL)
        self.table.editItem(self.table.item(at, COL_LABEL))

    def remove_field(self) -> None:
        row = self.table.currentRow()
        fields = self._fields()
        if 0 <= row < len(fields):
            del fields[row]
            self.document.set_fields(self.section_id, fields)
            self.refresh()

    def move_field(self, delta: int) -> None:
        row = self.table.currentRow()
        fields = self._fields()
        if 0 <= row < len(fields) and 0 <= row + delta < len(fields):
            fields.insert(row + delta, fields.pop(row))
            self.document.set_fields(self.section_id, fields)
            self.refresh()
            self.table.setCurrentCell(row + delta, COL_LABEL)
