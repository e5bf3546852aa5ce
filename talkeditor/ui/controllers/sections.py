"""Section commands from the menu and the toolbar: add, add a subsection, rename (in the tree),
delete, move up and down. Each is one undo step of the document."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ..panels.section_tree import SectionTreeView
from .window_api import WindowApi


class SectionActions(QObject):
    def __init__(self, api: WindowApi, tree: SectionTreeView, parent=None):
        super().__init__(parent)
        self.api = api
        self.tree = tree

    def _selected(self) -> str:
        return self.tree.current_id()

    def add_section(self) -> str:
        """Add a section after the selected one and start renaming it; returns its id."""
        new = self.api.document.add_section(self._selected() or None, self.tr("New section"))
        self._edit_new(new)
        return new

    def add_subsection(self) -> str:
        sid = self._selected()
        if not sid:
            return self.add_section()
        new = self.api.document.add_section(sid, self.tr("New subsection"), as_child=True)
        self._edit_new(new)
        return new

    def _edit_new(self, section_id: str) -> None:
        self.api.show_section(section_id)
        self.tree.edit(self.tree.model().index_of(section_id))

    def rename_section(self) -> None:
        sid = self._selected()
        if sid:
            self.tree.edit(self.tree.model().index_of(sid))

    def delete_section(self) -> None:
        sid = self._selected()
        section = self.api.document.issue.find(sid) if sid else None
        if section is None:
            return
        self.api.document.delete_section(sid)
        self.api.show_message(
            self.tr("Deleted “%1” — Undo (Ctrl+Z) brings it back").replace("%1", section.title),
            8000)

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, delta: int) -> None:
        sid = self._selected()
        if sid and self.api.document.move_section(sid, delta):
            self.tree.select(sid)
