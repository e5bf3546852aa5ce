"""IssueDocument: the open issue between the model and the widgets.

It owns the Issue, its path, a QUndoStack for structure, fields and metadata (every such
change is one snapshot command), and one QTextDocument per section body, so each section keeps
its own text, cursor and undo history. Widgets call its methods; it emits
``changed(section_id)`` ('' for the issue's metadata), ``structureChanged``,
``modifiedChanged(bool)`` and ``changesStopped`` (once typing pauses).

Bodies: the model keeps each body exactly as loaded until the user edits it. A body's
QTextDocument is made when the section is first shown; only a real edit (``contentsChange``
with characters removed or added: highlighting emits none) marks it dirty, and its text is
copied into the model lazily (``sync()``: when typing pauses, before any snapshot, save,
search or export), with ``toRawText`` so U+00A0 and U+2028 survive. A keystroke therefore
costs nothing per character of the section.

Modified means "differs from the saved state" (the issue as loaded or last saved): it is
recomputed when a history moves (undo, redo, a body's history reaching its saved point) and
when typing pauses; ``set_modified(True)`` marks a never-saved draft (an import, a next
issue), ``set_modified(False)`` takes the current text as saved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument, QUndoStack

from ...model import Field, Issue, Section, clean_text, new_id
from ...storage import assets
from ...storage import files as storage
from .bodies import SectionBodies
from .commands import SnapshotCommand

PAUSE_MS = 300


class IssueDocument(SectionBodies, QObject):
    changed = Signal(str)
    structureChanged = Signal()
    modifiedChanged = Signal(bool)
    changesStopped = Signal()
    pathChanged = Signal(object)

    def __init__(self, issue: Issue | None = None, path: Path | None = None, parent=None):
        super().__init__(parent)
        self.issue = issue or Issue()
        self.path: Path | None = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self._bodies: dict[str, QTextDocument] = {}
        #: Sections whose text document was edited since its text was last copied to the model.
        self._dirty: set[str] = set()
        #: The issue as it is on disk (or as it was created): "modified" means "differs from it".
        self._baseline = self.issue.clone()
        self._draft = False  # a draft that was never saved counts as modified (set_modified)
        self._modified = False
        self._check_pending = False
        self._loading = False
        # Images not yet on disk (an imported past issue's, the standing images of a new next
        # issue, images pasted before the first save): name in assets/ -> bytes, written to
        # assets/ on the first save. The preview shows them through ``pending_image``.
        self.pending_assets: dict[str, bytes] = {}
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(self._paused)
        self.undo_stack.indexChanged.connect(self._history_moved)

    # ------------------------------------------------------------------ state
    def is_modified(self) -> bool:
        """True when the issue differs from what is on disk (or is an unsaved draft)."""
        if self._check_pending:
            self._recheck_modified()
        return self._modified

    def set_modified(self, modified: bool) -> None:
        """Mark as an unsaved draft (True), or take the current text as the saved state."""
        self._draft = modified
        if not modified:
            self.sync()
            self._baseline = self.saved_issue()
        self._recheck_modified()

    def _set_flag(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.modifiedChanged.emit(modified)

    def _history_moved(self, *_args) -> None:
        """An undo stack moved, or a body's history reached or left its saved state."""
        self._recheck_modified()

    def _body_history_moved(self, away_from_saved: bool) -> None:
        """A body's history left its saved point (the edit itself marks the issue modified)
        or came back to it (then compare: the rest of the issue may still differ)."""
        if not away_from_saved:
            self._recheck_modified()

    def _recheck_modified(self) -> None:
        """Compare with the saved state (syncs the bodies; not called per keystroke)."""
        self._check_pending = False
        self._set_flag(self._draft or self.saved_issue() != self._baseline)

    def _touch(self, section_id: str) -> None:
        self._recheck_modified()
        self.changed.emit(section_id)
        self._pause.start()

    def _paused(self) -> None:
        """Typing paused: bring the model up to date, then tell the slower views."""
        self.sync()
        if self._check_pending:
            self._recheck_modified()
        self.changesStopped.emit()

    def display_name(self) -> str:
        if self.path:
            return f"{self.path.parent.name}/{self.path.name}" if self.path.parent.name else \
                self.path.name
        return self.issue.display_title() or "untitled"

    # ------------------------------------------------------------------ snapshot commands
    def _snapshot(self) -> Issue:
        return self.issue.clone()

    def apply(self, text: str, mutate: Callable[[Issue], None], section_id: str = "",
              structural: bool = False, merge_key: str | None = None) -> None:
        """Run ``mutate`` on the issue as one undo step named ``text``."""
        self.sync()
        before = self._snapshot()
        mutate(self.issue)
        after = self._snapshot()
        if after == before:
            return
        self.undo_stack.push(SnapshotCommand(self, text, before, after, section_id, structural,
                                              merge_key))
        if structural:
            self.structureChanged.emit()
        self._touch(section_id)

    def restore_snapshot(self, snapshot: Issue, section_id: str, structural: bool,
                         with_bodies: bool = False) -> None:
        """Put a snapshot back (SnapshotCommand's undo/redo). Bodies shown in an editor keep
        their typing unless the step was a whole-issue change (``with_bodies``)."""
        issue = snapshot.clone()
        if with_bodies:
            self.sync()
            self.issue = issue
            self._reload_bodies()
        else:
            self._sync_bodies_into(issue)
            self.issue = issue
        if structural:
            self.structureChanged.emit()
        self._touch(section_id)

    # ------------------------------------------------------------------ edits
    def set_meta(self, key: str, value) -> None:
        def mutate(issue: Issue) -> None:
            setattr(issue, key, value)

        self.apply(self.tr("Edit %1").replace("%1", key), mutate, "", merge_key=f"meta:{key}")

    def set_section_attr(self, section_id: str, key: str, value, structural=False) -> None:
        def mutate(issue: Issue) -> None:
            section = issue.find(section_id)
            if section is not None:
                setattr(section, key, value)

        self.apply(self.tr("Edit section"), mutate, section_id, structural=structural,
                   merge_key=f"{section_id}:{key}")

    def rename_section(self, section_id: str, title: str) -> None:
        title = title.strip()
        if title:
            self.set_section_attr(section_id, "title", title, structural=True)

    def set_fields(self, section_id: str, fields: list[Field], merge_key: str | None = None):
        def mutate(issue: Issue) -> None:
            section = issue.find(section_id)
            if section is not None:
                section.fields = [dataclasses.replace(f) for f in fields]

        self.apply(self.tr("Edit fields"), mutate, section_id, merge_key=merge_key)

    def add_section(self, after_id: str | None, title: str, as_child: bool = False) -> str:
        """Add a section after ``after_id`` (or as its last child); returns the new id."""
        new = Section(title=title, id=new_id())

        def mutate(issue: Issue) -> None:
            anchor = issue.find(after_id) if after_id else None
            if anchor is None:
                issue.sections.append(new)
            elif as_child:
                anchor.children.append(new)
            else:
                siblings = issue.siblings_of(anchor.id)
                siblings.insert(siblings.index(anchor) + 1, new)

        self.apply(self.tr("Add section"), mutate, new.id, structural=True)
        return new.id

    def delete_section(self, section_id: str) -> None:
        def mutate(issue: Issue) -> None:
            section = issue.find(section_id)
            if section is not None:
                issue.siblings_of(section_id).remove(section)

        self.apply(self.tr("Delete section"), mutate, "", structural=True)

    def move_section(self, section_id: str, delta: int) -> bool:
        siblings = self.issue.siblings_of(section_id)
        index = next((i for i, s in enumerate(siblings) if s.id == section_id), None)
        if index is None or not 0 <= index + delta < len(siblings):
            return False

        def mutate(issue: Issue) -> None:
            sibs = issue.siblings_of(section_id)
            i = next(i for i, s in enumerate(sibs) if s.id == section_id)
            sibs.insert(i + delta, sibs.pop(i))

        self.apply(self.tr("Move section"), mutate, section_id, structural=True)
        return True

    def reparent_section(self, section_id: str, parent_id: str | None, row: int) -> bool:
        """Move a section under ``parent_id`` (None: top level) at ``row`` (drag and drop)."""
        if parent_id == section_id:
            return False
        moving = self.issue.find(section_id)
        if moving is None:
            return False
        if parent_id and any(s.id == parent_id for s, _d in moving.walk()):
            return False  # into its own subtree

        def mutate(issue: Issue) -> None:
            section = issue.find(section_id)
            old = issue.siblings_of(section_id)
            old_index = old.index(section)
            target = issue.find(parent_id).children if parent_id else issue.sections
            at = row if 0 <= row <= len(target) else len(target)
            if target is old and old_index < at:
                at -= 1
            old.remove(section)
            target.insert(at, section)

        self.apply(self.tr("Move section"), mutate, section_id, structural=True)
        return True

    def replace_issue(self, mutate: Callable[[Issue], None], text: str) -> None:
        """A change across the issue (rename a person, copy format) as one undo step."""
        self.sync()
        before = self._snapshot()
        mutate(self.issue)
        after = self._snapshot()
        if after == before:
            return
        command = SnapshotCommand(self, text, before, after, "", True, None)
        command.with_bodies = True
        self.undo_stack.push(command)
        self._reload_bodies()
        self.structureChanged.emit()
        self._touch("")

    # ------------------------------------------------------------------ images
    def add_images(self, images: dict[str, bytes]) -> None:
        """Put images (name in assets/ -> bytes) into the issue: written to its assets/ now
        when the issue has a folder (raises OSError), kept pending until the first save
        otherwise."""
        if not images:
            return
        if self.path is None:
            self.pending_assets.update(images)
        else:
            assets.write_assets(images, self.path.parent)

    def add_png(self, data: bytes) -> str:
        """Store PNG bytes under their content-hash name; returns ``assets/NAME``."""
        name = assets.png_name(data)
        self.add_images({name: data})
        return f"{assets.ASSETS}/{name}"

    def pending_image(self, ref: str) -> bytes | None:
        """The bytes of a not-yet-written image the text refers to as ``ref``
        (``assets/NAME``), or None."""
        name = assets.asset_name(ref)
        return self.pending_assets.get(name) if name else None

    # ------------------------------------------------------------------ files
    def saved_issue(self) -> Issue:
        """What goes to disk: the issue with the bodies as typed. Trailing spaces are trimmed
        only in bodies that differ from the saved state: opening and saving changes nothing."""
        self.sync()
        issue = self.issue.clone()
        for section, _depth in issue.walk():
            before = self._baseline.find(section.id)
            if before is None or before.body != section.body:
                cleaned = clean_text(section.body)
                section.body = before.body if before is not None and \
                    clean_text(before.body) == cleaned else cleaned
        return issue

    def save(self, path: Path | None = None) -> Path:
        """Save to ``path`` (or the known path) atomically; raises OSError on failure."""
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("no path to save to")
        issue = self.saved_issue()
        if self.path is not None and target.parent.resolve() != self.path.parent.resolve():
            # Save As into another folder: the images the issue uses come along.
            assets.write_assets(assets.collect_images(issue, self.path.parent), target.parent)
        saved = storage.save_issue(issue, target)
        if saved != self.path:
            self.path = saved
            self.pathChanged.emit(saved)
        for doc in self._bodies.values():
            doc.setModified(False)
        self.undo_stack.setClean()
        self._baseline = issue
        self._draft = False
        self._recheck_modified()
        return saved

    def text_length(self, section_id: str | None = None) -> int:
        """Characters, not counting whitespace (each Chinese character counts once)."""
        if section_id:
            section = self.issue.find(section_id)
            sections = [section] if section else []
        else:
            sections = [s for s, _d in self.issue.walk()]
        total = 0
        for section in sections:
            text = self.body_text(section.id) + "".join(f.label + f.value for f in section.fields)
            total += sum(1 for ch in text if not ch.isspace())
        return total

    def total_minutes(self) -> int:
        return sum(s.minutes or 0 for s, _d in self.issue.walk())
