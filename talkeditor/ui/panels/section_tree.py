"""The section tree: a QAbstractItemModel over the issue's sections, and its view.

Row 0 at the top level is the issue's own metadata node (id ''); sections follow. Titles are
renamed in place, sections dragged to a new place; every change goes through the
IssueDocument as one undo step. Column 1 shows each section's minutes, and the metadata node
shows the total talk time. Sections that have weekly content but no owner show as unclaimed;
sections with merge conflicts (after Sync) show in red with a warning icon.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from ...model import Section
from ..document.issue_document import IssueDocument

MIME = "application/x-talkeditor-section"


def _conflict_icon():
    from PySide6.QtWidgets import QApplication, QStyle

    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
_ROOT = QModelIndex()
META_ID = ""


class SectionTreeModel(QAbstractItemModel):
    def __init__(self, document: IssueDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._keys: dict[str, int] = {META_ID: 1}
        self._ids: dict[int, str] = {1: META_ID}
        self._unclaimed: set[str] = set()
        self._issue = None  # the Issue object the lookups below were built for
        self._by_id: dict[str, Section] = {}
        self._parent: dict[str, str | None] = {}
        self._row: dict[str, int] = {}
        self._shown: dict[str, tuple] = {}
        self._update_claims()
        document.structureChanged.connect(self.reset_from_document)
        document.changed.connect(self._section_changed)

    # ------------------------------------------------------------------ helpers
    def _key(self, section_id: str) -> int:
        key = self._keys.get(section_id)
        if key is None:
            key = len(self._keys) + 1
            self._keys[section_id] = key
            self._ids[key] = section_id
        return key

    def section_id(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        return self._ids.get(index.internalId())

    def _lookups(self) -> None:
        """Id -> section, parent and row, rebuilt when the issue or its structure changes
        (a full walk per call made every repaint quadratic in the number of sections)."""
        issue = self.document.issue
        if self._issue is issue:
            return
        self._issue = issue
        self._by_id, self._parent, self._row = {}, {}, {}

        def visit(sections, parent_id, offset):
            for row, section in enumerate(sections):
                self._by_id[section.id] = section
                self._parent[section.id] = parent_id
                self._row[section.id] = row + offset
                visit(section.children, section.id, 0)

        visit(issue.sections, None, 1)

    def find(self, section_id: str | None) -> Section | None:
        if not section_id:
            return None
        self._lookups()
        return self._by_id.get(section_id)

    def _section(self, index: QModelIndex) -> Section | None:
        return self.find(self.section_id(index))

    def _children(self, parent: QModelIndex) -> list:
        if not parent.isValid():
            return [META_ID, *self.document.issue.sections]
        section = self._section(parent)
        return section.children if section is not None else []

    def index_of(self, section_id: str) -> QModelIndex:
        if section_id == META_ID:
            return self.createIndex(0, 0, self._key(META_ID))
        self._lookups()
        row = self._row.get(section_id)
        if row is None:
            return QModelIndex()
        return self.createIndex(row, 0, self._key(section_id))

    def detach(self) -> None:
        """Stop following the document (it is about to be dropped)."""
        self.document.structureChanged.disconnect(self.reset_from_document)
        self.document.changed.disconnect(self._section_changed)

    def attach(self, document: IssueDocument) -> None:
        """Show another document."""
        self.document = document
        document.structureChanged.connect(self.reset_from_document)
        document.changed.connect(self._section_changed)
        self.reset_from_document()

    def reset_from_document(self) -> None:
        self.beginResetModel()
        self._issue = None
        self._shown = {}
        self._update_claims()
        self.endResetModel()

    @staticmethod
    def _appearance(section: Section) -> tuple:
        """What the tree shows of a section (and what claims depend on); not the body."""
        return (section.title, section.minutes, section.optional, tuple(section.owners),
                tuple((f.label, f.value, f.bind) for f in section.fields),
                len(section.conflicts))

    def _update_claims(self) -> None:
        if not self.document.issue.sections:  # the empty start-up document: no credit rules
            self._unclaimed = set()           # (and their regexes) before the first paint
            return
        from ...credits.places import unclaimed_sections

        self._unclaimed = {s.id for s in unclaimed_sections(self.document.issue)}

    def _section_changed(self, section_id: str) -> None:
        section = self.find(section_id)
        if section is not None:
            look = self._appearance(section)
            if self._shown.get(section_id) == look:
                return  # a body edit: nothing in the tree changes
            self._shown[section_id] = look
        before = self._unclaimed
        self._update_claims()
        for changed in before ^ self._unclaimed:
            index = self.index_of(changed)
            if index.isValid():
                self.dataChanged.emit(index, index)
        if section_id:
            index = self.index_of(section_id)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(1))
        meta = self.index_of(META_ID)
        self.dataChanged.emit(meta.siblingAtColumn(1), meta.siblingAtColumn(1))

    # ------------------------------------------------------------------ model API
    def index(self, row, column, parent=_ROOT):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        item = self._children(parent)[row]
        sid = META_ID if item == META_ID else item.id
        return self.createIndex(row, column, self._key(sid))

    def parent(self, index=_ROOT):  # Qt API
        if not index.isValid():
            return QModelIndex()
        sid = self.section_id(index)
        if not sid:
            return QModelIndex()
        self._lookups()
        parent_id = self._parent.get(sid)
        return self.index_of(parent_id) if parent_id else QModelIndex()

    def rowCount(self, parent=_ROOT):  # Qt API
        if parent.column() > 0:
            return 0
        if parent.isValid() and self.section_id(parent) == META_ID:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent=_ROOT):  # Qt API
        return 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Section") if section == 0 else self.tr("Min")
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        sid = self.section_id(index)
        if sid == META_ID:
            return self._meta_data(index.column(), role)
        section = self.find(sid)
        if section is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                return section.title
            if role == Qt.ItemDataRole.EditRole:
                return section.minutes if section.minutes is not None else 0
            return str(section.minutes) if section.minutes else ""
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            tips = []
            if section.conflicts:
                tips.append(self.tr("%1 merge conflict(s): see the Conflicts panel").replace(
                    "%1", str(len(section.conflicts))))
            if section.optional:
                tips.append(self.tr("Optional section"))
            if section.owners:
                tips.append(self.tr("Owner: %1").replace("%1", "、".join(section.owners)))
            elif section.id in self._unclaimed:
                tips.append(self.tr("Unclaimed: nobody owns this section yet"))
            return "\n".join(tips) or None
        if role == Qt.ItemDataRole.FontRole and index.column() == 0 and section.optional:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 \
                and section.conflicts:
            return _conflict_icon()
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0 \
                and section.conflicts:
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0 \
                and section.id in self._unclaimed:
            return QBrush(QColor("#b26a00"))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _meta_data(self, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                title = self.document.issue.display_title()
                return self.tr("Issue: %1").replace("%1", title) if title else self.tr("Issue")
            total = self.document.total_minutes()
            return str(total) if total else ""
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == 0 \
                and self.document.issue.conflicts:
            return _conflict_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Number, date, highlights, host and editors; total talk time %1 min")\
                .replace("%1", str(self.document.total_minutes()))
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.section_id(index) == META_ID:
            return base
        return base | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled \
            | Qt.ItemFlag.ItemIsDropEnabled

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # Qt API
        sid = self.section_id(index)
        if not sid or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == 0:
            text = str(value).strip()
            if not text:
                return False
            self.document.rename_section(sid, text)
            return True
        try:
            minutes = int(value)
        except (TypeError, ValueError):
            return False
        self.document.set_section_attr(sid, "minutes", minutes if minutes > 0 else None)
        return True

    # ------------------------------------------------------------------ drag and drop
    def supportedDropActions(self):  # Qt API
        return Qt.DropAction.MoveAction

    def mimeTypes(self):  # Qt API
        return [MIME]

    def mimeData(self, indexes):  # Qt API
        ids = [self.section_id(i) for i in indexes if i.column() == 0 and self.section_id(i)]
        data = QMimeData()
        data.setData(MIME, QByteArray(",".join(ids).encode("utf-8")))
        return data

    def canDropMimeData(self, data, action, row, column, parent):  # Qt API
        if not data.hasFormat(MIME):
            return False
        return not (parent.isValid() and self.section_id(parent) == META_ID)

    def dropMimeData(self, data, action, row, column, parent):  # Qt API
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = [i for i in bytes(data.data(MIME)).decode("utf-8").split(",") if i]
        if len(ids) != 1:
            return False
        parent_id = self.section_id(parent) if parent.isValid() else None
        if parent_id is None:
            row = max(row - 1, 0) if row >= 0 else -1  # the metadata node holds row 0
        target_len = len(self.document.issue.find(parent_id).children) if parent_id else \
            len(self.document.issue.sections)
        at = row if row >= 0 else target_len
        self.document.reparent_section(ids[0], parent_id, at)
        return False  # the move is done; the view must not remove the source rows itself


class SectionTreeView(QTreeView):
    """The tree view; emits ``sectionSelected(id)`` ('' for the metadata node)."""

    sectionSelected = Signal(str)

    def __init__(self, model: SectionTreeModel, parent=None):
        super().__init__(parent)
        self.setObjectName("sectionTree")
        self.setModel(model)
        self.setHeaderHidden(False)
        self.setUniformRowHeights(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed column: ResizeToContents re-measured every row on every keystroke.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("分钟00") + 12)
        self._current = META_ID
        self.selectionModel().currentChanged.connect(self._on_current)
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        self._expanded: set[str] = set()
        self.expandAll()

    def _on_current(self, current, _previous) -> None:
        sid = self.model().section_id(current)
        if sid is not None:
            self._current = sid
            self.sectionSelected.emit(sid)

    def current_id(self) -> str:
        return self._current

    def select(self, section_id: str) -> None:
        index = self.model().index_of(section_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _remember(self) -> None:
        self._expanded = set()
        model = self.model()
        for section, _depth in model.document.issue.walk():
            if section.children and self.isExpanded(model.index_of(section.id)):
                self._expanded.add(section.id)

    def _restore(self) -> None:
        model = self.model()
        for section, _depth in model.document.issue.walk():
            if section.children and (section.id in self._expanded or not self._expanded):
                self.expand(model.index_of(section.id))
        current = self._current if (self._current == META_ID or
                                    model.document.issue.find(self._current)) else META_ID
        self._current = current
        self.setCurrentIndex(model.index_of(current))
