"""What the window shows so that no work is lost silently: notices for failing disks and for
files that vanish or turn unreadable under the app (the DocumentManager notices them).

* Autosave failing: one notice that crash protection is off (with the reason), replaced by
  one that it is back on when a write works again.
* The open file deleted or its folder moved: a notice with Save As… and Save here again; the
  text stays open, and Save does not silently recreate the old path (it asks for Save As).
* An external change that cannot be read: a notice naming the problem; the host's text stays.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from ..document.manager import DocumentManager
from ..notice_bar import NoticeBar

FILE_NOTICES = ("file-missing", "file-unreadable")


class WorkSafety(QObject):
    def __init__(self, manager: DocumentManager, bar: NoticeBar, parent=None):
        super().__init__(parent)
        self.manager = manager
        self.bar = bar
        manager.autosaver.protectionChanged.connect(self._protection_changed)
        manager.fileMissing.connect(self._file_missing)
        manager.fileBack.connect(lambda _path: self.bar.clear("file-missing"))
        manager.fileUnreadable.connect(self._file_unreadable)
        manager.saved.connect(self._clear_file_notices)
        manager.documentChanged.connect(self._clear_file_notices)

    def _clear_file_notices(self, *_args) -> None:
        """Saved, or another document shown: notices about the old file no longer apply."""
        for key in FILE_NOTICES:
            self.bar.clear(key)

    def _protection_changed(self, on: bool, message: str) -> None:
        if on:
            self.bar.show_notice("autosave", self.tr(
                "Autosave works again: crash protection is back on."), level="info")
            return
        self.bar.show_notice("autosave", self.tr(
            "Autosave is failing (%1): crash protection is OFF. Save your work, or free "
            "disk space; autosave keeps trying.").replace("%1", message),
            [(self.tr("Save"), self.manager.save)], level="error", closable=False)

    def _file_missing(self, path) -> None:
        self.bar.show_notice("file-missing", self.tr(
            "“%1” was deleted or its folder moved by another program. Your text is still "
            "here; save it to keep it.").replace("%1", str(path)),
            [(self.tr("Save As…"), self.manager.save_as),
             (self.tr("Save here again"), self.manager.save_here_again)], level="error",
            closable=False)

    def _file_unreadable(self, path, reason: str) -> None:
        if not reason:
            self.bar.clear("file-unreadable")
            return
        self.bar.show_notice("file-unreadable", self.tr(
            "“%1” was changed by another program and cannot be read now (%2). Your text is "
            "kept; saving will overwrite that file.").replace("%1", str(path)).replace(
            "%2", reason), [(self.tr("Save As…"), self.manager.save_as)])
