"""The archive panel: every past issue (number, date, host, highlights), newest first, and a
search box that filters as you type over everything in the archive, showing where each hit is.

Double-clicking an issue or a hit asks the window to open it (``openRequested``); the panel
reads the archive only through the core's on-disk ``ArchiveIndex``. Nothing is read when the
panel is made: ``start()`` (the window calls it after its first paint) lists what the index
already holds and brings the index up to date in a worker thread (its own ``ArchiveIndex``,
its own SQLite connection), the list filling in as the worker commits.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
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
from .on_screen import on_screen
from .wrapping import wrap_rows

if TYPE_CHECKING:
    from ...archive.index import ArchiveIndex

SEARCH_DELAY_MS = 120
#: while the worker reads the archive, the list is filled again at most this often, and only
#: while the panel is on screen (a fill costs ~40 us an issue, ~0.2 s at 5,000, more while the
#: reading thread competes for the GIL) ...
REFILL_SECONDS = 1.0
#: ... and at most this share of the time
REFILL_SHARE = 0.1
PATH_ROLE = Qt.ItemDataRole.UserRole
SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_ROLE = Qt.ItemDataRole.UserRole + 2


class _ScanRelay(QObject):
    """Carries the worker thread's news to the GUI thread (queued signals). It has no parent,
    so it lives as long as the worker holds it, even if the panel goes first."""

    progress = Signal(int, int)
    finished = Signal(bool, str)


class ArchiveScan:
    """One background update of an archive's index: ``ArchiveIndex(folder).update()`` in a
    daemon thread; ``relay.progress(done, total)`` after each commit, ``relay.finished(changed,
    error)`` at the end (error: '' or what went wrong). Once the relay is gone (the app is
    quitting) the update stops at the next file, quietly."""

    #: seconds ``stop(wait=True)`` waits for the thread (it stops at the next file, ~ms)
    WAIT_SECONDS = 2.0

    def __init__(self, folder: Path):
        self.folder = folder
        self.relay = _ScanRelay()
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="archive-index", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, wait: bool = False) -> None:
        """Stop at the next file; ``wait``: until the thread has ended (at most
        ``WAIT_SECONDS``), so that the interpreter's exit does not cut a write short."""
        self._stop.set()
        if wait and self.thread.is_alive():
            self.thread.join(self.WAIT_SECONDS)

    def _send(self, signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the relay was deleted with the app: nobody is listening
            self._stop.set()

    def _run(self) -> None:
        from ...archive.index import ArchiveIndex  # sqlite3 and search: after the first paint

        relay = self.relay
        try:
            with ArchiveIndex(self.folder) as index:
                changed = index.update(
                    progress=lambda done, total: self._send(relay.progress, done, total),
                    stop=self._stop.is_set)
        except Exception as exc:  # reported in the panel, never a crash
            self._send(relay.finished, False, f"{type(exc).__name__}: {exc}")
            return
        self._send(relay.finished, changed, "")


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
        self.index: ArchiveIndex | None = None
        self.scan: ArchiveScan | None = None
        self._scan_again = False
        self._filled_at = 0.0
        self._fill_seconds = 0.0  # how long the last fill took
        self._fill_pending = False  # the index has entries the hidden list does not show
        self._errors: list[tuple[Path, str]] = []
        self.destroyed.connect(self._stop_scan_of(self))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop_before_quitting)
        self._show_folder()

    @staticmethod
    def _stop_scan_of(panel: ArchivePanel):
        holder = {"panel": panel}

        def stop(*_args) -> None:
            scan = getattr(holder.pop("panel", None), "scan", None)
            if scan is not None:
                scan.stop()
        return stop

    def _show_folder(self) -> None:
        self.folder_label.setText(self.tr("Archive: %1").replace("%1", str(self.archive.folder)))

    def set_archive(self, archive: Archive) -> None:
        self.stop()
        if self.index is not None:
            self.index.close()
            self.index = None
        self.archive = archive
        self._show_folder()
        self.start()

    def start(self) -> None:
        """List what the index already holds, then bring it up to date in the background."""
        # The clear button's icon costs ~9 ms the first time; the window calls start() after
        # its first paint, when the panel is usually behind its tab anyway.
        self.search.setClearButtonEnabled(True)
        if self.index is None:
            from ...archive.index import ArchiveIndex  # sqlite3 and search: after the first paint

            try:
                self.index = ArchiveIndex(self.archive.folder)
            except Exception as exc:  # the panel says so, the app goes on
                self.status.setText(self.tr("The archive index cannot be opened: %1")
                                    .replace("%1", str(exc)))
                return
            self._fill()
        self.refresh()

    def stop(self, wait: bool = False) -> None:
        """Stop the background update (what it committed stays); ``wait``: see
        ``ArchiveScan.stop``."""
        if self.scan is not None:
            self.scan.stop(wait)
            self.scan = None
        self._scan_again = False

    def _stop_before_quitting(self) -> None:
        self.stop(wait=True)

    def is_scanning(self) -> bool:
        return self.scan is not None

    def refresh(self) -> None:
        """Read the archive again in the background (only changed files are parsed); the list
        and the search follow as it goes."""
        if self.index is None:
            self.start()
            return
        if self.scan is not None:
            self._scan_again = True
            return
        self.scan = ArchiveScan(self.archive.folder)
        self.scan.relay.progress.connect(self._scan_progress)
        self.scan.relay.finished.connect(self._scan_finished)
        self.scan.start()
        self._show_count(reading=True)

    def _scan_progress(self, done: int, total: int) -> None:
        due = max(REFILL_SECONDS, self._fill_seconds / REFILL_SHARE)
        if not on_screen(self):
            self._fill_pending = True
        elif time.monotonic() - self._filled_at >= due:
            self._fill()
        self._show_count(reading=True, done=done, total=total)

    def catch_up(self, shown: bool = True) -> None:
        """The panel came into view (its dock's ``visibilityChanged``): show what the
        background reading added meanwhile."""
        if shown and self._fill_pending and self.index is not None:
            self._fill()

    def _scan_finished(self, changed: bool, error: str) -> None:
        if self.sender() is not (self.scan.relay if self.scan else None):
            return
        self.scan = None
        if changed or error:
            self._fill()
        if error:
            self._errors = [(self.archive.folder, error), *self._errors]
        self._show_count()
        if self.search.text().strip():
            self.run_search()
        if self._scan_again:
            self._scan_again = False
            self.refresh()

    def _fill(self) -> None:
        """The list again from the index, keeping the selected issue."""
        self._filled_at = time.monotonic()
        self._fill_pending = False
        selected = self.selected_path()
        entries = self.index.entries()
        self._errors = self.index.errors()
        self.issues.setUpdatesEnabled(False)
        self.issues.clear()
        items = []
        selected_item = None
        for entry in entries:
            item = QTreeWidgetItem([entry.number, entry.date, "、".join(entry.host),
                                    "；".join(entry.highlights)])
            item.setData(0, PATH_ROLE, str(entry.path))
            item.setToolTip(3, "\n".join(entry.highlights))
            items.append(item)
            if selected is not None and entry.path == selected:
                selected_item = item
        self.issues.addTopLevelItems(items)
        if selected_item is not None:
            self.issues.setCurrentItem(selected_item)
        for column in range(3):
            self.issues.resizeColumnToContents(column)
        self.issues.setUpdatesEnabled(True)
        self.next_button.setEnabled(bool(entries))
        if self.stack.currentWidget() is self.issues:
            self._show_count(reading=self.scan is not None)
        self._fill_seconds = time.monotonic() - self._filled_at

    def _show_count(self, reading: bool = False, done: int = 0, total: int = 0) -> None:
        if self.stack.currentWidget() is not self.issues:
            return
        count = self.issues.topLevelItemCount()
        text = self.tr("%1 issues").replace("%1", str(count))
        if self._errors:
            text += " · " + self.tr("%1 unreadable").replace("%1", str(len(self._errors)))
            self.status.setToolTip("\n".join(f"{p}: {m}" for p, m in self._errors))
        if reading:
            text += " · " + (self.tr("reading the archive… %1 of %2").replace(
                "%1", str(done)).replace("%2", str(total)) if total
                else self.tr("reading the archive…"))
        self.status.setText(text)

    def run_search(self) -> None:
        query = self.search.text().strip()
        if not query:
            self.stack.setCurrentWidget(self.issues)
            self.refresh_status()
            return
        if self.index is None:
            self.start()
            if self.index is None:
                return
        hits = self.index.search(query)
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
        self._show_count(reading=self.scan is not None)

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
            latest = self.index.latest() if self.index is not None else self.archive.latest()
            path = latest.path if latest else None
        if path is not None:
            self.nextRequested.emit(path)
