"""Help › User Guide (the Chinese guide, rendered) and About."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ... import __version__, paths
from ...errors import IssueFormatError
from ...lazy import lazy_import
from .window_api import WindowApi

dialogs = lazy_import("talkeditor.ui.dialogs")  # loaded on first use, after the first paint


class HelpActions(QObject):
    def __init__(self, api: WindowApi, parent=None):
        super().__init__(parent)
        self.api = api

    def about(self) -> None:
        dialogs.about(self.api.dialog_parent(), __version__)

    def show_guide(self):
        """The guide in a window of its own; returns it (None if the guide is missing)."""
        from ...render.html import markdown_to_html
        from ...storage.files import read_limited

        try:
            guide = paths.guide_path()
            text = read_limited(guide, 2 * 1024 * 1024).decode("utf-8")
        except (FileNotFoundError, IssueFormatError, UnicodeDecodeError) as exc:
            dialogs.show_error(self.api.dialog_parent(), self.tr("User guide"), str(exc))
            return None
        return dialogs.show_guide(self.api.dialog_parent(), markdown_to_html(text), guide.parent)
