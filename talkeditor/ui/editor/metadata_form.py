"""The form for the issue's own metadata: series, number, date and time, highlights (本期提要),
host and editors, video and Zhihu links. Each edit is an undo step of the document."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...lazy import lazy_import
from ..document.issue_document import IssueDocument

credit_names = lazy_import("talkeditor.credits.names")  # on first edit, not before the first paint

NO_DATE = QDate(2000, 1, 1)


class MetadataForm(QWidget):
    def __init__(self, document: IssueDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("metadataForm")
        self.document = document
        self._updating = False
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.series = QLineEdit(self)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("e.g. 005 or 番外02"))
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("Only for special issues; otherwise series + number"))
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumDate(NO_DATE)
        self.date.setSpecialValueText(self.tr("no date"))
        self.time = QTimeEdit(self)
        self.time.setDisplayFormat("HH:mm")
        self.timezone = QLineEdit(self)
        when = QHBoxLayout()
        when.addWidget(self.date, 2)
        when.addWidget(self.time, 1)
        when.addWidget(self.timezone, 2)

        self.highlights = QListWidget(self)
        self.highlights.setObjectName("highlightsList")
        self.highlights.setToolTip(self.tr("本期提要: one highlight per row; double-click to edit"))
        self.highlights.setMaximumHeight(170)
        add = QToolButton(self, text="+", toolTip=self.tr("Add a highlight"))
        remove = QToolButton(self, text="−", toolTip=self.tr("Remove the selected highlight"))
        add.clicked.connect(self._add_highlight)
        remove.clicked.connect(self._remove_highlight)
        hl_buttons = QVBoxLayout()
        hl_buttons.addWidget(add)
        hl_buttons.addWidget(remove)
        hl_buttons.addStretch(1)
        hl_row = QHBoxLayout()
        hl_row.addWidget(self.highlights, 1)
        hl_row.addLayout(hl_buttons)

        self.host = QLineEdit(self)
        self.host.setPlaceholderText(self.tr("names separated by 、"))
        self.editors = QLineEdit(self)
        self.editors.setPlaceholderText(self.tr("names separated by 、"))
        self.video = QLineEdit(self)
        self.video.setPlaceholderText("https://www.bilibili.com/video/…")
        self.zhihu = QLineEdit(self)
        self.zhihu.setPlaceholderText("https://zhuanlan.zhihu.com/p/…")

        form.addRow(self.tr("Series"), self.series)
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Date and time"), when)
        form.addRow(self.tr("Highlights"), hl_row)
        form.addRow(self.tr("Host"), self.host)
        form.addRow(self.tr("Editors"), self.editors)
        form.addRow(self.tr("Video link"), self.video)
        form.addRow(self.tr("Zhihu link"), self.zhihu)

        for key in ("series", "number", "title", "timezone", "video", "zhihu"):
            getattr(self, key).textEdited.connect(
                lambda text, k=key: self._set(k, text.strip()))
        self.host.textEdited.connect(
            lambda text: self._set("host", credit_names.split_names(text)))
        self.editors.textEdited.connect(
            lambda text: self._set("editors", credit_names.split_names(text)))
        self.date.dateChanged.connect(self._date_changed)
        self.time.timeChanged.connect(self._time_changed)
        self.highlights.itemChanged.connect(self._highlights_changed)
        self.highlights.model().rowsMoved.connect(self._highlights_changed)
        document.changed.connect(self._document_changed)
        self.refresh()

    def _set(self, key: str, value) -> None:
        if not self._updating:
            self._updating = True
            try:
                self.document.set_meta(key, value)
            finally:
                self._updating = False

    def _date_changed(self, date: QDate) -> None:
        self._set("date", "" if date == NO_DATE else date.toString("yyyy-MM-dd"))

    def _time_changed(self, time: QTime) -> None:
        self._set("time", time.toString("HH:mm"))

    def _highlights_changed(self, *_args) -> None:
        items = [self.highlights.item(i).text().strip() for i in range(self.highlights.count())]
        self._set("highlights", [text for text in items if text])

    def _add_highlight(self) -> None:
        item = self._highlight_item(self.tr("New highlight"))
        self.highlights.addItem(item)
        self._highlights_changed()
        self.highlights.setCurrentItem(item)
        self.highlights.editItem(item)

    def _remove_highlight(self) -> None:
        row = self.highlights.currentRow()
        if row >= 0:
            self.highlights.takeItem(row)
            self._highlights_changed()

    @staticmethod
    def _highlight_item(text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)
        return item

    def _document_changed(self, section_id: str) -> None:
        if not section_id and not self._updating:
            self.refresh()

    def detach(self) -> None:
        self.document.changed.disconnect(self._document_changed)

    def attach(self, document: IssueDocument) -> None:
        self.document = document
        document.changed.connect(self._document_changed)
        self.refresh()

    def refresh(self) -> None:
        issue = self.document.issue
        self._updating = True
        try:
            for key in ("series", "number", "title", "timezone", "video", "zhihu"):
                widget = getattr(self, key)
                if widget.text() != getattr(issue, key):
                    widget.setText(getattr(issue, key))
            for widget, names in ((self.host, issue.host), (self.editors, issue.editors)):
                # both empty (the start-up document): nothing to compare, no names rule loaded
                if (widget.text() or names) and credit_names.split_names(widget.text()) != names:
                    widget.setText("、".join(names))
            date = QDate.fromString(issue.date, "yyyy-MM-dd") if issue.date else NO_DATE
            self.date.setDate(date if date.isValid() else NO_DATE)
            time = QTime.fromString(issue.time, "HH:mm") if issue.time else QTime(21, 0)
            self.time.setTime(time if time.isValid() else QTime(21, 0))
            current = [self.highlights.item(i).text() for i in range(self.highlights.count())]
            if current != issue.highlights:
                self.highlights.clear()
                for text in issue.highlights:
                    self.highlights.addItem(self._highlight_item(text))
        finally:
            self._updating = False
