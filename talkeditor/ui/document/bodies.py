"""The section bodies of an IssueDocument: one QTextDocument per section shown, and the lazy
copy of edited text into the model (a mixin of IssueDocument; see its module docstring).

A body's QTextDocument is made when the section is first shown. Only a real edit
(``contentsChange`` with characters removed or added; highlighting emits none) marks it dirty;
``sync()`` copies dirty text into the model with ``toRawText`` (U+00A0 and U+2028 survive), so
a keystroke costs nothing per character of the section.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from ...model import Issue


class SectionBodies:
    """Needs from the document: ``issue``, ``_bodies``, ``_dirty``, ``_loading``,
    ``_modified``, ``_check_pending``, ``_pause``, ``changed``, ``_set_flag`` and
    ``_body_history_moved``."""

    def body_document(self, section_id: str) -> QTextDocument:
        """The section body's text document, created on first use and owned by this document
        (views must let go of it before this document is deleted)."""
        doc = self._bodies.get(section_id)
        if doc is None:
            section = self.issue.find(section_id)
            doc = QTextDocument(self)
            doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
            doc.setPlainText(section.body if section else "")
            doc.setModified(False)
            doc.clearUndoRedoStacks()
            doc.contentsChange.connect(
                lambda _pos, removed, added, sid=section_id: self._body_edited(sid, removed, added))
            doc.modificationChanged.connect(self._body_history_moved)
            self._bodies[section_id] = doc
        return doc

    def _body_edited(self, section_id: str, removed: int, added: int) -> None:
        """A real edit (highlighting emits no contentsChange). Costs nothing per character of
        the section: the text is copied to the model when typing pauses or the model is read."""
        if self._loading or not (removed or added):
            return
        self._dirty.add(section_id)
        if not self._modified:
            self._set_flag(True)  # listeners asking is_modified() now get True, no sync
        self._check_pending = True  # the exact answer is worked out when typing pauses
        self.changed.emit(section_id)
        self._pause.start()

    @staticmethod
    def _text_of(doc: QTextDocument) -> str:
        """The text exactly as typed: unlike toPlainText() it keeps U+00A0 and U+2028."""
        return doc.toRawText().replace("\u2029", "\n")

    def body_text(self, section_id: str) -> str:
        """A section's current body (its text document's text when edited)."""
        doc = self._bodies.get(section_id)
        if doc is not None and section_id in self._dirty:
            return self._text_of(doc)
        section = self.issue.find(section_id)
        return section.body if section else ""

    def sync(self) -> Issue:
        """Copy edited bodies into the model; returns the model."""
        for section_id in list(self._dirty):
            doc = self._bodies.get(section_id)
            section = self.issue.find(section_id)
            if doc is not None and section is not None:
                text = self._text_of(doc)
                if text != section.body:
                    section.body = text
        self._dirty.clear()
        return self.issue

    def _sync_bodies_into(self, issue: Issue) -> None:
        """Bodies shown in an editor follow their text documents: structural undo never
        reverts typing (sections never shown keep the snapshot's body)."""
        self.sync()
        for section, _depth in issue.walk():
            doc = self._bodies.get(section.id)
            if doc is None:
                continue
            current = self.issue.find(section.id)
            section.body = current.body if current is not None else self._text_of(doc)

    def _reload_bodies(self) -> None:
        """Bring text documents in line with the model after a whole-issue change."""
        self._loading = True
        try:
            for section, _depth in self.issue.walk():
                doc = self._bodies.get(section.id)
                if doc is not None and self._text_of(doc) != section.body:
                    cursor = QTextCursor(doc)
                    cursor.beginEditBlock()
                    cursor.select(QTextCursor.SelectionType.Document)
                    cursor.insertText(section.body)
                    cursor.endEditBlock()
        finally:
            self._loading = False
