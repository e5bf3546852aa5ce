"""What the window does so that no work is lost silently: notices for failing disks and for
files that vanish or turn unreadable under the app.

* Autosave failing: one notice that crash protection is off (with the reason), replaced by
  one that it is back on when a write works again.
* The open file deleted or its folder moved: a notice with Save As… and Save here again; the
  text stays open, and Save does not silently recreate the old path (it asks for Save As).
* An external change that cannot be read: a notice naming the problem; the host's text stays.
* A save that failed half-way: what was written, in the error dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from ...errors import WriteError


class WorkSafety(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.bar = window.notice_bar
        # A path whose file vanished while open; Save there needs the host's word.
        self.missing: Path | None = None
        window.autosaver.protectionChanged.connect(self._protection_changed)
        window.watcher.missingOnDisk.connect(self._file_missing)
        window.watcher.backOnDisk.connect(self._file_back)

    def document_changed(self) -> None:
        """Another document is shown: notices about the old file no longer apply."""
        self.missing = None
        for key in ("file-missing", "file-unreadable"):
            self.bar.clear(key)

    # ------------------------------------------------------------------ autosave
    def _protection_changed(self, on: bool, message: str) -> None:
        if on:
            self.bar.show_notice("autosave", self.tr(
                "Autosave works again: crash protection is back on."), level="info")
            return
        self.bar.show_notice("autosave", self.tr(
            "Autosave is failing (%1): crash protection is OFF. Save your work, or free "
            "disk space; autosave keeps trying.").replace("%1", message),
            [(self.tr("Save"), self.w.save_action)], level="error", closable=False)

    # ------------------------------------------------------------------ the file on disk
    def _file_missing(self, path) -> None:
        self.missing = Path(path)
        self.w.document.set_modified(True)  # what is on screen is saved nowhere now
        self.bar.show_notice("file-missing", self.tr(
            "“%1” was deleted or its folder moved by another program. Your text is still "
            "here; save it to keep it.").replace("%1", str(path)),
            [(self.tr("Save As…"), self.w.save_as_action),
             (self.tr("Save here again"), self.save_here_again)], level="error",
            closable=False)

    def _file_back(self, _path) -> None:
        self.missing = None
        self.bar.clear("file-missing")

    def save_here_again(self) -> bool:
        """The host chose to write the vanished file back where it was."""
        self.missing = None
        return self.w.save()

    def blocks_save(self, target: Path) -> bool:
        """True if saving to ``target`` would silently recreate a file that vanished."""
        return self.missing is not None and Path(target) == self.missing

    def unreadable(self, path, error) -> None:
        self.bar.show_notice("file-unreadable", self.tr(
            "“%1” was changed by another program and cannot be read now (%2). Your text is "
            "kept; saving will overwrite that file.").replace("%1", str(path)).replace(
            "%2", str(error)), [(self.tr("Save As…"), self.w.save_as_action)])

    def saved(self) -> None:
        self.missing = None
        for key in ("file-missing", "file-unreadable"):
            self.bar.clear(key)

    # ------------------------------------------------------------------ failed saves
    def save_failure_text(self, exc: OSError) -> str:
        """The dialog's main line for a failed save: what was (not) written."""
        reason = exc.reason if isinstance(exc, WriteError) else (exc.strerror or str(exc))
        if isinstance(exc, WriteError) and exc.written:
            return self.tr("The save failed half-way (%1): %2 was written, the rest was "
                           "not.").replace("%1", reason).replace("%2", ", ".join(exc.written))
        return self.tr("The issue was not saved (%1); the files on disk are unchanged.").replace(
            "%1", reason)
