"""What the window does for Zhihu: the export (check, options, files, clipboard) and the
Zhihu preview mode."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from ...storage import files as storage
from ...storage.yaml_format import IssueFormatError
from .. import dialogs
from ..panels.preview import PreviewPane
from .window_api import WindowApi


class ZhihuActions(QObject):
    def __init__(self, api: WindowApi, preview: PreviewPane, show_preview, parent=None):
        super().__init__(parent)
        self.api = api
        self.preview = preview
        self.show_preview = show_preview  # callable: make the preview dock visible

    def export_zhihu(self) -> bool:
        """Check, export to a folder, and put the post (HTML + plain text) on the clipboard."""
        from ...zhihu import export as zhihu

        issue = self.api.document.saved_issue()
        path = self.api.document.path
        issue_dir = path.parent if path else None
        settings = self.api.settings
        base_url = settings.image_base_url()
        warnings = [f"{w.where}：{w.message}" if w.where else w.message
                    for w in zhihu.precheck(issue, issue_dir, base_url or None)]
        folder = (issue_dir or settings.archive_dir() / storage.folder_name(issue)) / "zhihu"
        parent = self.api.dialog_parent()
        options = dialogs.zhihu_export(parent, zhihu.zhihu_title(issue), warnings, folder,
                                       base_url, settings.zhihu_link_cards())
        if options is None:
            return False
        settings.set_image_base_url(options["image_base_url"])
        settings.set_zhihu_link_cards(options["link_cards"])
        self.api.manager.save_settings()
        try:
            result = zhihu.export_issue(issue, options["folder"], issue_dir,
                                        options["image_base_url"] or None, options["link_cards"])
        except (OSError, IssueFormatError) as exc:
            dialogs.show_error(parent, self.tr("Export failed"), str(exc))
            return False
        self.copy_post_to_clipboard(result.post)
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
