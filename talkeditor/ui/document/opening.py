"""Opening a file off the GUI thread (issue 14: "opening a 7.9 MB issue freezes the window").

The host's opens (File › Open, Open Recent, the Past Issues panel) read the file in a worker
thread of the window's :class:`~talkeditor.ui.background.BackgroundTasks`: loading or importing
reports progress, a progress dialog with Cancel appears after half a second, and the open issue
stays open, untouched, until the new one has been read. Cancel or an error keep it; only a
finished read replaces it (through the manager, on the GUI thread, as ``open_path`` does). If
the host edited the open issue while the file was being read (before the dialog appeared), they
are asked again whether to save it.

:func:`read` is the core work of every open, in the worker or (``DocumentManager.open_path``,
for the API and start-up) on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ...errors import IssueFormatError
from ...importing.open_any import OpenedIssue, open_issue
from ...progress import Progress

if TYPE_CHECKING:
    from ..background import BackgroundTasks
    from .manager import DocumentManager


def read(path: Path, archive_folder: Path | None, progress: Progress | None = None
         ) -> OpenedIssue:
    """``importing.open_any.open_issue``: an ``issue.yaml`` loaded, or a past issue imported
    with the archive's titles and issues (read by an Archive of its own from
    ``archive_folder``, so a worker thread may call it). Raises IssueFormatError, or
    Cancelled from ``progress``; reads only, so a cancelled read leaves nothing behind."""
    return open_issue(path, archive_folder, progress)


class BackgroundOpener(QObject):
    """The manager's opens in a worker thread (see the module docstring)."""

    def __init__(self, manager: DocumentManager, tasks: BackgroundTasks) -> None:
        super().__init__(manager)
        self.manager, self.tasks = manager, tasks

    def open(self, path: str | Path, opened: Callable[[], None] | None = None) -> bool:
        """Start reading ``path``; False (nothing started) while another open runs.
        ``opened`` is called once the new issue is shown."""
        path = Path(path)
        if self.tasks.running("open") is not None:
            return False
        manager = self.manager
        archive_folder = manager.archive().folder
        before = manager.document
        edited: list[str] = []
        before.changed.connect(edited.append)

        def stop_watching() -> None:
            try:
                before.changed.disconnect(edited.append)
            except (RuntimeError, TypeError):
                pass  # the document is gone already

        def done(result) -> None:
            stop_watching()
            if (edited and manager.document is before and before.is_modified()
                    and not manager.maybe_save()):
                return
            manager.show_read(path, result)
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
            "open", lambda progress: read(path, archive_folder, progress),
            self.tr("Reading “%1”…").replace("%1", path.name),
            title=self.tr("Open issue"), done=done, failed=failed, cancelled=cancelled)
        if task is None:
            stop_watching()
        return task is not None
