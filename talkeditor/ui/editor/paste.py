"""What pasting and dropping into a section body does beyond inserting text.

- A lone URL pasted on an empty line goes in as ``<URL>`` (house style) and the page's title
  is fetched in a worker thread and put above it as ``title``, blank line, ``<URL>`` — one
  undo step, nothing at all when the fetch fails, the line was changed meanwhile, or the
  setting is off. Typing goes on while it fetches. When the nearest non-blank line above is
  a title line (text, as in ``标题``, blank line, ``<URL>``), the host typed the title already
  and nothing is fetched: ``links.urls.lacks_title``, the rule Fill Missing Link Titles uses.
- A pasted image, or dropped picture files, are stored in the issue's ``assets/`` under a
  content-hash name (through the document, which writes them or keeps them pending until
  the first save) and ``![](assets/NAME)`` is inserted. JPEG photos and PNG files are kept
  as they are (``.jpg``/``.png``); other pictures are converted to PNG. An image with the
  same bytes already in the issue is reused, not stored twice.

``TitleFetcher`` runs ``links.titles.fetch_title`` in its own QThreadPool and reports back
on the GUI thread; ``BodyPaste`` is what ``BodyEditor.paste_handler`` calls.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from shiboken6 import isValid

from ...lazy import lazy_import
from ...storage import assets
from .. import wording

urls = lazy_import("talkeditor.links.urls")  # with archive.repeats: used after the first paint

FETCH_THREADS = 4


class _Relay(QObject):
    done = Signal(int, object)  # job id, title (str) or the exception


class _Job(QRunnable):
    def __init__(self, job: int, work: Callable[[], object], relay: _Relay):
        super().__init__()
        self.job, self.work, self.relay = job, work, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed back to the GUI thread
            result = exc
        if isValid(self.relay):
            self.relay.done.emit(self.job, result)


def _fetch_title(url: str) -> str:
    """``links.titles.fetch_title``, imported on the first fetch (in a worker thread: a plain
    import, which holds the import lock) rather than before the window's first paint."""
    from ...links.titles import fetch_title

    return fetch_title(url)


class TitleFetcher(QObject):
    """Runs work off the GUI thread in its own QThreadPool. ``start(url, callback)`` fetches
    a page title; ``submit(work, callback)`` runs any ``work()``. Both return at once;
    ``callback(result)`` runs later on the GUI thread with the result or the exception."""

    def __init__(self, fetch: Callable[[str], str] | None = None, parent=None):
        super().__init__(parent)
        self.fetch = fetch or _fetch_title
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(FETCH_THREADS)
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._callbacks: dict[int, Callable] = {}
        self._ids = itertools.count(1)

    def submit(self, work: Callable[[], object], callback: Callable[[object], None]) -> None:
        job = next(self._ids)
        self._callbacks[job] = callback
        self.pool.start(_Job(job, work, self._relay))

    def start(self, url: str, callback: Callable[[object], None]) -> None:
        fetch = self.fetch
        self.submit(lambda: urls.one_line_title(fetch(url)), callback)

    def pending(self) -> int:
        return len(self._callbacks)

    def _done(self, job: int, result: object) -> None:
        callback = self._callbacks.pop(job, None)
        if callback is not None:
            callback(result)

    def wait(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)


def png_bytes(image: QImage) -> bytes:
    """The image encoded as PNG (in memory)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def insert_title_above(doc: QTextDocument, block_position: int, url: str, title: str) -> bool:
    """Put ``title`` and a blank line above the line at ``block_position`` when that line
    still holds ``url`` alone; one undo step. Returns whether it went in."""
    block = doc.findBlock(block_position)
    if not block.isValid() or block.position() != block_position \
            or urls.lone_url(block.text()) != url:
        return False
    previous = block.previous()
    lead = "\n" if previous.isValid() and previous.text().strip() else ""
    cursor = QTextCursor(block)
    cursor.beginEditBlock()
    cursor.insertText(lead + title + "\n\n")
    cursor.endEditBlock()
    return True


class BodyPaste(QObject):
    """The body editor's paste and drop handler (see the module docstring).

    ``document()`` gives the open IssueDocument; ``fetch_titles()`` says whether the setting
    is on. ``message(text)`` reports what happened (for the status bar); ``titleInserted``
    and ``titleFailed`` carry the URL.
    """

    message = Signal(str)
    titleInserted = Signal(str)
    titleFailed = Signal(str, str)

    def __init__(self, editor, document: Callable, fetch_titles: Callable[[], bool],
                 fetcher: TitleFetcher, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.document = document
        self.fetch_titles = fetch_titles
        self.fetcher = fetcher
        editor.paste_handler = self

    # -- what the editor asks
    def can_insert(self, mime) -> bool:
        return mime.hasImage() or bool(self._picture_files(mime))

    def __call__(self, mime) -> bool:
        """Handle ``mime`` if it is an image, picture files or a lone URL; True if handled."""
        if mime.hasImage():
            raw = bytes(mime.data("image/jpeg")) if mime.hasFormat("image/jpeg") else b""
            if raw and assets.kept_suffix(raw):  # a photo copied as JPEG stays JPEG
                return self._insert_pictures([raw])
            image = QImage(mime.imageData())
            return self._insert_pictures([png_bytes(image)] if not image.isNull() else [])
        files = self._picture_files(mime)
        if files:
            return self._insert_files(files)
        if mime.hasText():
            return self._paste_url(mime.text())
        return False

    # -- images
    @staticmethod
    def _picture_files(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        found = [u.toLocalFile() for u in mime.urls()]
        if found and all(f and f.lower().endswith(assets.PICTURE_SUFFIXES) for f in found):
            return found
        return []

    def _insert_files(self, files: list[str]) -> bool:
        pictures = []
        for name in files:
            try:
                data = assets.read_image_file(name)
            except ValueError as exc:
                self.message.emit(wording.describe_error(exc))
                continue
            if QImage.fromData(data).isNull():
                self.message.emit(self.tr("%1 is not a picture Qt can read").replace("%1", name))
                continue
            pictures.append(data)
        return self._insert_pictures(pictures) or True

    def store_picture(self, data: bytes) -> str:
        """Store a picture Qt can read in the issue (see the module docstring); returns
        ``assets/NAME``. Raises OSError when writing fails."""
        suffix = assets.kept_suffix(data)
        if suffix is None:
            data, suffix = png_bytes(QImage.fromData(data)), ".png"
        return self.document().add_picture(data, suffix)

    def _insert_pictures(self, pictures: list[bytes]) -> bool:
        refs = []
        for data in pictures:
            try:
                refs.append(self.store_picture(data))
            except OSError as exc:
                self.message.emit(self.tr("The image was not saved: %1").replace(
                    "%1", exc.strerror or str(exc)))
        if not refs:
            return bool(pictures)
        self.insert_references(refs)
        return True

    def insert_references(self, refs: list[str]) -> None:
        """Insert ``![](ref)`` lines at the cursor, each on a line of its own; one undo step."""
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        before = cursor.block().text()[:cursor.positionInBlock()]
        text = "\n".join(f"![]({ref})" for ref in refs)
        cursor.insertText(("\n" if before.strip() else "") + text)
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        self.message.emit(self.tr("Image saved as %1").replace("%1", ", ".join(refs)))

    # -- a lone URL
    def _paste_url(self, text: str) -> bool:
        url = urls.lone_url(text.strip())
        cursor = self.editor.textCursor()
        if url is None or "\n" in text.strip() or cursor.hasSelection() \
                or cursor.block().text().strip():
            return False
        doc = self.editor.document()
        number = cursor.block().blockNumber()
        untitled = urls.lacks_title(doc.toPlainText().split("\n")[:number])
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(f"<{url}>")
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        if not self.fetch_titles() or not untitled:  # a title typed by hand is kept
            return True
        marker = QTextCursor(doc)
        marker.setPosition(cursor.block().position())
        marker.setKeepPositionOnInsert(True)
        self.message.emit(self.tr("Fetching the title of %1 …").replace("%1", url))

        def arrived(result, doc=doc, marker=marker, url=url) -> None:
            if not isValid(doc):
                return
            if isinstance(result, str) and result and \
                    insert_title_above(doc, marker.position(), url, result):
                self.message.emit(self.tr("Title added: %1").replace("%1", result))
                self.titleInserted.emit(url)
            else:
                reason = wording.describe_fetch_error(result) \
                    if isinstance(result, Exception) else self.tr("the line changed")
                self.message.emit(self.tr("No title for %1: %2").replace("%1", url)
                                  .replace("%2", reason))
                self.titleFailed.emit(url, reason)

        self.fetcher.start(url, arrived)
        return True
