"""Notices when the open issue changes on disk (another editor, a ``git pull``).

It watches the file and its folder (an atomic save replaces the file, which drops a plain file
watch), compares the file's content hash with the last one the app itself wrote or read, and
emits ``changedOnDisk(path)`` only for changes that are not the app's own, and ``missing(path)``
once when the file disappears.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ...storage.files import read_limited
from ...storage.yaml_format import MAX_BYTES, IssueFormatError

SETTLE_MS = 250


def fingerprint(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_limited(path, MAX_BYTES * 2)).hexdigest()
    except IssueFormatError:
        return None


class FileWatcher(QObject):
    changedOnDisk = Signal(object)
    missing = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path: Path | None = None
        self.known: str | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._check)

    def watch(self, path: Path | None) -> None:
        for old in self._watcher.files() + self._watcher.directories():
            self._watcher.removePath(old)
        self.path = Path(path) if path else None
        if self.path is None:
            self.known = None
            return
        self.known = fingerprint(self.path)
        self._watcher.addPath(str(self.path.parent))
        if self.path.exists():
            self._watcher.addPath(str(self.path))

    def note_own_write(self) -> None:
        """The app just wrote the file: its new content is not an external change."""
        if self.path is not None:
            self.known = fingerprint(self.path)
            if str(self.path) not in self._watcher.files() and self.path.exists():
                self._watcher.addPath(str(self.path))

    def _poke(self, *_args) -> None:
        self._settle.start()

    def _check(self) -> None:
        if self.path is None:
            return
        if self.path.exists() and str(self.path) not in self._watcher.files():
            self._watcher.addPath(str(self.path))
        current = fingerprint(self.path)
        if current is None and not self.path.exists() and self.known is not None:
            self.known = None
            self.missing.emit(self.path)
            return
        if current is None or current == self.known:
            return
        self.known = current
        self.changedOnDisk.emit(self.path)
