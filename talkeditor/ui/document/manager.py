"""DocumentManager: the one owner of the open issue's life cycle.

It opens (a YAML issue, or a past issue imported as a new draft), starts new issues, saves,
autosaves, offers crash recovery and watches the file for changes made by other programs; it
asks the questions these need through ``dialogs`` and reports through signals, so the window only
wires it to widgets (after ghostwriter's DocumentManager).

The rule for object lifetime, kept here and nowhere else: a view registers with ``add_view`` and
has ``attach(document)`` and ``detach()``. When the open issue changes, every view detaches from
the old IssueDocument first (letting go of its text documents, highlighters and cursors), then
every view attaches to the new one, and only then is the old document deleted (deleteLater,
signals blocked). No widget can therefore touch a deleted QTextDocument.

Signals: ``documentChanged(document)`` after the views follow a new document; ``saved(path)``;
``message(text, ms)`` for the status bar; ``autosaveFailed(text)``; ``fileMissing(path)`` when the
open file disappears from disk (deleted, or its folder moved) and ``fileBack(path)`` when a file
is there again; ``fileUnreadable(path, reason)`` when another program made it unreadable
(``reason`` '' once it reads again); ``reloaded(path)`` after an external change was taken in.
Save never silently recreates a file that vanished: it asks for a place (Save As).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from ... import paths
from ...archive.folder import Archive
from ...errors import IssueFormatError, WriteError
from ...lazy import lazy_import
from ...model import Issue
from ...settings import Settings
from ...storage import files as storage
from ..background import BackgroundTasks
from ..wording import describe_error
from . import opening
from .autosave import Autosaver
from .file_watcher import FileWatcher
from .issue_document import IssueDocument

if TYPE_CHECKING:
    from ...importing.open_any import OpenedIssue

dialogs = lazy_import("talkeditor.ui.dialogs")  # loaded on first use, after the first paint


class DocumentView(Protocol):
    """Anything that shows or follows the open document."""

    def attach(self, document: IssueDocument) -> None: ...

    def detach(self) -> None: ...


class DocumentManager(QObject):
    documentChanged = Signal(object)
    saved = Signal(object)
    message = Signal(str, int)
    autosaveFailed = Signal(str)
    fileMissing = Signal(object)
    fileBack = Signal(object)
    fileUnreadable = Signal(object, str)
    reloaded = Signal(object)

    def __init__(self, settings: Settings, dialog_parent, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.dialog_parent = dialog_parent  # the widget dialogs open over
        self.document = IssueDocument(parent=self)
        self._views: list[DocumentView] = []
        # True while the views move from one document to the next.
        self.switching = False
        self.autosaver = Autosaver(parent=self)
        self.autosaver.attach(self.document)
        self.autosaver.failed.connect(self.autosaveFailed)
        self.watcher = FileWatcher(self)
        self.watcher.changedOnDisk.connect(self._changed_on_disk)
        self.watcher.missingOnDisk.connect(self._file_missing)
        self.watcher.backOnDisk.connect(self._file_back)
        #: The open file's path while it is gone from disk: Save there needs the host's word.
        self.missing: Path | None = None
        # The archive (past issues): where a new issue's first Save starts, and what an
        # import compares standing text with. The window points it at its own Archive.
        self.archive = lambda: Archive(settings.archive_dir())
        self._import_report: tuple[str, list[str]] | None = None
        # long work (opening a big file) in a worker thread, with progress and Cancel
        self.tasks = BackgroundTasks(self, dialog_parent=dialog_parent)
        self.opener = opening.BackgroundOpener(self, self.tasks)

    # ------------------------------------------------------------------ lifetime
    def add_view(self, view: DocumentView, attach: bool = True) -> None:
        """Register a view; it is attached to the current document now, unless it was built
        on it (``attach=False``)."""
        self._views.append(view)
        if attach:
            view.attach(self.document)

    def set_document(self, document: IssueDocument, recovery_id: str | None = None,
                     known: str | None = None) -> None:
        """Show another issue: every view detaches from the old document, attaches to the new
        one, and only then is the old one deleted. ``known``: the file's fingerprint taken
        before it was read (``FileWatcher.watch``)."""
        old = self.document
        if old is document:
            return
        self.switching = True  # views must not act on each other's signals until the end
        try:
            for view in reversed(self._views):
                view.detach()
            self.autosaver.attach(document, recovery_id)
            old.blockSignals(True)
            self.document = document
            document.setParent(self)
            for view in self._views:
                view.attach(document)
        finally:
            self.switching = False
        self.missing = None
        self.watcher.watch(document.path, known)
        old.deleteLater()
        self.documentChanged.emit(document)

    # ------------------------------------------------------------------ open and new
    def open_path(self, path: str | Path) -> bool:
        """Open an issue file; a past issue (.md/.txt/.docx) is imported as a new draft.
        Does not ask about unsaved changes (callers do: ``maybe_save``). Reads on the GUI
        thread (the API, start-up); the host's opens use ``open_in_background``."""
        path = Path(path)
        try:
            result = opening.read(path, self.archive())
        except IssueFormatError as exc:
            self.open_failed(path, exc)
            return False
        self.show_read(path, result)
        return True

    def open_in_background(self, path: str | Path, opened=None) -> bool:
        """Open like ``open_path``, reading in a worker thread with progress and Cancel
        (``opening.py``); a read still running is cancelled and this one follows it.
        ``opened()`` follows the new issue on screen; Cancel or an error keep the open
        issue."""
        return self.opener.open(path, opened)

    def open_failed(self, path: Path, exc: IssueFormatError) -> None:
        dialogs.show_error(self.dialog_parent, self.tr("Cannot open the issue"),
                           self.tr("“%1” could not be opened.").replace("%1", path.name),
                           describe_error(exc))

    def show_read(self, path: Path, result: OpenedIssue, known: str | None = None) -> None:
        """Show what ``opening.read`` gave for ``path`` (loaded, or imported as a draft);
        ``known``: the file's fingerprint taken before the read (a change made during a
        background read is then reported)."""
        if not result.imported:
            document = IssueDocument(result.issue, result.path)
        else:
            document = self._import_document(path, result)
        self.set_document(document, known=known)
        if document.path is not None:
            self.settings.add_recent(document.path)
            self.save_settings()
        if self.dialog_parent.isVisible():
            self.show_import_report()
        # else: the window is being made with a file to open (talkeditor FILE); the window
        # calls show_import_report once it is shown, so the report does not float over nothing.

    def show_import_report(self) -> None:
        """What the last import dropped, guessed or changed, once the draft is on screen."""
        report, self._import_report = self._import_report, None
        if report:
            dialogs.show_info(self.dialog_parent,
                              self.tr("Imported “%1”").replace("%1", report[0]),
                              "\n".join(report[1]))

    def has_import_report(self) -> bool:
        return self._import_report is not None

    def _import_document(self, path: Path, result: OpenedIssue) -> IssueDocument:
        document = IssueDocument(result.issue, None)
        document.pending_assets = result.assets
        document.set_modified(True)
        from .import_report import describe_summary, finding_lines

        self.message.emit(describe_summary(result.summary), 15000)
        if result.summary.findings:
            self._import_report = (path.name, finding_lines(result.summary.findings))
        return document

    def new_from_template(self, name: str = paths.DEFAULT_TEMPLATE) -> bool:
        """A new issue from a template (asks about unsaved changes first)."""
        if not self.maybe_save():
            return False
        try:
            issue = storage.load_template(name)
        except IssueFormatError as exc:
            dialogs.show_error(self.dialog_parent, self.tr("Cannot load the template"),
                               describe_error(exc))
            return False
        self.set_document(IssueDocument(issue, None))
        return True

    def new_draft(self, issue: Issue) -> IssueDocument:
        """Show ``issue`` as a new, never saved draft (counts as modified)."""
        document = IssueDocument(issue, None)
        document.set_modified(True)
        self.set_document(document)
        return document

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        doc = self.document
        start = doc.path.parent if doc.path else self.settings.archive_dir()
        path = dialogs.open_issue_path(self.dialog_parent, start)
        return bool(path) and self.open_in_background(path)

    def open_recent(self, name: str) -> bool:
        return self.maybe_save() and self.open_in_background(name)

    def recent_files(self) -> list[str]:
        return [p for p in self.settings.recent_files() if Path(p).exists()]

    def clear_recent(self) -> None:
        self.settings.clear_recent()
        self.save_settings()

    # ------------------------------------------------------------------ save
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or unchanged)."""
        if not self.document.is_modified():
            return True
        answer = dialogs.ask_save_changes(self.dialog_parent, self.document.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def save(self, path: str | Path | None = None) -> bool:
        """Save without a dialog when a path is given or known; False if not saved."""
        document = self.document
        target = Path(path) if path else document.path
        if target is None or (path is None and self.missing is not None
                              and target == self.missing):
            return self.save_as()  # never silently recreate a file that vanished
        try:
            if document.pending_assets:
                from ...importing.importer import write_assets

                write_assets(document.pending_assets, target.parent)
            saved = document.save(target)
            document.pending_assets = {}
        except OSError as exc:
            dialogs.show_error(self.dialog_parent, self.tr("Save failed"),
                               self.save_failure_text(exc), describe_error(exc))
            return False
        except IssueFormatError as exc:
            dialogs.show_error(self.dialog_parent, self.tr("Save failed"), self.tr(
                "The issue is too large to save; nothing was written."), describe_error(exc))
            return False
        self.missing = None
        if self.watcher.path != saved:
            self.watcher.watch(saved)
        else:
            self.watcher.note_own_write()
        self.settings.add_recent(saved)
        self.save_settings()
        self.saved.emit(saved)
        self.message.emit(self.tr("Saved %1").replace("%1", str(saved)), 5000)
        return True

    def save_failure_text(self, exc: OSError) -> str:
        """The dialog's main line for a failed save: what was (not) written."""
        reason = exc.reason if isinstance(exc, WriteError) else (exc.strerror or str(exc))
        if isinstance(exc, WriteError) and exc.written:
            return self.tr("The save failed half-way (%1): %2 was written, the rest was "
                           "not.").replace("%1", reason).replace("%2", ", ".join(exc.written))
        return self.tr("The issue was not saved (%1); the files on disk are unchanged.").replace(
            "%1", reason)

    def save_as(self) -> bool:
        """Ask where to save; a new issue starts in its own folder inside the archive."""
        document = self.document
        made = None
        if document.path is not None:
            suggested = document.path
        else:
            folder = self.archive().folder / storage.folder_name(document.issue)
            if not folder.exists():
                try:
                    folder.mkdir(parents=True)
                    made = folder
                except OSError:
                    folder = folder.parent if folder.parent.is_dir() else Path.home()
            suggested = folder / "issue.yaml"
        path = dialogs.save_issue_path(self.dialog_parent, suggested)
        if made is not None and (not path or Path(path).parent.resolve() != made.resolve()):
            try:
                made.rmdir()  # the folder made for the dialog was not used
            except OSError:
                pass
        return bool(path) and self.save(path)

    def save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            self.message.emit(self.tr("Settings not saved: %1").replace("%1", str(exc)), 8000)

    def close(self) -> None:
        """The window closes on purpose: forget the draft's recovery copy, and stop a file
        still being read (its result would replace the closed issue and become the last
        issue of the next start)."""
        self.autosaver.discard()
        running = self.tasks.running("open")
        if running is not None:
            running.cancel()

    # ------------------------------------------------------------------ never lose work
    def offer_recovery(self) -> bool:
        """After a crash: offer the drafts left in the recovery folder. True if one was
        restored."""
        from datetime import datetime

        from ...storage.recovery import compare_draft
        from ..wording import describe_draft

        store = self.autosaver.store
        orphans = store.orphans()
        if not orphans:
            return False
        rows = [(e.title or self.tr("untitled"),
                 datetime.fromtimestamp(e.saved_at).strftime("%Y-%m-%d %H:%M"),
                 describe_draft(compare_draft(e))) for e in orphans]
        answer, index = dialogs.ask_recover(self.dialog_parent, rows)
        if answer == "discard":
            for entry in orphans:
                store.remove(entry.id)
            return False
        if answer != "restore" or not 0 <= index < len(orphans):
            return False
        entry = orphans[index]
        try:
            issue = entry.load()
        except IssueFormatError as exc:
            try:
                kept = str(store.set_aside(entry))
            except OSError:
                kept = str(entry.yaml_path)
            dialogs.show_error(self.dialog_parent, self.tr("Cannot restore the draft"), self.tr(
                "The draft cannot be opened; its text is kept in %1.").replace("%1", kept),
                describe_error(exc))
            return False
        document = IssueDocument(issue, entry.original)
        document.set_modified(True)
        self.set_document(document, recovery_id=entry.id)
        self.message.emit(self.tr("Draft restored — save it to keep it"), 10000)
        return True

    def _file_missing(self, path) -> None:
        self.missing = Path(path)
        self.document.set_modified(True)  # what is on screen is saved nowhere now
        self.fileMissing.emit(self.missing)

    def _file_back(self, path) -> None:
        self.missing = None
        self.fileBack.emit(Path(path))

    def save_here_again(self) -> bool:
        """The host chose to write the vanished file back where it was."""
        self.missing = None
        return self.save()

    def _changed_on_disk(self, path) -> None:
        try:
            theirs = storage.load_yaml_issue(path)
        except IssueFormatError as exc:
            self.fileUnreadable.emit(Path(path), describe_error(exc))
            return
        self.fileUnreadable.emit(Path(path), "")
        if self.document.is_modified():
            import difflib

            from ...render.issue_markdown import issue_markdown

            diff = "\n".join(difflib.unified_diff(
                issue_markdown(theirs).splitlines(),
                issue_markdown(self.document.saved_issue()).splitlines(),
                self.tr("on disk"), self.tr("yours"), lineterm="", n=1))
            answer = dialogs.ask_external_change(self.dialog_parent,
                                                 self.document.display_name(), diff)
            if answer == "mine":
                self.document.disk_changed(theirs)
                self.message.emit(self.tr("Kept your version; saving will overwrite the file "
                                          "on disk"), 10000)
                return
        self.set_document(IssueDocument(theirs, Path(path)))
        self.reloaded.emit(Path(path))
        self.message.emit(self.tr("Reloaded: the file changed on disk"), 8000)
