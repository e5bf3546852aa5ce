"""File › Sync in the window: git sync in a background thread, the open issue merged in place,
the Conflicts panel, the author's name and the "last synced" line of the status bar.

Sync runs :func:`talkeditor.collab.sync.sync` in a QThread (the window stays responsive, a busy
bar and progress messages show in the status bar). It syncs the archive the open issue lives in
(``NNN/issue.yaml`` in a repository) or else the archive folder of the settings. When it ends,
the open issue is merged like any other change: base = the file as it was on disk when Sync
started (what was last loaded or saved), ours = the window's issue now (unsaved typing, even
typing done during the sync), theirs = the file after the sync. Bodies are patched with the
smallest edit, so cursors stay; the merge is one step of the issue's undo history. The
controller reaches the window through ``WindowApi``; ``install`` puts its dock and status
line into the window.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QThread, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QProgressBar

from ...errors import IssueFormatError
from ...lazy import lazy_import
from ...model import Issue
from .. import wording
from ..document.text_patch import patch_text
from ..panels.conflicts import ConflictsPanel
from .window_api import WindowApi

dialogs = lazy_import("talkeditor.ui.dialogs")  # loaded on first use, after the first paint

# git, the merge and conflict resolution: on the first status check or sync, after the first paint
git_sync = lazy_import("talkeditor.collab.sync")
collab_merge = lazy_import("talkeditor.collab.merge")
collab_resolve = lazy_import("talkeditor.collab.resolve")

STATUS_REFRESH_MS = 60_000
STATUS_FIRST_MS = 1_500


class SyncWorker(QThread):
    """Runs one sync (or, with a remote, the first share) off the UI thread."""

    progress = Signal(str, str)  # collab.sync.STEPS, where
    succeeded = Signal(object)  # SyncResult
    failed = Signal(str)

    def __init__(self, archive: Path, author: str, remote: str | None, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.author = author
        self.remote = remote

    def run(self) -> None:  # Qt API
        try:
            if self.remote:
                git_sync.init(self.archive, self.remote, self.author or None, self.progress.emit)
                result = git_sync.SyncResult(pushed=True)
                result.conflicts = git_sync.find_conflicts(self.archive)
            else:
                result = git_sync.sync(self.archive, author=self.author or None,
                                       progress=self.progress.emit)
        except git_sync.SyncError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # reported, never a crash of the window
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.succeeded.emit(result)




class SyncController(QObject):
    """The window's Sync, Your Name… and conflict handlers; see the module docstring."""

    finished = Signal(bool)  # after a sync has ended and everything is updated: True if it worked

    def __init__(self, api: WindowApi, parent=None):
        super().__init__(parent)
        self.api = api
        self.host: QMainWindow | None = None  # the window the dock and status line live in
        self.sync_action: QAction | None = None
        self.worker: SyncWorker | None = None
        self._base: Issue | None = None
        self._path: Path | None = None
        self.last_message = ""
        self._ok = False
        #: False until the first status check (after the first paint): the window's activation
        #: at start-up runs no git before the window is on screen
        self._first_status_done = False

    # ------------------------------------------------------------------ set-up
    def install(self, w: QMainWindow, view_menu: QMenu, tree_selected, sync_action: QAction,
                beside: QDockWidget) -> None:
        """Add the Conflicts dock (tabbed with ``beside``, listed in ``view_menu``) and the
        status-bar line to the window ``w``; follow the section selected in the tree
        (``tree_selected``: its ``sectionSelected`` signal). Called once the window is
        built."""
        self.host = w
        self.sync_action = sync_action
        self.panel = ConflictsPanel(w)
        self.panel.resolveRequested.connect(self.resolve)
        self.dock = QDockWidget(self.tr("Conflicts"), w)
        self.dock.setObjectName("conflictsDock")
        self.dock.setWidget(self.panel)
        w.addDockWidget(w.dockWidgetArea(beside), self.dock)
        self.dock.hide()
        # tabbed with ``beside`` when first shown: a hidden dock tabbed at start-up leaves
        # QMainWindow a stale tab bar drawn over the status bar
        self._beside = beside
        self.dock.visibilityChanged.connect(self._tab_when_shown)
        view_menu.addAction(self.dock.toggleViewAction())
        self.busy = QProgressBar(w)
        self.busy.setObjectName("syncProgress")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.status_label = QLabel(w)
        self.status_label.setObjectName("syncStatus")
        w.statusBar().addPermanentWidget(self.busy)
        w.statusBar().addPermanentWidget(self.status_label)
        tree_selected.connect(self.show_conflicts)
        self._timer = QTimer(self, interval=STATUS_REFRESH_MS)
        self._timer.timeout.connect(self.update_status)
        self._timer.start()
        w.installEventFilter(self)
        QTimer.singleShot(STATUS_FIRST_MS, self._first_status)  # after the first paint

    def _tab_when_shown(self, visible: bool) -> None:
        if not visible or self.dock.isFloating() or self._beside is None:
            return
        beside, self._beside = self._beside, None
        if self.dock not in self.host.tabifiedDockWidgets(beside):
            self.host.tabifyDockWidget(beside, self.dock)
            self.dock.raise_()

    def _first_status(self) -> None:
        self._first_status_done = True
        self.update_status()

    def eventFilter(self, obj, event) -> bool:  # Qt API
        if obj is self.host and event.type() == QEvent.Type.Close and self.running():
            self.worker.wait()  # a git process must not outlive the window half-way
        if obj is self.host and event.type() == QEvent.Type.WindowActivate \
                and self._first_status_done:
            self.update_status()
        return False

    def running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    # ------------------------------------------------------------------ which archive
    def archive_folder(self) -> Path:
        """The repository holding the open issue (``REPO/NNN/issue.yaml``), else the archive
        folder of the settings."""
        path = self.api.document.path
        if path is not None:
            candidate = Path(path).resolve().parent.parent
            if (candidate / ".git").exists():
                return candidate
        return Path(self.api.settings.archive_dir())

    # ------------------------------------------------------------------ the author
    def ask_author(self) -> str | None:
        name = dialogs.ask_text(self.api.dialog_parent(), self.tr("Your name"),
                                self.tr("The name your Sync commits carry and Sign Line As "
                                        "offers first:"), self.api.settings.author())
        if name:
            self.api.settings.set_author(name)
            self.api.manager.save_settings()
        return name

    # ------------------------------------------------------------------ syncing
    def sync_archive(self) -> bool:
        """Start a sync in the background; False when it did not start."""
        if self.running():
            return False
        archive = self.archive_folder()
        remote = None
        if not git_sync.status(archive).is_repository:
            remote = dialogs.ask_text(
                self.api.dialog_parent(), self.tr("Share the archive"),
                self.tr("“%1” is not shared yet. The address of the shared git repository "
                        "(e.g. https://github.com/you/talk-archive.git or a folder):")
                .replace("%1", str(archive)))
            if not remote:
                return False
        author = self.api.settings.author() or self.ask_author() or ""
        path = self.api.document.path
        self._path = Path(path) if path else None
        self._base = self._read_disk()
        self.api.manager.watcher.blockSignals(True)  # the pull's writes are not "changed on disk"
        self.worker = SyncWorker(archive, author, remote, self)
        self.worker.progress.connect(self._step)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._ended)
        self._ok = False
        self.sync_action.setEnabled(False)
        self.busy.show()
        self._progress(self.tr("Syncing %1…").replace("%1", str(archive)))
        self.worker.start()
        return True

    def _read_disk(self) -> Issue | None:
        if self._path is None or not self._path.exists():
            return None
        from ...storage.files import load_yaml_issue

        try:
            return load_yaml_issue(self._path)
        except IssueFormatError:
            return None

    def _step(self, step: str, where: str) -> None:
        self._progress(wording.describe_sync_step(step, where))

    def _progress(self, message: str) -> None:
        self.last_message = message
        self.api.show_message(message, 0)

    def _succeeded(self, result: git_sync.SyncResult) -> None:
        self._merge_open_issue()
        if result.conflicts:
            text = self.tr("Synced with %1 conflict(s) to resolve").replace(
                "%1", str(len(result.conflicts)))
        else:
            text = self.tr("Synced: %1").replace("%1", wording.describe_sync(result))
        self.api.show_message(text, 15000)
        self.last_message = text
        self._ok = True

    def _failed(self, message: str) -> None:
        self._merge_open_issue()  # a merge may have landed before the push failed
        self.last_message = message
        self.api.show_message("", 0)
        dialogs.show_error(self.api.dialog_parent(), self.tr("Sync failed"),
                           self.tr("The archive was not synced."), message)

    def _ended(self) -> None:
        self.api.manager.watcher.note_own_write()
        self.api.manager.watcher.blockSignals(False)
        self.sync_action.setEnabled(True)
        self.busy.hide()
        self.update_status()
        self.worker.deleteLater()
        self.worker = None
        self.finished.emit(self._ok)

    def _merge_open_issue(self) -> None:
        """Bring the sync's result into the open issue, keeping unsaved typing and cursors."""
        document = self.api.document
        if self._path is None or document.path is None or Path(document.path) != self._path:
            return
        theirs = self._read_disk()
        if theirs is None:
            return
        ours = document.sync().clone()  # bodies as typed
        merged = collab_merge.merge_issues(self._base, ours, theirs).issue
        if merged != ours:
            apply_issue(document, merged, self.tr("Merge from Sync"),
                        shown=self.api.current_section())
        if document.saved_issue() == theirs:
            document.undo_stack.setClean()
            document.set_modified(False)
        self.api.manager.watcher.note_own_write()
        self.show_conflicts()

    # ------------------------------------------------------------------ conflicts
    def show_conflicts(self, section_id: str | None = None) -> None:
        """Show the conflicts of the section (default: the one in the editor); the dock opens
        when the issue has any."""
        issue = self.api.document.issue
        sid = (self.api.current_section() if section_id is None else section_id) or ""
        section = issue.find(sid) if sid else None
        if section is None:
            sid = ""
        conflicts = section.conflicts if section is not None else issue.conflicts
        title = section.title if section is not None else issue.display_title()
        elsewhere = [s.title for s, _d in issue.walk() if s.conflicts and s.id != sid]
        if issue.conflicts and sid:
            elsewhere.insert(0, issue.display_title())
        self.panel.show_conflicts(sid, title, list(conflicts), elsewhere)
        anywhere = bool(elsewhere) or bool(conflicts)
        if anywhere and not self.dock.isVisible():
            self.dock.show()
            self.dock.raise_()

    def resolve(self, section_id: str, index: int, choice: str) -> None:
        """Take Mine / Take Theirs / Keep Both, as one undoable edit."""
        def mutate(issue: Issue) -> None:
            collab_resolve.resolve(issue, section_id, index, choice)

        try:
            apply_issue(self.api.document, None, self.tr("Resolve conflict"), mutate,
                        shown=self.api.current_section())
        except (KeyError, IndexError):
            pass  # the conflict was resolved meanwhile (undo, another click)
        self.show_conflicts()

    # ------------------------------------------------------------------ status line
    def update_status(self) -> None:
        state = git_sync.status(self.archive_folder())
        if not state.is_repository:
            text = self.tr("Archive not shared")
        else:
            when = self.tr("never synced") if state.last_sync is None else \
                self.tr("synced %1").replace("%1", time.strftime(
                    "%Y-%m-%d %H:%M", time.localtime(state.last_sync)))
            changes = self.tr("local changes") if state.local_changes else \
                self.tr("no local changes")
            text = f"{when} · {changes}"
        self.status_label.setText(text)


def apply_issue(document, merged: Issue | None, text: str, mutate=None,
                shown: str | None = None) -> None:
    """Make the document's issue ``merged`` (or apply ``mutate``) as one undo step. The body
    of the section ``shown`` in the editor is patched with a minimal edit so its cursor stays
    (that edit is part of the same step)."""
    if mutate is not None:
        merged = document.sync().clone()
        mutate(merged)
    section = merged.find(shown) if shown else None

    def replace(issue: Issue) -> None:
        for key, value in vars(merged.clone()).items():
            setattr(issue, key, value)

    document.begin_step(text)
    try:
        if section is not None and document.issue.find(shown) is not None:
            patch_text(document.body_document(shown), section.body)
        document.replace_issue(replace, text)
    finally:
        document.end_step()
