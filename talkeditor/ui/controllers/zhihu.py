"""What the window does for Zhihu: the export (check, options, title, files, clipboard) and the
Zhihu preview mode.

One path: :meth:`ZhihuActions.post` builds the post with the window's settings; the preview
shows it, and the export writes ``post.html`` and fills the clipboard from the same
:func:`talkeditor.zhihu.export.build_post` result, so their bodies are the same bytes.
"""

from __future__ import annotations

from contextlib import ExitStack

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

    def export_zhihu(self, background: bool = False) -> bool:
        """Check, export to a folder, and put the post (HTML + plain text) on the clipboard.

        An issue not saved yet has its images (the next issue's QR codes, pasted pictures)
        only in memory: they are staged in a temporary folder so the post gets them too.

        ``background`` (the menu action): the check and the export run in a worker thread
        with progress and Cancel (``ui/background.py``); the result shows when they end and
        the return value says only whether they started. A Cancel never leaves half an
        export: the export is cancellable only until it starts writing."""
        document = self.api.document
        pending = dict(document.pending_assets) if document.path is None else {}
        stack = ExitStack()  # the staged folder lives until the export ends
        try:
            issue_dir = (stack.enter_context(assets.staged_folder(pending)) if pending
                         else self._issue_dir())
        except OSError as exc:
            dialogs.show_error(self.api.dialog_parent(), self.tr("Export failed"),
                               exc.strerror or str(exc))
            return False
        if not background:
            with stack:
                return self._export(issue_dir, None)
        if not self._export(issue_dir, stack):
            stack.close()
            return False
        return True

    def export_in_background(self) -> bool:
        """Export for Zhihu (the menu action): the check and the export in a worker thread."""
        return self.export_zhihu(background=True)

    def _run(self, stack: ExitStack | None, work, label: str, done, writes: bool = False) -> bool:
        """``work(progress)`` now (``stack`` None) or in the background (closing ``stack``
        when it ends); errors as the 'Export failed' dialog. Returns what ``done`` returns,
        or (in the background) whether the work started. Work that ``writes`` keeps a result
        that came after a Cancel (the files are written); a check's result is dropped."""
        parent = self.api.dialog_parent()
        if stack is None:
            try:
                result = work(None)
            except (OSError, IssueFormatError) as exc:
                dialogs.show_error(parent, self.tr("Export failed"), wording.describe_error(exc))
                return False
            return done(result)

        def finished(result) -> None:
            try:
                done(result)
            finally:
                if self.api.manager.tasks.running("zhihu") is None:
                    stack.close()

        def failed(error: BaseException) -> None:
            stack.close()
            if isinstance(error, (OSError, IssueFormatError)):
                dialogs.show_error(parent, self.tr("Export failed"),
                                   wording.describe_error(error))
            else:
                self.api.manager.tasks.show_error(error, self.tr("Export failed"))

        def cancelled() -> None:
            stack.close()
            self.api.show_message(self.tr("The export to Zhihu was cancelled; nothing was "
                                          "written."), 8000)

        return self.api.manager.tasks.start(
            "zhihu", work, label, title=self.tr("Export to Zhihu"), done=finished,
            failed=failed, cancelled=cancelled, keep_late_result=writes) is not None

    def _export(self, issue_dir, stack: ExitStack | None) -> bool:
        from ...zhihu import export as zhihu

        issue = self.api.document.saved_issue()
        settings = self.api.settings
        parent = self.api.dialog_parent()
        base_url = settings.image_base_url()

        def checked(post) -> bool:
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
            return self._run(stack, lambda progress: zhihu.export_issue(
                issue, options["folder"], issue_dir, options["image_base_url"] or None,
                options["link_cards"], options.get("title") or None, progress),
                self.tr("Writing the post for Zhihu…"), self._exported, writes=True)

        return self._run(stack, lambda progress: zhihu.build_post(
            issue, issue_dir, base_url or None, settings.zhihu_link_cards(), progress=progress),
            self.tr("Checking the post for Zhihu…"), checked)

    def _exported(self, result) -> bool:
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
