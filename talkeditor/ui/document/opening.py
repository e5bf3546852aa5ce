"""Opening a file off the GUI thread (issue 14: "opening a 7.9 MB issue freezes the window").

The host's opens (File › Open, Open Recent, the Past Issues panel) read the file in a worker
thread of the window's :class:`~talkeditor.ui.background.BackgroundTasks`: loading or importing
reports progress, a progress dialog with Cancel appears after half a second, and the open issue
stays open, untouched, until the new one has been read. Cancel or an error keep it; only a
finished read replaces it (through the manager, on the GUI thread, as ``open_path`` does). If
the host edited the open issue while the file was being read (before the dialog appeared), they
are asked again whether to save it; if they switched to another issue meanwhile (File › New,
New from Past Issue), that later choice wins and the read is cancelled.
Opening another file while one is read is the host's later choice too: the running read is
cancelled and the new one starts when it has stopped.

:func:`read` is the core work of every open, in the worker or (``DocumentManager.open_path``,
for the API and start-up) on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ...errors import IssueFormatError
from ...importing.open_any import OpenedIssue, is_issue_file, open_issue
from ...progress import Progress
from .file_watcher import fingerprint

if TYPE_CHECKING:
    from ..background import BackgroundTasks
    from .manager import DocumentManager


def read(path: Path, archive, progress: Progress | None = None) -> OpenedIssue:
    """``importing.open_any.open_issue``: an ``issue.yaml`` loaded, or a past issue imported
    with the archive's titles and issues (``archive``: the window's ``Archive``, or in a worker
    thread the issues read from it beforehand). Raises IssueFormatError, or Cancelled from
    ``progress``; reads only, so a cancelled read leaves nothing behind."""
    return open_issue(path, archive, progress)


def read_watched(path: Path, archive, progress: Progress | None = None
                 ) -> tuple[str | None, OpenedIssue]:
    """``(fingerprint, read(...))``: the file's fingerprint (``file_watcher``) taken before
    the read, so that a change or deletion during a long read is not taken for the content
    shown (None for an import, which opens as a new draft)."""
    known = fingerprint(path) if is_issue_file(path) else None
    return known, read(path, archive, progress)


class BackgroundOpener(QObject):
    """The manager's opens in a worker thread (see the module docstring)."""

    def __init__(self, manager: DocumentManager, tasks: BackgroundTasks) -> None:
        super().__init__(manager)
        self.manager, self.tasks = manager, tasks
        # the host's latest choice while another file is still being read
        self._next: tuple[Path, Callable[[], None] | None] | None = None

    def open(self, path: str | Path, opened: Callable[[], None] | None = None) -> bool:
        """Start reading ``path``; False if it could not start. While another file is being
        read, the host's later choice wins: that read is cancelled and ``path`` is read once
        it has stopped. ``opened`` is called once the new issue is shown."""
        path = Path(path)
        running = self.tasks.running("open")
        if running is not None:
            if self._next is None:
                running.ended.connect(self._open_next)
            self._next = (path, opened)
            running.cancel()
            return True
        manager = self.manager
        # the window's Archive re-reads only changed files; the worker gets its issues
        archive_issues = None if is_issue_file(path) else manager.archive().issues()
        before = manager.document
        edited: list[str] = []
        before.changed.connect(edited.append)
        started: list = []  # the task, once started

        def switched(_document) -> None:
            if started:
                started[0].cancel()  # the host moved on to another issue: theirs wins

        manager.documentChanged.connect(switched)

        def stop_watching() -> None:
            for signal, slot in ((manager.documentChanged, switched),
                                 (before.changed, edited.append)):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass  # the object is gone already

        def done(result) -> None:
            stop_watching()
            if (edited and manager.document is before and before.is_modified()
                    and not manager.maybe_save()):
                return
            known, issue_or_import = result
            manager.show_read(path, issue_or_import, known)
            if opened is not None:
                opened()

        def failed(error: BaseException) -> None:
            stop_watching()
            if isinstance(error, IssueFormatError):
                manager.open_failed(path, error)
            else:
                self.tasks.show_error(error, self.tr("Cannot open the issue"))

        def cancelled() -> None:
            stop_watching()
            manager.message.emit(self.tr("Opening “%1” was cancelled; the open issue is "
                                         "unchanged.").replace("%1", path.name), 8000)

        task = self.tasks.start(
            "open", lambda progress: read_watched(path, archive_issues, progress),
            self.tr("Reading “%1”…").replace("%1", path.name),
            title=self.tr("Open issue"), done=done, failed=failed, cancelled=cancelled)
        if task is None:
            stop_watching()
        else:
            started.append(task)
        return task is not None

    def _open_next(self, _outcome: str) -> None:
        following, self._next = self._next, None
        if following is not None:
            self.open(*following)
