"""IssueDocument: the open issue between the model and the widgets.

It owns the Issue, its path, the modified state, one QUndoStack for every change, and one
QTextDocument per section body (so each section keeps its own text and cursor). Undo is one
history: typing is a body command (one per typing run, ended by a pause, by typing in another
section or by any other change), structure, fields and metadata are snapshot commands of the
whole issue, bodies included; the body documents keep no undo stacks of their own. Undoing
everything gives back the opened issue exactly. Widgets call its methods; it emits
``changed(section_id)`` ('' for the issue's metadata), ``structureChanged``,
``modifiedChanged(bool)`` and ``changesStopped`` (once typing pauses).

Bodies (bodies.py): the model keeps each body exactly as loaded until the user edits it; edited
text is copied into the model lazily (``sync()``: when typing pauses, before any other change,
save, search or export), so a keystroke costs nothing per character of the section.

Modified means "differs from the saved state" (the issue as loaded or last saved): it is
recomputed after every undo and redo (``_touch``), when asked and when changes pause;
``set_modified(True)`` marks a never-saved draft (an import, a next issue),
``set_modified(False)`` takes the current text as saved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument, QUndoStack

from ...model import Field, Issue, Section, clean_edited_text, new_id
from ...storage import assets, images
from ...storage import files as storage
from .bodies import SectionBodies
from .commands import BodyCommand, SnapshotCommand

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
        #: Sections whose text document was edited since its text was last copied to the model
        #: (only the open typing run's section).
        self._dirty: set[str] = set()
        self._run: BodyCommand | None = None  # the open typing run, pushed at its first key
        #: The issue as it is on disk (or as it was created): "modified" means "differs from it".
        self._baseline = self.issue.clone()
        self._draft = False  # a draft that was never saved counts as modified (set_modified)
        self._modified = False
        self._check_pending = False
        self._loading = False
        #: Images not yet on disk (an imported past issue's, the standing images of a new next
        #: issue, images pasted before the first save): name in assets/ -> bytes, written to
        #: assets/ on the first save. The preview shows them through ``pending_image``.
        self.pending_assets: dict[str, bytes] = {}
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(self._paused)

    # ------------------------------------------------------------------ images
    def image_bytes(self, ref: str) -> bytes:
        """The bytes of the image the Markdown calls ``ref`` (e.g. ``assets/a.png``).

        The one place the preview gets images from: assets not yet written (``pending_assets``,
        keyed by their name under ``assets/``) first, then regular image files inside the
        issue's folder (storage/images.py). Raises images.ImageRefused with the reason.
        """
        images.issue_relative_path(ref)  # remote, file:// or absolute: refused first
        pending = self.pending_image(ref)
        if pending is not None:
            return pending
        return images.read_issue_image(self.path.parent if self.path else None, ref)

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
            self._baseline = self.saved_issue()
        self._recheck_modified()

    def disk_changed(self, on_disk: Issue) -> None:
        """The file now holds ``on_disk`` (another program wrote it and the host kept their
        text): from now on "modified" means "differs from it"."""
        self._baseline = on_disk.clone()
        self._recheck_modified()

    def _set_flag(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.modifiedChanged.emit(modified)

    def _recheck_modified(self) -> None:
        """Compare with the saved state (syncs the bodies; not called per keystroke)."""
        self._check_pending = False
        self._set_flag(self._draft or self.saved_issue() != self._baseline)

    def _touch(self, section_id: str, new_step: bool = False) -> None:
        """After a change: undo and redo compare with the saved state at once (the mark
        clears on the way back); a new step only marks the issue modified, and the exact
        answer is worked out when asked or when changes pause (typing in a field is a step
        per key: no copy of the whole issue per key)."""
        if new_step:
            self._check_pending = True
            if not self._modified:
                self._set_flag(True)
        else:
            self._recheck_modified()
        self.changed.emit(section_id)
        self._pause.start()

    def _paused(self) -> None:
        """Typing paused: bring the model up to date, end the typing run, then tell the slower
        views."""
        self.end_typing_run()
        if self._check_pending:
            self._recheck_modified()
        self.changesStopped.emit()

    def display_name(self) -> str:
        if self.path:
            return f"{self.path.parent.name}/{self.path.name}" if self.path.parent.name else \
                self.path.name
        return self.issue.display_title() or "untitled"

    # ------------------------------------------------------------------ steps
    def begin_step(self, text: str) -> None:
        """Start one undo step named ``text`` that gathers every change until ``end_step``
        (typing in several bodies included), so one Undo takes it all back."""
        self.end_typing_run()
        self.undo_stack.beginMacro(text)

    def end_step(self) -> None:
        self.end_typing_run()
        self.undo_stack.endMacro()

    # ------------------------------------------------------------------ snapshot commands
    def _snapshot(self) -> Issue:
        return self.issue.clone()

    def _push_snapshot(self, text: str, mutate: Callable[[Issue], None], section_id: str,
                       structural: bool, merge_key: str | None) -> bool:
        """Run ``mutate`` and push the issue before and after as one step; False if nothing
        changed (nothing is pushed)."""
        self.end_typing_run()
        before = self._snapshot()
        mutate(self.issue)
        after = self._snapshot()
        if after == before:
            return False
        self.undo_stack.push(SnapshotCommand(self, text, before, after, section_id, structural,
                                             merge_key))
        return True

    def apply(self, text: str, mutate: Callable[[Issue], None], section_id: str = "",
              structural: bool = False, merge_key: str | None = None) -> None:
        """Run ``mutate`` on the issue as one undo step named ``text``."""
        if not self._push_snapshot(text, mutate, section_id, structural, merge_key):
            return
        if structural:
            self.structureChanged.emit()
        self._touch(section_id, new_step=True)

    def _restore(self, snapshot: Issue, section_id: str, structural: bool) -> None:
        self.end_typing_run()
        self.issue = snapshot.clone()
        self._reload_bodies()
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
        """A change across the issue (rename a person, copy format, Replace All in every
        section) as one undo step, bodies included."""
        if not self._push_snapshot(text, mutate, "", True, None):
            return
        self._reload_bodies()
        self.structureChanged.emit()
        self._touch("", new_step=True)

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
        return self.add_picture(data, ".png")

    def add_picture(self, data: bytes, suffix: str) -> str:
        """Store image bytes as they are under their content-hash name and ``suffix``, or
        reuse an image of the issue (pending, or in its assets/) with the same bytes;
        returns ``assets/NAME``. Raises OSError when writing fails."""
        name = next((n for n, d in self.pending_assets.items() if d == data), None) or \
            assets.same_image(self.path.parent if self.path else None, data)
        if name is None:
            name = assets.image_name(data, suffix)
            self.add_images({name: data})
        return f"{assets.ASSETS}/{name}"

    def pending_image(self, ref: str) -> bytes | None:
        """The bytes of a not-yet-written image the text refers to as ``ref``
        (``assets/NAME``), or None."""
        name = assets.asset_name(ref)
        return self.pending_assets.get(name) if name else None

    # ------------------------------------------------------------------ files
    def saved_issue(self) -> Issue:
        """What goes to disk: the issue with the bodies as typed. Trailing blanks are trimmed
        only on lines that differ from the saved state (``clean_edited_text``): opening and
        saving changes nothing, and an edit changes nothing but the lines it touched."""
        self.sync()
        issue = self.issue.clone()
        saved: dict[str, Section] = {}  # one walk, not one per section
        for before, _depth in self._baseline.walk():
            saved.setdefault(before.id, before)  # the first, as find() gives
        for section, _depth in issue.walk():
            before = saved.get(section.id)
            if before is None or before.body != section.body:
                section.body = clean_edited_text(section.body, before.body if before else "")
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
            text = (self.body_text(section.id, section)  # one walk, not one per section
                    + "".join(f.label + f.value for f in section.fields))
            total += sum(map(len, text.split()))  # str.split() splits on str.isspace()
        return total

    def total_minutes(self) -> int:
        return sum(s.minutes or 0 for s, _d in self.issue.walk())
