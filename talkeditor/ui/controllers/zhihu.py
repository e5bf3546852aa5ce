"""What the window does for Zhihu: the export (check, options, title, files, clipboard) and the
Zhihu preview mode.

One path: :meth:`ZhihuActions.post` builds the post with the window's settings; the preview
shows it, and the export writes ``post.html`` and fills the clipboard from the same
:func:`talkeditor.zhihu.export.build_post` result, so their bodies are the same bytes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from ...errors import IssueFormatError
from ...lazy import lazy_import
from ...storage import assets
from ...storage import files as storage
from .. import wording
from ..panels.preview import PreviewPane
from .window_api import WindowApi

dialogs = lazy_import("talkeditor.ui.dialogs")  # loaded on first use, after the first paint


class ZhihuActions(QObject):
    def __init__(self, api: WindowApi, preview: PreviewPane, show_preview, parent=None):
        super().__init__(parent)
        self.api = api
        self.preview = preview
        self.show_preview = show_preview  # callable: make the preview dock visible

    def _issue_dir(self):
        path = self.api.document.path
        return path.parent if path else None

    def post(self, title: str | None = None, image_base_url: str | None = None,
             link_cards: bool | None = None):
        """The post as the export would write it (the settings' image prefix and link cards
        unless given; the proposed title unless ``title``)."""
        from ...zhihu import export as zhihu

        settings = self.api.settings
        base = settings.image_base_url() if image_base_url is None else image_base_url
        cards = settings.zhihu_link_cards() if link_cards is None else link_cards
        return zhihu.build_post(self.api.document.saved_issue(), self._issue_dir(),
                                base or None, cards, title)

    def export_zhihu(self) -> bool:
        """Check, export to a folder, and put the post (HTML + plain text) on the clipboard.

        An issue not saved yet has its images (the next issue's QR codes, pasted pictures)
        only in memory: they are staged in a temporary folder so the post gets them too."""
        document = self.api.document
        pending = dict(document.pending_assets) if document.path is None else {}
        if not pending:
            return self._export(self._issue_dir())
        try:
            with assets.staged_folder(pending) as staged:
                return self._export(staged)
        except OSError as exc:
            dialogs.show_error(self.api.dialog_parent(), self.tr("Export failed"),
                               exc.strerror or str(exc))
            return False

    def _export(self, issue_dir) -> bool:
        from ...zhihu import export as zhihu

        issue = self.api.document.saved_issue()
        settings = self.api.settings
        parent = self.api.dialog_parent()
        base_url = settings.image_base_url()
        try:
            post = zhihu.build_post(issue, issue_dir, base_url or None,
                                    settings.zhihu_link_cards())
        except IssueFormatError as exc:
            dialogs.show_error(parent, self.tr("Export failed"), wording.describe_error(exc))
            return False
        warnings = [wording.describe_zhihu_warning(w) for w in post.warnings]
        folder = (self._issue_dir()
                  or settings.archive_dir() / storage.folder_name(issue)) / "zhihu"
        options = dialogs.zhihu_export(parent, post.title, warnings, folder, base_url,
                                       settings.zhihu_link_cards(), zhihu.zhihu_title(issue))
        if options is None:
            return False
        settings.set_image_base_url(options["image_base_url"])
        settings.set_zhihu_link_cards(options["link_cards"])
        self.api.manager.save_settings()
        try:
            result = zhihu.export_issue(issue, options["folder"], issue_dir,
                                        options["image_base_url"] or None, options["link_cards"],
                                        options.get("title") or None)
        except (OSError, IssueFormatError) as exc:
            dialogs.show_error(parent, self.tr("Export failed"), wording.describe_error(exc))
            return False
        self.copy_post_to_clipboard(result.post)
        if self.preview.mode == "zhihu":
            self.preview.refresh()
        self.api.show_message(self.tr("Exported to %1; the post is on the clipboard")
                              .replace("%1", str(result.folder)), 10000)
        return True

    def copy_post_to_clipboard(self, post) -> None:
        from PySide6.QtCore import QMimeData

        data = QMimeData()
        data.setHtml(post.html)
        data.setText(post.plain_text)
        QGuiApplication.clipboard().setMimeData(data)

    def toggle_zhihu_preview(self, on: bool) -> None:
        self.preview.set_mode("zhihu" if on else "issue")
        if on:
            self.show_preview()
