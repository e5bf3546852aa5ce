"""Rows that grow to show wrapped text, for item views in narrow docks.

QTreeView wraps text when ``wordWrap`` is on, but sizes each row for one line, so a long
cell in a 250 px dock shows its first few characters. ``wrap_rows(view)`` gives the view a
delegate whose size hint is the text's wrapped height at the column's current width, and lays
the rows out again when a column is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QTreeView

PADDING = 6


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView):
        super().__init__(view)
        self.view = view

    def sizeHint(self, option, index):  # Qt API
        size = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        width = self.view.columnWidth(index.column()) - PADDING
        if index.column() == 0:
            width -= self.view.indentation() * (1 + _depth(index))
        if isinstance(text, str) and text and width > 24:
            bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20),
                                                     int(Qt.TextFlag.TextWordWrap), text)
            size.setHeight(max(size.height(), bounds.height() + PADDING))
        return size


def _depth(index) -> int:
    depth = 0
    while index.parent().isValid():
        index = index.parent()
        depth += 1
    return depth


def wrap_rows(view: QTreeView) -> None:
    """Make ``view``'s rows as tall as their wrapped text (see the module docstring)."""
    view.setWordWrap(True)
    view.setUniformRowHeights(False)
    view.setItemDelegate(WrappingDelegate(view))
    view.header().sectionResized.connect(lambda *_a: view.scheduleDelayedItemsLayout())
