"""The live preview: the whole issue as it will be published, in a QTextBrowser.

It re-renders when the document's changes stop (``changesStopped``, after typing pauses) and
only while it is on screen (a preview hidden or tabbed away catches up when shown), converting
only the sections whose Markdown changed (render.HtmlCache) and replacing only their part of the
document (preview_sections.SectionMap: an edit costs its section, not the issue), keeps the
edited section in view,
and makes each heading a link that selects its section. When the Markdown to convert costs more
than BACKGROUND_COST (a huge pasted section, thousands of brackets), it is converted in a
worker thread while the window stays responsive and the previous preview stays on screen; a
section beyond the renderer's limits (see talkeditor.render.markdown_tree) shows its heading
and a notice instead of its body. It loads nothing remote, runs nothing, reads images only
inside the issue's folder, and hands http(s)/mailto links to the system browser. Images not yet
written (an imported .docx, a new issue's carried images, pasted before the first save) come
from the document's ``pending_image`` hook; images wider than the pane are scaled to its width.

Resource loading is owned entirely by :meth:`PreviewPane.loadResource`, which never falls back
to QTextBrowser/QTextDocument reading files (it never returns None, and there are no search
paths): images come only through ``image_source(ref) -> bytes`` (by default the document's
``image_bytes``: pending images, then regular image files inside the issue's folder), are
decoded with QImageReader under an allocation limit, and every image that is not shown is a
visible placeholder naming the reason (remote, file://, outside the folder, not a file, too
large, cannot be decoded). ``refused`` maps each such address to its reason.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QImageReader, QPainter, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from ... import paths
from ...collector import COLLECTOR_HOLD
from ...errors import IssueFormatError
from ...lazy import lazy_import
from ...render.html import HtmlCache
from ...storage import images
from ...storage.images import ImageRefused
from .. import wording
from ..document.issue_document import IssueDocument
from .on_screen import RefreshOnScreen
from .preview_sections import SectionMap

# markdown-it and our rules (tens of ms of regex compiling): loaded by the first render, after
# the window's first paint, in the GUI thread (refresh() reads it before any worker does)
markdown_tree = lazy_import("talkeditor.render.markdown_tree")
html = lazy_import("html")  # html.entities: 2 ms, not needed before the first paint

DEBOUNCE_MS = 250
# stale Markdown costing more than this (markdown_tree.render_cost, about microseconds of
# parsing) is converted off the GUI thread: at most about 200 ms of work (the whole real
# issue 004 costs 136,000)
BACKGROUND_COST = 150_000
EXTERNAL_SCHEMES = ("http", "https", "mailto")
# Memory one decoded image may take (MB, QImageReader.setAllocationLimit); 8000x8000 RGBA.
IMAGE_ALLOCATION_MB = 256
# Pixels on the longer side of an image the preview decodes.
MAX_IMAGE_SIDE = 16_000
_HEADING = re.compile(r"^<h([1-6])>(.*?)</h\1>", re.S)


def anchor_name(section_id: str) -> str:
    return f"sec-{section_id}" if section_id else "sec-title"


class PreviewPane(RefreshOnScreen, QTextBrowser):
    """Emits ``sectionClicked(id)`` when a section heading is clicked."""

    sectionClicked = Signal(str)
    # from the worker thread: [(section_id, markdown, html or MarkdownLimitError)]
    _converted = Signal(object)

    def __init__(self, document: IssueDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("preview")
        self.document_ = document
        self.cache = self._new_cache()
        self.current_section = ""
        self.converting = False
        self._converted.connect(self._on_converted)
        self.mode = "issue"
        #: Builds the Zhihu post for the Zhihu mode (set by the window); None: default options.
        self.zhihu_source = None
        self._scrolled_to = None
        self._fitted_width = 0  # the width images were last fitted to (0: none shown)
        self._stale = False
        #: where each section is in the document on screen, for in-place updates; mapped
        #: while that document is the issue's HTML as the cache last gave it
        self.sections = SectionMap()
        # Where images come from: ``image_source(ref) -> bytes`` or ImageRefused(reason).
        self.image_source: Callable[[str], bytes] = lambda ref: self.document_.image_bytes(ref)
        # Image address -> why it is not shown (for the host's eyes and for tests).
        self.refused: dict[str, str] = {}
        self._zhihu_images: dict[str, str] = {}
        self.setSearchPaths([])
        self.document().setUndoRedoEnabled(False)  # in-place updates keep no history
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._due)
        self.set_dark(False)
        self.attach(document)

    def attach(self, document: IssueDocument) -> None:
        self.document_ = document
        self.cache = self._new_cache()
        self._show_all_next()
        document.changesStopped.connect(self.schedule)
        document.structureChanged.connect(self.schedule)
        self.schedule()  # debounced: the first render comes after the window's first paint

    def detach(self) -> None:
        self.document_.changesStopped.disconnect(self.schedule)
        self.document_.structureChanged.disconnect(self.schedule)

    def showEvent(self, event) -> None:  # Qt API
        super().showEvent(event)
        if self._stale:
            self.schedule()

    def set_dark(self, dark: bool) -> None:
        name = "preview-dark.css" if dark else "preview.css"
        self._show_all_next()
        self.document().setDefaultStyleSheet(paths.resource_text("styles", name))

    def schedule(self, *_args) -> None:
        """Re-render soon; a hidden preview only notes that it is out of date."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def html(self, sources: list[tuple[str, str]] | None = None) -> str:
        """The preview's HTML: every section's cached HTML, headings linked to their section
        (``_decorate``, once per conversion). ``sources``: the issue's Markdown per section,
        when the caller has it already."""
        return "\n".join(fragment for _sid, fragment in
                         self.cache.issue_parts(self.document_.sync(), sources))

    @staticmethod
    def _decorate(section_id: str, fragment: str) -> str:
        """The section's anchor and its heading linked to the section. The anchor goes inside
        the heading, where Qt puts it on the heading's first character whatever came before
        (before the heading it lands in the block's format or on the first character
        depending on how the previous section ended, e.g. a table's empty last cell)."""
        anchor = f'<a name="{anchor_name(section_id)}"></a>'
        heading = _HEADING.match(fragment)
        if heading is None:
            return anchor + fragment
        level, inner = heading.group(1), heading.group(2)
        return (f'<h{level}>{anchor}<a href="section:{html.escape(section_id)}">{inner}</a>'
                f"</h{level}>{fragment[heading.end():]}")

    def set_mode(self, mode: str) -> None:
        """'issue' (the published issue) or 'zhihu' (the exported Zhihu post)."""
        self.mode = mode
        self._show_all_next()
        self.refresh()

    def _show_all_next(self) -> None:
        """The next render sets the whole document, even if no section changed (another
        style sheet or width, the Zhihu mode, another document), and goes to the section
        being edited (a pixel place means nothing in another layout)."""
        self._scrolled_to = None
        self.cache.forget_shown()
        self.sections.reset(None, None)

    def zhihu_html(self) -> str:
        """The Zhihu preview: the post from ``zhihu_source`` (the window's export path, so the
        body is byte for byte the clipboard's and post.html's), its title as a heading."""
        from ...zhihu import export as zhihu

        try:
            if self.zhihu_source is not None:
                post = self.zhihu_source()
            else:
                folder = self.document_.path.parent if self.document_.path else None
                post = zhihu.build_post(self.document_.saved_issue(), folder)
        except IssueFormatError as exc:  # e.g. a bad image address prefix in the settings
            return f"<p>{html.escape(str(exc))}</p>"
        # The post names local images images/<name>; the preview asks for them by their
        # place in the issue folder. Anything else (file://, remote) meets loadResource's rules.
        folder = self.document_.path.parent.resolve() if self.document_.path else None
        self._zhihu_images = {}
        for path, name in post.images:
            path = Path(path).resolve()
            if folder is not None and path.is_relative_to(folder):
                self._zhihu_images[f"images/{name}"] = path.relative_to(folder).as_posix()
        return zhihu.preview_html(post)

    def _new_cache(self) -> HtmlCache:
        return HtmlCache(on_limit=self._limit_notice, decorate=self._decorate)

    def _limit_notice(self, text: str, error: markdown_tree.MarkdownLimitError) -> str:
        """The section's heading and why its body is not shown."""
        heading = text.split("\n", 1)[0]
        head = markdown_tree.markdown_to_html(heading) \
            if heading.startswith("#") and len(heading) < 2000 else ""
        if error.kind == "chars":
            why = self.tr("This section has {0} characters: the preview shows sections of up "
                          "to {1} characters.").format(f"{len(text):,}", f"{error.limit:,}")
        else:
            why = self.tr("This section nests quotes or lists more than {0} levels deep: the "
                          "preview does not show it.").format(error.limit)
        return f'{head}<p class="render-limit"><b>{html.escape(why)}</b></p>\n'

    def refresh(self) -> None:
        self._timer.stop()
        self._stale = False
        if self.mode == "issue":
            issue = self.document_.sync()
            sources = self.cache.sources(issue)
            stale = self.cache.stale(issue, sources)
            if sum(markdown_tree.render_cost(text) for _key, text in stale) > BACKGROUND_COST:
                self._convert_in_background(stale)
                return
            update = self.cache.update(issue, sources)
            if self.sections.mapped and update.runs is not None:
                if not update.runs or self._replace_sections(update):
                    self._follow_section()
                    return  # nothing else the host would see changed: no new layout
            text = update.html()
        else:
            text = self.zhihu_html()
        self.show_whole(text)

    def _replace_sections(self, update) -> bool:
        """Put the changed, added and moved sections in place of the old ones (see
        preview_sections); False if the whole document must be set instead."""
        runs = []
        for old_start, old_end, new_start, new_end in update.runs:
            parts = update.parts[new_start:new_end]
            runs.append((old_start, old_end, [anchor_name(key) for key, _html in parts],
                         "\n".join(html for _key, html in parts)))
        return self.sections.replace(self.document(), runs)

    def show_whole(self, text: str) -> None:
        """Set the whole document to ``text`` (the issue's HTML, or the Zhihu post's), keeping
        the place or going to the section being edited."""
        bar = self.verticalScrollBar()
        position = bar.value()
        self.refused = {}
        self.setHtml(text)
        if self.mode == "issue":
            self.sections.reset(self.document(),
                                [anchor_name(key) for key, _html in self.cache.shown_parts()])
        else:
            self.cache.forget_shown()
            self.sections.reset(None, None)
        if not self._follow_section():
            # Still on the same section: keep the place (finding the anchor again costs a
            # layout of everything above it, ~50 ms on a 100k-character issue).
            bar.setValue(position)

    def _follow_section(self) -> bool:
        """Scroll to the section being edited if the preview has not shown it yet."""
        if self.current_section and self._scrolled_to != self.current_section \
                and self.sections.has(anchor_name(self.current_section)):
            self.scrollToAnchor(anchor_name(self.current_section))
            self._scrolled_to = self.current_section
            return True
        return False

    def _convert_in_background(self, stale: list[tuple[str, str]]) -> None:
        if self.converting:
            return  # the running job ends with a refresh, which picks up newer edits
        self.converting = True
        cache = self.cache

        def work() -> None:  # worker thread: pure conversion of immutable strings
            results = []
            COLLECTOR_HOLD.acquire()  # no full collection holding the GIL meanwhile
            try:
                for key, text in stale:
                    try:
                        results.append((key, text, markdown_tree.markdown_to_html(text)))
                    except markdown_tree.MarkdownLimitError as exc:
                        results.append((key, text, exc))
            finally:
                COLLECTOR_HOLD.release()
            try:
                self._converted.emit((cache, results))
            except RuntimeError:  # the pane was deleted meanwhile
                pass

        threading.Thread(target=work, name="preview-convert", daemon=True).start()

    def _on_converted(self, payload) -> None:
        cache, results = payload
        self.converting = False
        if cache is not self.cache:  # another document was attached meanwhile
            self.schedule()
            return
        for key, text, converted in results:
            if isinstance(converted, markdown_tree.MarkdownLimitError):
                converted = self._limit_notice(text, converted)
            cache.store(key, text, converted)
        self.refresh()

    def show_section(self, section_id: str) -> None:
        self.current_section = section_id
        self._scrolled_to = None
        # a section not shown yet (before the first render, just added) is scrolled to when
        # the render lands: QTextEdit.scrollToAnchor goes to the top for a missing anchor
        self._follow_section()

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "section":
            self.sectionClicked.emit(url.path())
        elif url.scheme() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)

    def fit_width(self, image: QImage) -> QImage:
        """``image`` scaled down to the pane's width when it is wider (never scaled up).

        The width allows for a vertical scroll bar whether or not one shows, so that a scroll
        bar appearing does not change the fit (and start another render)."""
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        room = (self.width() - 2 * self.frameWidth() - bar
                - int(2 * self.document().documentMargin()) - 4)
        self._fitted_width = self.width()
        if room > 32 and image.width() > room:
            return image.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation)
        return image

    def resizeEvent(self, event) -> None:  # Qt API
        super().resizeEvent(event)
        if self._fitted_width and self.width() != self._fitted_width:
            self._fitted_width = 0
            self._show_all_next()
            self.schedule()  # images are fitted again on the next render

    def loadResource(self, kind, url):  # Qt API
        """Every resource the preview's document asks for; never None (None would let Qt
        read the file itself). Images through ``image_source``, everything else empty."""
        if kind != QTextDocument.ResourceType.ImageResource:
            return QByteArray()
        ref = url.toString()
        try:
            if self.mode == "zhihu" and unquote(ref) in self._zhihu_images:
                ref = self._zhihu_images[unquote(ref)]
            image = decode_image(self.image_source(ref))
        except ImageRefused as refused:
            self.refused[url.toString()] = refused.reason
            return placeholder_image(self.tr("Image not shown: %1").replace(
                "%1", wording.describe_image_refusal(refused)))
        return self.fit_width(image)


def decode_image(data: bytes) -> QImage:
    """Decode image bytes with QImageReader under an allocation limit; ImageRefused if the
    data is not an image or would be too large once decoded."""
    QImageReader.setAllocationLimit(IMAGE_ALLOCATION_MB)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > MAX_IMAGE_SIDE:
        raise ImageRefused(f"too many pixels ({size.width()}×{size.height()})",
                           images.TOO_MANY_PIXELS, width=size.width(), height=size.height())
    image = reader.read()
    if image.isNull():
        raise ImageRefused(f"cannot be decoded ({reader.errorString()})", images.UNDECODABLE,
                           detail=reader.errorString())
    return image


def placeholder_image(text: str) -> QImage:
    """A small framed box with ``text`` in it, standing where an image is not shown."""
    image = QImage(420, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("#f3f0e8"))
    painter = QPainter(image)
    painter.setPen(QColor("#a05a00"))
    painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
    painter.drawText(QRect(8, 0, image.width() - 16, image.height()),
                     Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()
    return image
