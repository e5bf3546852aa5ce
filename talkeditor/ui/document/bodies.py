"""The section bodies of an IssueDocument: one QTextDocument per section shown, the lazy copy of
edited text into the model, and typing as steps of the document's one history (a mixin of
IssueDocument; see its module docstring).

A body's QTextDocument is made when the section is first shown and keeps no undo history of
its own. Only a real edit (``contentsChange`` with characters removed or added; highlighting
emits none) counts: the first edit of a typing run pushes one ``BodyCommand`` holding the text
before it; later keystrokes of the run only mark the section dirty. ``sync()`` copies dirty
text into the model with ``toRawText`` (U+00A0 and U+2028 survive) and into the open run's
"after" text, so a keystroke costs nothing per character of the section. A run ends when
typing pauses, another section is typed in, or any other change is made.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from ...model import Issue, Section
from .commands import BodyCommand
from .text_patch import patch_text


class SectionBodies:
    """Needs from the document: ``issue``, ``undo_stack``, ``_bodies``, ``_dirty``, ``_run``,
    ``_loading``, ``_modified``, ``_check_pending``, ``_pause``, ``changed``, ``_set_flag``
    and ``_touch``."""

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
            doc.setUndoRedoEnabled(False)  # one history: the document's undo_stack
            doc.contentsChange.connect(
                lambda _pos, removed, added, sid=section_id: self._body_edited(sid, removed, added))
            self._bodies[section_id] = doc
        return doc

    @contextmanager
    def composing(self):
        """While the input method shows uncommitted text (pinyin being composed): the body
        document changes on screen but the section does not, so no undo step starts; an
        open typing run goes on (composing is typing)."""
        loading = self._loading
        self._loading = True
        try:
            yield
        finally:
            self._loading = loading
        if self._run is not None:
            self._pause.start()

    def _body_edited(self, section_id: str, removed: int, added: int) -> None:
        """A real edit. Costs nothing per character of the section: the text is copied to the
        model when typing pauses or the model is read."""
        if self._loading or not (removed or added):
            return
        run = self._run
        if run is None or run.section_id != section_id:
            self.end_typing_run()
            section = self.issue.find(section_id)
            if section is None:
                return
            # The model still holds the text before this keystroke: a section is dirty only
            # while its own run is open, and ending a run syncs it.
            self._run = BodyCommand(self, self.tr("Typing"), section_id, section.body)
            self.undo_stack.push(self._run)
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

    def body_text(self, section_id: str, section: Section | None = None) -> str:
        """A section's current body (its text document's text when edited). ``section``,
        when the caller has it, saves looking it up (a walk over the issue)."""
        doc = self._bodies.get(section_id)
        if doc is not None and section_id in self._dirty:
            return self._text_of(doc)
        if section is None:
            section = self.issue.find(section_id)
        return section.body if section else ""

    def sync(self) -> Issue:
        """Copy edited bodies into the model (and into the open typing run); returns the
        model."""
        for section_id in list(self._dirty):
            doc = self._bodies.get(section_id)
            section = self.issue.find(section_id)
            if doc is not None and section is not None:
                text = self._text_of(doc)
                section.body = text
                if self._run is not None and self._run.section_id == section_id:
                    self._run.after = text
        self._dirty.clear()
        return self.issue

    def end_typing_run(self) -> None:
        """The next typing starts a new undo step (a pause, another section, another edit)."""
        self.sync()
        self._run = None

    def _set_body(self, section_id: str, text: str) -> None:
        """Undo/redo of typing: the model and the body document take ``text``."""
        self.end_typing_run()
        section = self.issue.find(section_id)
        if section is None:
            return
        section.body = text
        self._load_body(section_id, text)
        self._touch(section_id)

    def _load_body(self, section_id: str, text: str) -> None:
        """Put ``text`` in a body document as one minimal edit (the cursor stays near it),
        without recording it as typing."""
        doc = self._bodies.get(section_id)
        if doc is None:
            return
        self._loading = True
        try:
            patch_text(doc, text)
        finally:
            self._loading = False

    def _reload_bodies(self) -> None:
        """Bring text documents in line with the model after a whole-issue change."""
        for section, _depth in self.issue.walk():
            doc = self._bodies.get(section.id)
            if doc is not None and self._text_of(doc) != section.body:
                self._load_body(section.id, section.body)
