"""The archive panel: every past issue (number, date, host, highlights), newest first, and a
search box that filters as you type over everything in the archive, showing where each hit is.

Double-clicking an issue or a hit asks the window to open it (``openRequested``); the panel
reads the archive only through the core's Archive and SearchIndex.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...archive.folder import Archive
from .wrapping import wrap_rows

SEARCH_DELAY_MS = 120
PATH_ROLE = Qt.ItemDataRole.UserRole
SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_ROLE = Qt.ItemDataRole.UserRole + 2


class ArchivePanel(QWidget):
    """Emits ``openRequested(path, section_id, line)``, ``nextRequested(path)`` and
    ``folderChangeRequested()``."""

    openRequested = Signal(object, str, int)
    nextRequested = Signal(object)
    folderChangeRequested = Signal()

    def __init__(self, archive: Archive, parent=None):
        super().__init__(parent)
        self.setObjectName("archivePanel")
        self.archive = archive
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        change = QPushButton(self.tr("Folder…"), self)
        change.setToolTip(self.tr("Choose the archive folder (a folder of NNN/issue.yaml)"))
        change.clicked.connect(self.folderChangeRequested)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(change)

        self.search = QLineEdit(self)
        self.search.setObjectName("archiveSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search all past issues: titles, people, links…"))
        self.issues = QTreeWidget(self)
        self.issues.setObjectName("archiveIssues")
        self.issues.setHeaderLabels([self.tr("No."), self.tr("Date"), self.tr("Host"),
                                     self.tr("Highlights")])
        self.issues.setRootIsDecorated(False)
        self.issues.setAlternatingRowColors(True)
        self.hits = QTreeWidget(self)
        self.hits.setObjectName("archiveHits")
        self.hits.setHeaderLabels([self.tr("No."), self.tr("Where"), self.tr("Text")])
        self.hits.setRootIsDecorated(False)
        # The text wraps under a narrow "where": in a 250 px dock it is not cut to a few
        # characters.
        wrap_rows(self.hits)
        self.hits.header().setStretchLastSection(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.issues)
        self.stack.addWidget(self.hits)
        self.status = QLabel(self)
        self.next_button = QPushButton(self.tr("Start the Next Issue from This One"), self)
        self.next_button.setObjectName("archiveNext")
        self.next_button.clicked.connect(self._next_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.next_button)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.issues.itemActivated.connect(self._issue_activated)
        self.hits.itemActivated.connect(self._hit_activated)
        self.refresh()

    def set_archive(self, archive: Archive) -> None:
        self.archive = archive
        self.refresh()

    def refresh(self) -> None:
        """Re-list the archive (only changed files are read again) and re-run the search."""
        self.folder_label.setText(self.tr("Archive: %1").replace("%1", str(self.archive.folder)))
        entries = self.archive.entries()
        self.issues.clear()
        for entry in entries:
            item = QTreeWidgetItem([entry.number, entry.date, "、".join(entry.host),
                                    "；".join(entry.highlights)])
            item.setData(0, PATH_ROLE, str(entry.path))
            item.setToolTip(3, "\n".join(entry.highlights))
            self.issues.addTopLevelItem(item)
        for column in range(3):
            self.issues.resizeColumnToContents(column)
        errors = self.archive.errors
        text = self.tr("%1 issues").replace("%1", str(len(entries)))
        if errors:
            text += " · " + self.tr("%1 unreadable").replace("%1", str(len(errors)))
            self.status.setToolTip("\n".join(f"{p}: {m}" for p, m in errors))
        self.status.setText(text)
        self.next_button.setEnabled(bool(entries))
        if self.search.text().strip():
            self.run_search()

    def run_search(self) -> None:
        query = self.search.text().strip()
        if not query:
            self.stack.setCurrentWidget(self.issues)
            self.refresh_status()
            return
        hits = self.archive.search_index().search(query)
        self.hits.clear()
        meta_labels = {"title": self.tr("title"), "date": self.tr("date"),
                       "highlights": self.tr("highlights"), "host": self.tr("host"),
                       "editors": self.tr("editors"), "video": self.tr("video"),
                       "zhihu": self.tr("Zhihu link")}
        for hit in hits:
            where = " / ".join(hit.section_path) or meta_labels.get(hit.label, hit.label) \
                or self.tr("issue")
            if hit.line:
                where += self.tr(", line %1").replace("%1", str(hit.line))
            item = QTreeWidgetItem([hit.number, where, hit.snippet])
            item.setData(0, PATH_ROLE, str(hit.key) if hit.key else "")
            item.setData(0, SECTION_ROLE, hit.section_id or "")
            item.setData(0, LINE_ROLE, hit.line)
            item.setToolTip(2, hit.text)
            self.hits.addTopLevelItem(item)
        self.hits.resizeColumnToContents(0)
        self.hits.resizeColumnToContents(1)
        room = self.hits.viewport().width() - self.hits.columnWidth(0)
        self.hits.setColumnWidth(1, max(min(self.hits.columnWidth(1), room * 2 // 5), 60))
        self.stack.setCurrentWidget(self.hits)
        self.status.setText(self.tr("%1 hits").replace("%1", str(len(hits))))

    def refresh_status(self) -> None:
        count = self.issues.topLevelItemCount()
        self.status.setText(self.tr("%1 issues").replace("%1", str(count)))

    def selected_path(self) -> Path | None:
        item = self.issues.currentItem()
        return Path(item.data(0, PATH_ROLE)) if item is not None else None

    def _issue_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.openRequested.emit(Path(item.data(0, PATH_ROLE)), "", 0)

    def _hit_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.openRequested.emit(Path(path), item.data(0, SECTION_ROLE) or "",
                                    int(item.data(0, LINE_ROLE) or 0))

    def _next_clicked(self) -> None:
        path = self.selected_path()
        if path is None:
            latest = self.archive.latest()
            path = latest.path if latest else None
        if path is not None:
            self.nextRequested.emit(path)
