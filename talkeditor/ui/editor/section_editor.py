"""The editor pane: the metadata form for the issue node, or one section's title, options,
fields table and Markdown body.

There is one body editor (objectName ``bodyEditor``); switching sections swaps in that
section's own QTextDocument and restores its cursor, so each section keeps its text and cursor
position (undo is the issue's one history). Those QTextDocuments belong to the IssueDocument:
``detach()`` (called by the DocumentManager before it drops a document) puts the pane's own
empty document back into the editor, so no widget ever points at a deleted one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextDocumentLayout,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...lazy import lazy_import
from ...model import BODY_STANDING, BODY_WEEKLY
from ..document.issue_document import IssueDocument
from .body_editor import BodyEditor
from .fields_table import FieldsTable
from .metadata_form import MetadataForm

# on first use, after the first paint: only a section shown or edited needs these (issue 18)
credit_names = lazy_import("talkeditor.credits.names")
next_issue = lazy_import("talkeditor.reuse.next_issue")
highlighting = lazy_import("talkeditor.ui.editor.highlighter")


class SectionPane(QWidget):
    """Title, options, fields and body of one section."""

    def __init__(self, document: IssueDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.section_id = ""
        self._updating = False
        self._cursors: dict[str, int] = {}
        self._shown: tuple = ()  # what the header and fields last showed
        self._highlighters: dict[str, highlighting.MarkdownHighlighter] = {}
        self.dark = False

        self.title = QLineEdit(self)
        self.title.setObjectName("sectionTitle")
        title_font = self.title.font()
        title_font.setPointSize(title_font.pointSize() + 3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.optional = QCheckBox(self.tr("Optional"), self)
        self.optional.setToolTip(self.tr("Optional sections are titled 本周经典-optional and "
                                         "left out of the Zhihu post when empty"))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, 600)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setSpecialValueText(self.tr("no time"))
        self.body_kind = QComboBox(self)
        self.body_kind.addItem(self.tr("Weekly content"), BODY_WEEKLY)
        self.body_kind.addItem(self.tr("Standing text"), BODY_STANDING)
        self.body_kind.setToolTip(self.tr("Weekly content is cleared in the next issue; "
                                          "standing text is kept"))
        # Why the section is standing text when that was judged from the archive, not set
        # by the template or the host; choosing in the combo replaces the judgement.
        self.body_kind_note = QLabel(self)
        self.body_kind_note.setObjectName("bodyKindNote")
        self.body_kind_note.hide()
        self.owners = QLineEdit(self)
        self.owners.setPlaceholderText(self.tr("unclaimed — names separated by 、"))
        self.contributors = QLineEdit(self)
        self.contributors.setPlaceholderText(self.tr("names separated by 、"))

        options = QHBoxLayout()
        options.addWidget(self.optional)
        options.addWidget(QLabel(self.tr("Time"), self))
        options.addWidget(self.minutes)
        options.addWidget(self.body_kind)
        options.addWidget(self.body_kind_note)
        options.addStretch(1)
        people = QFormLayout()
        people.addRow(self.tr("Owner"), self.owners)
        people.addRow(self.tr("Contributors"), self.contributors)

        self.fields = FieldsTable(document, self)
        self.body = BodyEditor(self)
        self.body.composing = lambda: self.document.composing()
        self._blank = QTextDocument(self)  # shown when no section of a live document is
        self._blank.setDocumentLayout(QPlainTextDocumentLayout(self._blank))
        self.body.setDocument(self._blank)
        self.body.updateRequest.connect(self._highlight_visible)
        self.body.setPlaceholderText(self.tr("Write this section in Markdown: news, links, "
                                             "Q&A … one item per line"))
        splitter = self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("sectionSplitter")
        splitter.addWidget(self.fields)
        splitter.addWidget(self.body)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        self.repeats = QListWidget(self)
        self.repeats.setObjectName("repeatWarnings")
        self.repeats.setMaximumHeight(90)
        self.repeats.setToolTip(self.tr("Links and papers that already appeared in past issues; "
                                        "double-click to go to the line"))
        self.repeats.itemActivated.connect(self._goto_repeat)
        self.repeats.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(options)
        layout.addLayout(people)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.repeats)

        self.title.editingFinished.connect(self._title_edited)
        self.title.textEdited.connect(self._title_typed)
        self._title_dirty = False
        self.optional.toggled.connect(lambda on: self._set("optional", on, structural=True))
        self.minutes.valueChanged.connect(lambda v: self._set("minutes", v or None))
        self.body_kind.currentIndexChanged.connect(self._body_kind_chosen)
        split = lambda t: credit_names.split_names(t)  # noqa: E731 - the module loads late
        self.owners.textEdited.connect(lambda t: self._set("owners", split(t)))
        self.contributors.textEdited.connect(lambda t: self._set("contributors", split(t)))
        document.changed.connect(self._document_changed)

    def _set(self, key: str, value, structural: bool = False) -> None:
        if self._updating or not self.section_id:
            return
        self._updating = True
        try:
            self.document.set_section_attr(self.section_id, key, value, structural=structural)
        finally:
            self._updating = False

    def _body_kind_chosen(self) -> None:
        """The host's choice of weekly/standing; it replaces a judgement from the archive."""
        if self._updating or not self.section_id:
            return
        kind, section_id = self.body_kind.currentData(), self.section_id

        def mutate(issue) -> None:
            section = issue.find(section_id)
            if section is not None:
                section.body_kind = kind
                section.extra.pop(next_issue.STANDING_EVIDENCE, None)
                section.extra[next_issue.KIND_CHOSEN] = True  # not judged again from the archive

        self._updating = True
        try:
            self.document.apply(self.tr("Edit section"), mutate, section_id,
                                merge_key=f"{section_id}:body_kind")
        finally:
            self._updating = False
        self._show_body_kind_note(self.document.issue.find(section_id))

    def _show_body_kind_note(self, section) -> None:
        evidence = section.extra.get(next_issue.STANDING_EVIDENCE) if section is not None else None
        if section is None or section.body_kind != BODY_STANDING or not evidence:
            self.body_kind_note.hide()
            return
        numbers = "、".join(str(n) for n in evidence)
        self.body_kind_note.setText(self.tr("same text in %1").replace("%1", numbers))
        self.body_kind_note.setToolTip(self.tr(
            "The body is the same in issues %1, so it is kept as standing text in the next "
            "issue. Choose “Weekly content” to clear it instead.").replace("%1", numbers))
        self.body_kind_note.show()

    def _title_typed(self, _text: str) -> None:
        self._title_dirty = True

    def _title_edited(self) -> None:
        """Only what the user typed here renames the section: a title box that merely lost
        focus never writes back what it showed (the tree may have renamed it since). A box
        left blank shows the title the section keeps."""
        if not self._title_dirty:
            return
        self._title_dirty = False
        section = self.document.issue.find(self.section_id)
        if section is None:
            return
        if not self.title.text().strip():
            self._refresh_header()
        elif self.title.text().strip() != section.title:
            self.document.rename_section(self.section_id, self.title.text())

    def _document_changed(self, section_id: str) -> None:
        """Refresh what a change can have touched; typing in the body touches none of it."""
        section = self.document.issue.find(self.section_id) if self.section_id else None
        if section is None or section_id not in ("", self.section_id):
            return
        shown = (section.title, section.optional, section.minutes, section.body_kind,
                 tuple(section.extra.get(next_issue.STANDING_EVIDENCE) or ()),
                 tuple(section.owners), tuple(section.contributors),
                 tuple((f.label, f.value, f.sep, f.bind, f.note, f.keep) for f in section.fields))
        if section_id == self.section_id and shown == self._shown:
            return
        renamed = not self._shown or self._shown[0] != section.title
        self._shown = shown
        if not self._updating:
            self._refresh_header(force_title=renamed)
        self.fields.refresh()

    def _visible_blocks(self, doc) -> tuple[int, int] | None:
        """(first, last) block numbers the body shows, if it shows ``doc``."""
        if self.body.document() is not doc:
            return None
        first = self.body.firstVisibleBlock().blockNumber()
        rows = self.body.viewport().height() // max(1, self.body.fontMetrics().height())
        return first, first + rows + 1

    def _highlight_visible(self, *_args) -> None:
        highlighter = self._highlighters.get(self.section_id)
        if highlighter is not None:
            highlighter.highlight_visible()

    def load(self, section_id: str) -> None:
        if self.section_id and self.section_id != section_id:
            self._cursors[self.section_id] = self.body.textCursor().position()
        if self._title_dirty:
            self._title_edited()  # a rename typed in the box, then a click elsewhere
        self.section_id = section_id
        doc = self.document.body_document(section_id)
        if section_id not in self._highlighters:
            self._highlighters[section_id] = highlighting.MarkdownHighlighter(
                doc, self.dark, visible=lambda d=doc: self._visible_blocks(d))
        self.body.setDocument(doc)
        cursor = QTextCursor(doc)
        cursor.setPosition(min(self._cursors.get(section_id, 0), doc.characterCount() - 1))
        self.body.setTextCursor(cursor)
        self.body.ensureCursorVisible()
        self._shown = ()
        self.fields.load(section_id)
        self._fit_fields()
        self._refresh_header()

    def _fit_fields(self) -> None:
        """Give the fields table the room its rows need (at most 40%), the body the rest."""
        table = self.fields.table
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        wanted = table.horizontalHeader().height() + max(rows, table.verticalHeader()
                                                         .defaultSectionSize()) + 6
        total = max(sum(self.splitter.sizes()), 400)
        top = min(wanted, int(total * 0.4))
        self.splitter.setSizes([top, total - top])

    def _refresh_header(self, force_title: bool = True) -> None:
        section = self.document.issue.find(self.section_id)
        if section is None:
            return
        self._updating = True
        try:
            if self.title.text() != section.title and (force_title or not self._title_dirty):
                self.title.setText(section.title)
                self._title_dirty = False
            self.optional.setChecked(section.optional)
            self.minutes.setValue(section.minutes or 0)
            self.body_kind.setCurrentIndex(0 if section.body_kind == BODY_WEEKLY else 1)
            self._show_body_kind_note(section)
            if credit_names.split_names(self.owners.text()) != section.owners:
                self.owners.setText("、".join(section.owners))
            if credit_names.split_names(self.contributors.text()) != section.contributors:
                self.contributors.setText("、".join(section.contributors))
        finally:
            self._updating = False

    def set_repeats(self, items: list[tuple[int, str]]) -> None:
        """Show (body line, message) warnings for this section; hidden when there are none."""
        self.repeats.clear()
        for line, message in items:
            item = QListWidgetItem("⚠ " + (self.tr("line %1: ").replace("%1", str(line))
                                           if line else "") + message)
            item.setData(Qt.ItemDataRole.UserRole, line)
            self.repeats.addItem(item)
        self.repeats.setVisible(bool(items))

    def _goto_repeat(self, item: QListWidgetItem) -> None:
        self.goto_line(int(item.data(Qt.ItemDataRole.UserRole) or 0))

    def select_range(self, start: int, end: int) -> None:
        """Select body characters ``start``..``end`` (clamped to the text) and show them."""
        last = self.body.document().characterCount() - 1
        cursor = self.body.textCursor()
        cursor.setPosition(min(start, last))
        cursor.setPosition(min(end, last), QTextCursor.MoveMode.KeepAnchor)
        self.body.setTextCursor(cursor)
        self.body.ensureCursorVisible()

    def goto_line(self, line: int) -> None:
        block = self.body.document().findBlockByLineNumber(max(line - 1, 0))
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                            QTextCursor.MoveMode.KeepAnchor)
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        for highlighter in self._highlighters.values():
            highlighter.set_dark(dark)

    def detach(self) -> None:
        """Let go of the document: the editor shows the pane's own empty text document, and
        the highlighters and cursors of the old sections are dropped."""
        self.document.changed.disconnect(self._document_changed)
        self.body.setDocument(self._blank)
        for highlighter in self._highlighters.values():
            highlighter.setDocument(None)
        self._highlighters.clear()
        self._cursors.clear()
        self.section_id = ""
        self._title_dirty = False
        self._shown = ()
        self.fields.section_id = ""

    def attach(self, document: IssueDocument) -> None:
        self.document = document
        self.fields.document = document
        document.changed.connect(self._document_changed)


class SectionEditor(QStackedWidget):
    """Shows the metadata form for the issue node ('') and the section pane otherwise."""

    sectionShown = Signal(str)

    def __init__(self, document: IssueDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("sectionEditor")
        self.meta = MetadataForm(document, self)
        scroller = QScrollArea(self)
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.meta)
        self.pane = SectionPane(document, self)
        self.addWidget(scroller)
        self.addWidget(self.pane)
        self.current_id = ""

    def show_section(self, section_id: str) -> None:
        self.current_id = section_id
        if section_id and self.pane.document.issue.find(section_id) is not None:
            self.pane.load(section_id)
            self.setCurrentWidget(self.pane)
        else:
            self.current_id = ""
            self.meta.refresh()
            self.setCurrentIndex(0)
        self.sectionShown.emit(self.current_id)

    def detach(self) -> None:
        self.meta.detach()
        self.pane.detach()
        self.current_id = ""

    def attach(self, document: IssueDocument) -> None:
        self.meta.attach(document)
        self.pane.attach(document)
