"""Autosave: every open draft, saved or not, is copied to the recovery folder shortly after
typing pauses, and the copy is removed once the draft is saved or closed cleanly.

``failed(message)`` comes with every failed write; ``protectionChanged(on, message)`` only
when crash protection turns off (the first failure after a success) or on again (the first
success after failures), so the host is told once each way, not at every keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ...errors import IssueFormatError
from ...storage.recovery import RecoveryStore
from ..error_words import describe_error
from .issue_document import IssueDocument

AUTOSAVE_MS = 1500
# While autosave fails, it tries again this often (ms) even without new typing.
RETRY_MS = 10_000


class Autosaver(QObject):
    saved = Signal(str)
    failed = Signal(str)
    protectionChanged = Signal(bool, str)

    def __init__(self, store: RecoveryStore | None = None, parent=None):
        super().__init__(parent)
        self.store = store or RecoveryStore()
        self.document: IssueDocument | None = None
        self.entry_id = ""
        # False while autosave keeps failing: the draft is not protected against a crash.
        self.protected = True
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)

    def detach(self) -> None:
        """Stop following the document (it is about to be dropped)."""
        if self.document is not None:
            self._timer.stop()
            self.document.changed.disconnect(self._schedule)
            self.document.modifiedChanged.disconnect(self._modified_changed)
            self.document = None

    def attach(self, document: IssueDocument, entry_id: str | None = None) -> None:
        """Follow ``document``; a restored draft keeps its recovery entry id."""
        self.detach()
        if self.entry_id and entry_id != self.entry_id:
            self.store.remove(self.entry_id)
        self.document = document
        self.entry_id = entry_id or self.store.new_id()
        document.changed.connect(self._schedule)
        document.modifiedChanged.connect(self._modified_changed)
        if document.is_modified():
            self._schedule()

    def _schedule(self, *_args) -> None:
        self._timer.start(AUTOSAVE_MS)

    def _modified_changed(self, modified: bool) -> None:
        if not modified:
            self._timer.stop()
            self.store.remove(self.entry_id)

    def flush(self) -> None:
        """Write the recovery copy now (if there is anything unsaved)."""
        self._timer.stop()
        if self.document is None or not self.document.is_modified():
            return
        try:
            path = self.store.write(self.entry_id, self.document.saved_issue(),
                                    self.document.path)
        except (OSError, IssueFormatError) as exc:
            self.failed.emit(describe_error(exc))
            if self.protected:
                self.protected = False
                self.protectionChanged.emit(False, describe_error(exc))
            self._timer.start(RETRY_MS)
            return
        if not self.protected:
            self.protected = True
            self.protectionChanged.emit(True, "")
        self.saved.emit(str(path))

    def discard(self) -> None:
        """The draft was closed on purpose: forget its recovery copy."""
        self._timer.stop()
        if self.entry_id:
            self.store.remove(self.entry_id)
