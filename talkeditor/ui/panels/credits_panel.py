"""The credits panel: everyone credited anywhere in the issue, one row each, with their roles
(host, editor, owner of which sections, contributor to which sections, signatures where and how
many); below each person, every place they are credited, which a double-click jumps to.

It also lists the sections nobody has claimed yet (认领), and offers rename/merge, host/editor,
owner and contributor edits, each one undo step of the document (through the core's
credits_edit functions).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...lazy import lazy_import
from ..document.issue_document import IssueDocument
from .on_screen import RefreshOnScreen
from .wrapping import wrap_rows

cr = lazy_import("talkeditor.credits.places")  # on the first refresh, after the first paint

REFRESH_MS = 300
PERSON_ROLE = Qt.ItemDataRole.UserRole
PLACE_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_ROLE = Qt.ItemDataRole.UserRole + 2


class CreditsPanel(RefreshOnScreen, QWidget):
    """Emits ``gotoPlace(section_id, start, end, kind)`` for a credit's place and
    ``renameRequested(name)``, ``ownerRequested(section_id)``, ``hostRequested(name)``,
    ``editorRequested(name)``, ``contributorRequested(section_id)``."""

    gotoPlace = Signal(str, int, int, str)
    renameRequested = Signal(str)
    ownerRequested = Signal(str)
    hostRequested = Signal(str)
    editorRequested = Signal(str)
    contributorRequested = Signal(str)

    def __init__(self, document: IssueDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("creditsPanel")
        self.document = document
        self.people: list[cr.Person] = []
        self._titles: dict[str, str] | None = None
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("creditsTree")
        self.tree.setHeaderLabels([self.tr("Person"), self.tr("Credited as")])
        # Names at their width, roles wrapped beside them: nothing cut to a few characters.
        wrap_rows(self.tree)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemActivated.connect(self._activated)
        rename = QPushButton(self.tr("Rename / Merge…"), self)
        rename.setObjectName("creditsRename")
        rename.setToolTip(self.tr("Rename a person everywhere, signatures included; renaming to "
                                  "an existing name merges the two"))
        rename.clicked.connect(lambda: self._with_person(self.renameRequested))
        host = QPushButton(self.tr("Make Host"), self)
        host.clicked.connect(lambda: self._with_person(self.hostRequested))
        editor = QPushButton(self.tr("Add as Editor"), self)
        editor.clicked.connect(lambda: self._with_person(self.editorRequested))
        buttons = QHBoxLayout()
        for button in (rename, host, editor):
            buttons.addWidget(button)
        self.claims_label = QLabel(self)
        self.claims = QListWidget(self)
        self.claims.setObjectName("unclaimedSections")
        self.claims.setMaximumHeight(120)
        self.claims.setToolTip(self.tr("Sections nobody has claimed yet: ask for volunteers"))
        claim = QPushButton(self.tr("Assign Owner…"), self)
        claim.clicked.connect(lambda: self._with_section(self.ownerRequested))
        contributor = QPushButton(self.tr("Add Contributor…"), self)
        contributor.clicked.connect(lambda: self._with_section(self.contributorRequested))
        claim_buttons = QHBoxLayout()
        claim_buttons.addWidget(claim)
        claim_buttons.addWidget(contributor)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.claims_label)
        layout.addWidget(self.claims)
        layout.addLayout(claim_buttons)
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self._due)
        self._stale = True
        self.attach(document)

    def attach(self, document: IssueDocument) -> None:
        self.document = document
        document.changesStopped.connect(self._schedule)
        document.structureChanged.connect(self._schedule)
        self._schedule()

    def detach(self) -> None:
        self.document.changesStopped.disconnect(self._schedule)
        self.document.structureChanged.disconnect(self._schedule)

    def _schedule(self, *_args) -> None:
        """Refresh when changes stop, and only while shown (a hidden panel catches up)."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # Qt API
        super().showEvent(event)
        if self._stale:
            self._schedule()

    def _title(self, section_id: str | None) -> str:
        if section_id is None:
            return self.tr("the issue")
        titles = self._titles
        if titles is None:  # outside refresh: look it up (one walk)
            section = self.document.issue.find(section_id)
            return section.title if section else "?"
        return titles.get(section_id, "?")

    def describe(self, person: cr.Person) -> str:
        """Roles in one line: host · owner: 本周新闻 · contributes: … · signed 3 (…)."""
        parts = []
        if person.is_host:
            parts.append(self.tr("host"))
        if person.is_editor:
            parts.append(self.tr("editor"))
        owned = person.owner_of
        if owned:
            parts.append(self.tr("owner: %1").replace(
                "%1", "、".join(dict.fromkeys(self._title(s) for s in owned))))
        contributed = person.contributor_to
        if contributed:
            parts.append(self.tr("contributes: %1").replace(
                "%1", "、".join(dict.fromkeys(self._title(s) for s in contributed))))
        counts = person.signature_counts
        if counts:
            total = sum(counts.values())
            where = "、".join(f"{self._title(s)} {n}" for s, n in counts.items())
            parts.append(self.tr("signed %1 (%2)").replace("%1", str(total)).replace("%2", where))
        return " · ".join(parts)

    def refresh(self) -> None:
        self._timer.stop()
        self._stale = False
        issue = self.document.sync()
        # titles by id for this refresh: one walk, not one per credit
        self._titles = {s.id: s.title for s, _d in issue.walk()}
        try:
            self._fill(issue)
        finally:
            self._titles = None

    def _fill(self, issue) -> None:
        self.people = cr.credits_of(issue)
        expanded = {self.tree.topLevelItem(i).data(0, PERSON_ROLE)
                    for i in range(self.tree.topLevelItemCount())
                    if self.tree.topLevelItem(i).isExpanded()}
        current = self.selected_name()
        self.tree.clear()
        labels = {cr.HOST: self.tr("host"), cr.EDITOR: self.tr("editor"),
                  cr.OWNER: self.tr("owner"), cr.CONTRIBUTOR: self.tr("contributor"),
                  cr.SIGNATURE: self.tr("signature")}
        for person in self.people:
            item = QTreeWidgetItem([person.name, self.describe(person)])
            item.setData(0, PERSON_ROLE, person.name)
            item.setToolTip(1, self.describe(person))
            if person.kind != cr.PERSON:
                item.setForeground(0, self.palette().placeholderText())
            for credit in person.credits:
                where = self._title(credit.section_id)
                if credit.place.line:
                    where += self.tr(", line %1").replace("%1", str(credit.place.line))
                child = QTreeWidgetItem([labels.get(credit.role, credit.role), where])
                child.setData(0, PLACE_ROLE, credit.place)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(person.name in expanded)
            if person.name == current:
                self.tree.setCurrentItem(item)
        unclaimed = cr.unclaimed_sections(issue)
        self.claims.clear()
        for section in unclaimed:
            entry = QListWidgetItem(section.title)
            entry.setData(SECTION_ROLE, section.id)
            self.claims.addItem(entry)
        counts = Counter(p.kind for p in self.people)
        self.claims_label.setText(
            self.tr("%1 people credited · %2 sections unclaimed")
            .replace("%1", str(counts[cr.PERSON])).replace("%2", str(len(unclaimed))))

    def selected_name(self) -> str | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, PERSON_ROLE) if item is not None else None

    def select_person(self, name: str) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, PERSON_ROLE) == name:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _with_person(self, signal) -> None:
        name = self.selected_name()
        if name:
            signal.emit(name)

    def _with_section(self, signal) -> None:
        item = self.claims.currentItem()
        if item is not None:
            signal.emit(item.data(SECTION_ROLE))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        place = item.data(0, PLACE_ROLE)
        if place is None and item.childCount():
            place = item.child(0).data(0, PLACE_ROLE)
        if place is None:
            return
        self.gotoPlace.emit(place.section_id or "", -1 if place.start is None else place.start,
                            -1 if place.end is None else place.end, place.kind)
