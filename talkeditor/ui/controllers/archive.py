"""What the window does with the archive: open a hit at its place, start the next issue from a
past one, copy a past issue's format, change the archive folder, and flag links and papers of
the draft that already appeared in a past issue."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ...archive.folder import Archive
from ...errors import IssueFormatError
from ...lazy import lazy_import
from ...model import Issue
from .. import wording
from ..document.issue_document import IssueDocument
from ..panels.archive_panel import ArchivePanel
from ..wording import describe_format_note, describe_repeat
from .window_api import WindowApi

if TYPE_CHECKING:
    from ...importing.open_any import OpenedIssue

dialogs = lazy_import("talkeditor.ui.dialogs")  # loaded on first use, after the first paint


class _RepeatRelay(QObject):
    """Hands a RepeatIndex built in a worker thread to the GUI thread (queued)."""

    built = Signal(object, object)  # (the request it answers, RepeatIndex)


def _build_repeat_index(folder: Path, number: str, request: object, relay: _RepeatRelay) -> None:
    """In a worker thread: its own Archive (one per thread), every past issue but ``number``."""
    from ...archive.repeats import RepeatIndex

    try:
        index = RepeatIndex.build(i for i in Archive(folder).issues()
                                  if not number or i.number != number)
    except Exception:  # no repeat warnings rather than a crash
        index = RepeatIndex()
    relay.built.emit(request, index)


class ArchiveActions(QObject):
    def __init__(self, api: WindowApi, panel: ArchivePanel, carry_images, parent=None):
        super().__init__(parent)
        self.api = api
        self.panel = panel
        # carry_images(issue, folder, skip=()): bring a past issue's images along (links)
        self.carry_images = carry_images
        self.repeats = []
        self._repeat_index = None
        self._new_relay()
        panel.openRequested.connect(self.open_from_archive)
        panel.nextRequested.connect(self.new_next_from)
        panel.folderChangeRequested.connect(self.choose_archive_folder)

    # a document view: the repeat index follows the open issue
    def attach(self, document: IssueDocument) -> None:
        self.reset()
        document.changesStopped.connect(self.check_repeats)

    def detach(self) -> None:
        self.api.document.changesStopped.disconnect(self.check_repeats)
        self._new_relay()

    def _new_relay(self) -> None:
        # a build still running for the old document reports to the old relay: dropped
        self._repeat_request: object | None = None
        self._relay = _RepeatRelay()
        self._relay.built.connect(self._repeat_index_built)

    def reset(self) -> None:
        """Another issue (or archive): the repeat index is built again when next needed."""
        self.repeats = []
        self._repeat_index = None
        self._repeat_request = None

    def open_from_archive(self, path: Path, section_id: str, line: int) -> None:
        """A past issue or a search hit activated: read it in the background (progress and
        Cancel for a big one), then show the hit's section and line."""
        manager = self.api.manager
        if not manager.maybe_save():
            return

        def opened() -> None:
            if section_id and self.api.document.issue.find(section_id) is not None:
                self.api.show_section(section_id)
                if line:
                    self.api.goto_line(line)

        manager.open_in_background(path, opened)

    def saved(self, path: Path) -> None:
        """A save into the archive folder: the list and the repeat index are out of date."""
        if path.parent.parent.resolve() == self.api.archive.folder.resolve():
            self.reset()
            self.panel.refresh()

    def new_from_issue(self) -> bool:
        """Start the next issue from the issue selected in the archive (or its latest)."""
        path = self.panel.selected_path()
        if path is None:
            latest = self.api.archive.latest()
            path = latest.path if latest else None
        if path is None:
            path = dialogs.open_issue_path(self.api.dialog_parent(),
                                           self.api.settings.archive_dir())
        return bool(path) and self.new_next_from(path)

    def _load_past(self, path) -> OpenedIssue | None:
        """A past issue to start from or copy (YAML, or imported with the archive's titles
        and its images: ``open_any.open_issue``); None after telling why."""
        from ...importing.open_any import open_issue

        try:
            return open_issue(path, self.api.archive)
        except IssueFormatError as exc:
            dialogs.show_error(self.api.dialog_parent(), self.tr("Cannot open the issue"),
                               wording.describe_error(exc))
            return None

    def new_next_from(self, path: Path) -> bool:
        from ...reuse.next_issue import next_issue

        if not self.api.manager.maybe_save():
            return False
        opened = self._load_past(path)
        if opened is None:
            return False
        past = opened.issue
        issue = next_issue(past, self.api.archive)
        self.api.manager.new_draft(issue)
        self._bring_images(issue, opened, path)
        self.api.show_section("")
        self.api.show_message(self.tr("Issue %1 started (%2) from %3 — save it into the "
                                      "archive").replace("%1", issue.number)
                              .replace("%2", issue.date).replace("%3", past.number), 15000)
        return True

    def _bring_images(self, issue: Issue, opened: OpenedIssue, path,
                      skip: set[str] = frozenset()) -> None:
        """The images ``issue`` (made from ``opened``) uses: from the past issue's folder, or
        from what its import found."""
        if opened.imported:
            self.carry_images(issue, None, skip, imported=opened.assets)
        else:
            self.carry_images(issue, Path(path).parent, skip)

    def copy_format(self) -> bool:
        from ...reuse.copy_format import copy_format

        parent = self.api.dialog_parent()
        path = dialogs.open_issue_path(parent, self.api.settings.archive_dir())
        if not path:
            return False
        opened = self._load_past(path)
        if opened is None:
            return False
        from ...storage.assets import asset_names

        draft = self.api.document.saved_issue()
        own_images = set(asset_names(draft))
        merged, report = copy_format(draft, opened.issue)

        def mutate(issue: Issue) -> None:
            for name in Issue.__dataclass_fields__:
                setattr(issue, name, getattr(merged, name))

        self.api.document.replace_issue(mutate, self.tr("Copy format"))
        self._bring_images(merged, opened, path, skip=own_images)
        dialogs.show_info(parent, self.tr("Format copied"),
                          "\n".join(describe_format_note(n) for n in report) or
                          self.tr("Everything matched."))
        return True

    def choose_archive_folder(self) -> None:
        folder = dialogs.choose_folder(self.api.dialog_parent(), self.tr("Archive folder"),
                                       self.api.archive.folder)
        if folder:
            self.api.settings.set_archive_dir(folder)
            self.api.manager.save_settings()
            self.api.archive = Archive(folder)
            self._repeat_index = None
            self.panel.set_archive(self.api.archive)

    def check_repeats(self) -> None:
        """Flag links and papers of this draft that already appeared in a past issue. The
        past issues are read in a worker thread the first time; until then only repeats
        inside the draft are flagged."""
        from ...archive.repeats import RepeatIndex

        index = self._repeat_index
        if index is None:
            if self._repeat_request is None:
                self._repeat_request = request = object()
                threading.Thread(target=_build_repeat_index, daemon=True,
                                 name="repeat-index",
                                 args=(self.api.archive.folder, self.api.document.issue.number,
                                       request, self._relay)).start()
            index = RepeatIndex()
        self.repeats = index.check(self.api.document.sync())
        self.show_repeats(self.api.current_section())

    def _repeat_index_built(self, request: object, index) -> None:
        if request is not self._repeat_request:
            return  # built for another issue or archive
        self._repeat_index = index
        self.check_repeats()

    def show_repeats(self, section_id: str) -> None:
        self.api.set_repeats([(r.line, describe_repeat(r)) for r in self.repeats
                              if section_id and r.section_id == section_id])
