"""The window's link and image commands: titles for pasted URLs (through the body editor's
paste handler), Edit › Fill Missing Link Titles, and Insert › Image….

Fetching runs in worker threads (``paste.TitleFetcher``); results are applied on the GUI
thread to the section bodies' text documents, and only where the bare URL is still untitled
when the titles arrive: one step on the document's history (``begin_step``/``end_step``), so
one Undo takes the titles out of every section, whatever has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QTextCursor

from ...lazy import lazy_import
from ...storage import assets
from .. import wording
from ..editor.paste import BodyPaste, TitleFetcher
from .window_api import WindowApi

dialogs = lazy_import("talkeditor.ui.dialogs")  # loaded on first use, after the first paint

# fetching and checking links (threads, an HTML parser): on first use, after the first paint;
# read in the GUI thread before any worker uses it
issue_links = lazy_import("talkeditor.links.issue_links")
urls = lazy_import("talkeditor.links.urls")


class LinkActions(QObject):
    """``filled(count)`` is emitted when Fill Missing Link Titles is done."""

    filled = Signal(int)

    def __init__(self, api: WindowApi, fetch=None, parent=None):
        super().__init__(parent)
        self.api = api
        self.fetcher = TitleFetcher(fetch, self)
        self.paste = BodyPaste(api.body_editor(), lambda: self.api.document,
                               api.settings.fetch_link_titles, self.fetcher, self)
        self.paste.message.connect(lambda text: self.api.show_message(text, 8000))
        self.filling = False

    def sync_actions(self, fetch_toggle) -> None:
        """Show the saved setting on the Fetch Titles of Pasted Links toggle (a QAction)."""
        fetch_toggle.blockSignals(True)
        fetch_toggle.setChecked(self.api.settings.fetch_link_titles())
        fetch_toggle.blockSignals(False)

    def set_fetch_titles(self, on: bool) -> None:
        """The toggle: remember whether pasted links get their titles fetched."""
        if on != self.api.settings.fetch_link_titles():
            self.api.settings.set_fetch_link_titles(on)
            self.api.manager.save_settings()

    # ------------------------------------------------------------------ fill titles
    def fill_missing_titles(self) -> None:
        """Fetch the title of every bare URL without a title line, in the background."""
        if self.filling:
            return
        missing = issue_links.untitled_links(self.api.document.sync())
        if not missing:
            self.api.show_message(self.tr("Every link has a title line"), 8000)
            self.filled.emit(0)
            return
        found = [url for _place, url in missing]
        self.filling = True
        self.api.show_message(self.tr("Fetching %1 link titles …").replace(
            "%1", str(len(set(found)))), 0)
        document = self.api.document
        fetch = self.fetcher.fetch
        self.fetcher.submit(lambda: issue_links.fetch_titles(found, fetch),
                            lambda result: self._apply_titles(document, result))

    def _apply_titles(self, document, fetched) -> None:
        self.filling = False
        if document is not self.api.document or not isinstance(fetched, dict):
            self.filled.emit(0)
            return
        count = 0
        stepped = False
        for section, _depth in document.sync().walk():
            if not urls.missing_titles(section.body):
                continue
            doc = document.body_document(section.id)
            cursor = QTextCursor(doc)
            started = False
            for line, url in reversed(urls.missing_titles(doc.toPlainText())):
                title = fetched.get(url)
                if not isinstance(title, str) or not title:
                    continue
                block = doc.findBlockByNumber(line - 1)
                previous = block.previous()
                lead = "\n" if previous.isValid() and previous.text().strip() else ""
                if not stepped:
                    document.begin_step(self.tr("Fill missing link titles"))
                    stepped = True
                if not started:
                    cursor.beginEditBlock()
                    started = True
                cursor.setPosition(block.position())
                cursor.insertText(lead + title + "\n\n")
                count += 1
            if started:
                cursor.endEditBlock()
        if stepped:
            document.end_step()
        failed = sum(1 for v in fetched.values() if not isinstance(v, str))
        text = self.tr("Added %1 link titles").replace("%1", str(count))
        if failed:
            text += self.tr("; %1 pages gave no title").replace("%1", str(failed))
        self.api.show_message(text, 10000)
        self.filled.emit(count)

    # ------------------------------------------------------------------ images
    def insert_image(self) -> bool:
        """Insert › Image…: a picture file into assets/ (JPEG and PNG as they are, others as
        PNG; the same bytes already there are reused) and a reference at the cursor."""
        parent = self.api.dialog_parent()
        if not self.api.current_section():
            dialogs.show_info(parent, self.tr("Insert image"),
                              self.tr("Choose a section first: the image goes into its body."))
            return False
        document = self.api.document
        start = document.path.parent if document.path else None
        path = dialogs.open_image_path(parent, start)
        if not path:
            return False
        try:
            data = assets.read_image_file(path)
        except ValueError as exc:
            dialogs.show_error(parent, self.tr("Cannot insert the image"),
                               wording.describe_error(exc))
            return False
        image = QImage.fromData(data)
        if image.isNull():
            dialogs.show_error(parent, self.tr("Cannot insert the image"),
                               self.tr("%1 is not a picture Qt can read").replace(
                                   "%1", path.name))
            return False
        try:
            ref = self.paste.store_picture(data)
        except OSError as exc:
            dialogs.show_error(parent, self.tr("Cannot insert the image"),
                               exc.strerror or str(exc))
            return False
        self.paste.insert_references([ref])
        self.api.body_editor().setFocus()
        return True

    def carry_images(self, issue, folder, skip: set[str] = frozenset(),
                     imported: dict[str, bytes] | None = None) -> None:
        """Bring the images ``issue`` uses from ``folder`` (another issue's folder), or from
        ``imported`` (an imported past issue's images, name -> bytes), into the open issue's
        assets/ (pending until its first save), except the names in ``skip`` (the open
        issue's own images)."""
        if imported is not None:
            used = set(assets.asset_names(issue))
            found = {name: data for name, data in imported.items() if name in used}
        else:
            found = assets.collect_images(issue, folder)
        images = {name: data for name, data in found.items() if name not in skip}
        try:
            self.api.document.add_images(images)
        except OSError as exc:
            self.api.show_message(self.tr("Images not copied: %1").replace(
                "%1", exc.strerror or str(exc)), 10000)
