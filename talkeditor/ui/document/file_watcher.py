"""Notices when the open issue changes on disk (another editor, a ``git pull``).

It watches the file and its folder (an atomic save replaces the file, which drops a plain file
watch), compares the file's content hash with the last one the app itself wrote or read, and
emits ``changedOnDisk(path)`` only for changes that are not the app's own. When the file
disappears (deleted, or its folder moved or renamed) it emits ``missingOnDisk(path)`` once,
and ``backOnDisk(path)`` if a file appears there again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ...errors import IssueFormatError
from ...storage.files import read_limited

SETTLE_MS = 250

#: twice the largest issue file storage.yaml_format reads (8 MiB)
READ_LIMIT = 2 * 8 * 1024 * 1024


def fingerprint(path: Path) -> str | None:
    import hashlib  # loaded on first use, not before the window's first paint

    try:
        return hashlib.sha256(read_limited(path, READ_LIMIT)).hexdigest()
    except IssueFormatError:
        return None


class FileWatcher(QObject):
    changedOnDisk = Signal(object)
    missingOnDisk = Signal(object)
    backOnDisk = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path: Path | None = None
        self.known: str | None = None
        # True once the watched file is gone from its path.
        self.missing = False
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._check)

    def watch(self, path: Path | None, known: str | None = None) -> None:
        """Watch ``path`` from now on. ``known``: the :func:`fingerprint` of the content the
        app showed, taken before it was read (a background open): a change or deletion made
        while it was read is then reported as soon as the watch starts. Default: the file as
        it is now."""
        for old in self._watcher.files() + self._watcher.directories():
            self._watcher.removePath(old)
        self.path = Path(path) if path else None
        self.missing = False
        if self.path is None:
            self.known = None
            return
        current = fingerprint(self.path)
        self.known = known if known is not None else current
        if current is None or current != self.known:
            self._settle.start()  # gone or changed since it was read: _check tells
        self._watcher.addPath(str(self.path.parent))
        if self.path.parent.parent != self.path.parent:  # sees the folder moved or renamed
            self._watcher.addPath(str(self.path.parent.parent))
        if self.path.exists():
            self._watcher.addPath(str(self.path))

    def note_own_write(self) -> None:
        """The app just wrote the file: its new content is not an external change."""
        if self.path is not None:
            self.known = fingerprint(self.path)
            self.missing = False
            if str(self.path) not in self._watcher.files() and self.path.exists():
                self._watcher.addPath(str(self.path))

    def _poke(self, *_args) -> None:
        self._settle.start()

    def _check(self) -> None:
        if self.path is None:
            return
        if not self.path.exists():
            if not self.missing:
                self.missing = True
                self.missingOnDisk.emit(self.path)
            return
        if self.missing:
            self.missing = False
            self.backOnDisk.emit(self.path)
        if str(self.path) not in self._watcher.files():
            self._watcher.addPath(str(self.path))
        current = fingerprint(self.path)
        if current is None or current == self.known:
            return
        self.known = current
        self.changedOnDisk.emit(self.path)
