"""The main window: layout and wiring only.

Left dock: the section tree. Centre: the editor pane (metadata form or one section) with the
find bar. Right dock: the live preview. The window holds one IssueDocument at a time; file
work goes through the document and the core, dialogs through ``dialogs``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import __version__, paths
from ..archive.folder import Archive
from ..errors import IssueFormatError
from ..lazy import lazy_import
from ..model import Issue
from ..settings import Settings
from ..storage import files as storage
from . import wording
from .actions import MENUS, create_actions, menu_title
from .controllers.archive import ArchiveActions
from .controllers.credits import CreditsActions
from .controllers.links import LinkActions
from .controllers.safety import WorkSafety
from .controllers.sync import SyncController
from .controllers.zhihu import ZhihuActions
from .document.autosave import Autosaver
from .document.file_watcher import FileWatcher
from .document.issue_document import IssueDocument
from .editor.find_panel import FindPanel
from .editor.section_editor import SectionEditor
from .notice_bar import NoticeBar
from .panels.archive_panel import ArchivePanel
from .panels.credits_panel import CreditsPanel
from .panels.preview import PreviewPane
from .panels.section_tree import META_ID, SectionTreeModel, SectionTreeView

dialogs = lazy_import("talkeditor.ui.dialogs")  # loaded on first use, after the first paint


class MainWindow(QMainWindow):
    #: start-up milestones, in order: 'shell' (first paint, maybe without the issue),
    #: 'document' (the issue painted), 'preview' (its first render set)
    startupStage = Signal(str)

    def __init__(self, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.document = IssueDocument(parent=self)
        self.autosaver = Autosaver(parent=self)
        self.autosaver.attach(self.document)
        self.autosaver.failed.connect(self._autosave_failed)
        self.watcher = FileWatcher(self)
        self.watcher.changedOnDisk.connect(self._changed_on_disk)
        self.setWindowTitle("talkeditor")
        self.resize(1400, 860)

        self.tree_model = SectionTreeModel(self.document, self)
        self.tree = SectionTreeView(self.tree_model, self)
        self.editor = SectionEditor(self.document, self)
        self.preview = PreviewPane(self.document, self)
        self.find_panel = FindPanel(self)
        self.find_panel.hide()
        self.find_panel.position = self._cursor_position
        self.find_panel.goto.connect(self._goto_hit)
        self.find_panel.replaced.connect(self._replace_current)

        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        self.notice_bar = NoticeBar(centre)
        centre_layout.addWidget(self.notice_bar)
        centre_layout.addWidget(self.editor, 1)
        centre_layout.addWidget(self.find_panel)
        self.setCentralWidget(centre)

        self.tree_dock = self._dock("sectionTreeDock", self.tr("Sections"), self.tree,
                                    Qt.DockWidgetArea.LeftDockWidgetArea)
        self.preview_dock = self._dock("previewDock", self.tr("Preview"), self.preview,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.archive = Archive(self.settings.archive_dir())
        self.archive_actions = ArchiveActions(self)
        self.credits_actions = CreditsActions(self)
        self.zhihu_actions = ZhihuActions(self)
        self.safety = WorkSafety(self)
        self.preview.zhihu_source = self.zhihu_actions.post
        self.link_actions = LinkActions(self)
        self.archive_panel = ArchivePanel(self.archive, self)
        self.archive_dock = self._dock("archiveDock", self.tr("Past Issues"), self.archive_panel,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.credits_panel = CreditsPanel(self.document, self)
        self.credits_dock = self._dock("creditsDock", self.tr("Credits"), self.credits_panel,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.tree_dock, self.archive_dock)
        self.tabifyDockWidget(self.archive_dock, self.credits_dock)
        self.tree_dock.raise_()
        credits = self.credits_actions
        self.credits_panel.gotoPlace.connect(credits.goto_credit)
        self.credits_panel.renameRequested.connect(credits.rename_person)
        self.credits_panel.hostRequested.connect(lambda n: credits.add_person_to("host", n))
        self.credits_panel.editorRequested.connect(
            lambda n: credits.add_person_to("editors", n))
        self.credits_panel.ownerRequested.connect(credits.assign_owner)
        self.credits_panel.contributorRequested.connect(credits.add_contributor)
        self.archive_panel.openRequested.connect(self.archive_actions.open_from_archive)
        self.archive_panel.nextRequested.connect(self.archive_actions.new_next_from)
        self.archive_panel.folderChangeRequested.connect(
            self.archive_actions.choose_archive_folder)
        self.sync_controller = SyncController(self)
        self.actions_ = create_actions(self)
        self._build_menus()
        self.link_actions.sync_actions()
        self._build_status_bar()
        self.sync_controller.install()

        self.tree.sectionSelected.connect(self._section_selected)
        self.preview.sectionClicked.connect(self.tree.select)
        self._connect_document()
        self._apply_colour_scheme()
        self._restore_layout()
        self._painted = self._started = False
        #: what opens the first issue when the shell is painted first (``app.launch``)
        self.startup_open = None

    def paintEvent(self, event) -> None:  # Qt API
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.startupStage.emit("shell")
            QTimer.singleShot(0, self.after_first_paint)

    def after_first_paint(self) -> None:
        """Once the window is on screen: open the issue if the shell came first (and paint
        it at once), render the preview without waiting for the debounce, then read the
        archive in the background."""
        if self._started:
            return
        self._started = True
        opener, self.startup_open = self.startup_open, None
        if opener is not None:
            opener()
            self.repaint()
        self.startupStage.emit("document")
        if self.preview.isVisible():
            self.preview.refresh()
            self.preview.repaint()
        self.startupStage.emit("preview")
        self.archive_panel.start()

    # ------------------------------------------------------------------ construction
    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        menus: dict[str, QMenu] = {}
        for key, _title in MENUS:
            menus[key] = self.menuBar().addMenu(menu_title(key))
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.setObjectName("menuRecent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)
        from .actions import specs

        previous_menu = None
        for spec in specs():
            action = self.actions_[spec.name]
            menu = menus[spec.menu]
            if spec.name == "actionQuit":
                menu.addSeparator()
            if previous_menu == spec.menu and spec.name in ("actionFind", "actionSave",
                                                            "actionDeleteSection",
                                                            "actionMoveUp"):
                menu.addSeparator()
            menu.addAction(action)
            if spec.name == "actionOpen":
                menu.addMenu(self.recent_menu)
            if spec.toolbar:
                toolbar.addAction(action)
            previous_menu = spec.menu
        menus["view"].addSeparator()
        menus["view"].addAction(self.tree_dock.toggleViewAction())
        menus["view"].addAction(self.archive_dock.toggleViewAction())
        menus["view"].addAction(self.credits_dock.toggleViewAction())
        menus["view"].addAction(toolbar.toggleViewAction())
        self.menus = menus
        self.toolbar = toolbar
        self.actions_["actionTogglePreview"].setChecked(True)

    def _build_status_bar(self) -> None:
        self.section_count = QLabel(self)
        self.issue_count = QLabel(self)
        self.minutes_label = QLabel(self)
        for label in (self.section_count, self.issue_count, self.minutes_label):
            self.statusBar().addPermanentWidget(label)

    # ------------------------------------------------------------------ document wiring
    def _connect_document(self) -> None:
        doc = self.document
        doc.modifiedChanged.connect(self._update_title)
        doc.pathChanged.connect(self._update_title)
        doc.changesStopped.connect(self._update_status)
        doc.structureChanged.connect(self._structure_changed)
        doc.changesStopped.connect(self.archive_actions.check_repeats)
        doc.undo_stack.canUndoChanged.connect(self._update_undo_actions)
        doc.undo_stack.canRedoChanged.connect(self._update_undo_actions)
        self._update_title()
        self._update_status()

    def set_document(self, document: IssueDocument, recovery_id: str | None = None) -> None:
        """Show another issue (after New or Open); the old document is dropped."""
        old = self.document
        self.document = document
        document.setParent(self)
        self.tree_model.attach(document)
        self.editor.attach(document)
        self.tree.expandAll()
        self.preview.attach(document)
        self.credits_panel.attach(document)
        self._connect_document()
        self.archive_actions.reset()
        self.autosaver.attach(document, recovery_id)
        self.watcher.watch(document.path)
        self.safety.document_changed()
        self.tree.select(META_ID)
        self.editor.show_section(META_ID)
        if old is not document:
            old.deleteLater()

    def _structure_changed(self) -> None:
        current = self.editor.current_id
        if current and self.document.issue.find(current) is None:
            self.tree.select(META_ID)
        self._update_status()

    # ------------------------------------------------------------------ contract for tests
    def issue(self) -> Issue:
        """The current model, with every body as typed."""
        return self.document.saved_issue()

    def select_section(self, *titles: str) -> str:
        """Select the section reached by these titles (none: the metadata node)."""
        if not titles:
            self.tree.select(META_ID)
            return META_ID
        section = self.document.issue.find_path(*titles)
        if section is None:
            raise KeyError(" > ".join(titles))
        self.tree.select(section.id)
        return section.id

    _import_report: tuple[str, list[str]] | None = None

    def open_path(self, path: str | Path) -> bool:
        """Open an issue file; a past issue (.md/.txt/.docx) is imported as a new draft."""
        path = Path(path)
        try:
            if path.suffix.lower() in paths.YAML_SUFFIXES:
                document = IssueDocument(storage.load_yaml_issue(path), path.resolve())
            else:
                document = self._import_document(path)
        except IssueFormatError as exc:
            dialogs.show_error(self, self.tr("Cannot open the issue"),
                               self.tr("“%1” could not be opened.").replace("%1", path.name),
                               wording.describe_error(exc))
            return False
        self.set_document(document)
        if document.path is not None:
            self.settings.add_recent(document.path)
            self.save_settings()
        if self.isVisible():
            self._show_import_report()
        # else: the window is being created with a file to open (talkeditor FILE); the
        # report waits for showEvent, so it does not float over an empty screen.
        return True

    def _show_import_report(self) -> None:
        report, self._import_report = self._import_report, None
        if report:
            # What the import dropped, guessed or changed, once the draft is on screen.
            dialogs.show_info(self, self.tr("Imported “%1”").replace("%1", report[0]),
                              "\n".join(report[1]))

    def showEvent(self, event) -> None:  # Qt API
        super().showEvent(event)
        if self._import_report is not None:
            QTimer.singleShot(0, self._show_import_report)

    def _import_document(self, path: Path) -> IssueDocument:
        from ..importing.importer import import_file

        result = import_file(path, archive_issues=self.archive.issues())
        document = IssueDocument(result.issue, None)
        document.pending_assets = result.assets
        document.set_modified(True)
        from .document.import_report import describe_summary, finding_lines

        self.statusBar().showMessage(describe_summary(result.summary), 15000)
        if result.summary.findings:
            self._import_report = (path.name, finding_lines(result.summary.findings))
        return document

    def save(self, path: str | Path | None = None) -> bool:
        """Save without a dialog when a path is given or known; False if not saved."""
        target = Path(path) if path else self.document.path
        if target is None or (path is None and self.safety.blocks_save(target)):
            return self.save_as_action()  # never silently recreate a file that vanished
        try:
            if self.document.pending_assets:
                from ..importing.importer import write_assets

                write_assets(self.document.pending_assets, target.parent)
            saved = self.document.save(target)
            self.document.pending_assets = {}
        except OSError as exc:
            dialogs.show_error(self, self.tr("Save failed"), self.safety.save_failure_text(exc),
                               str(exc))
            return False
        except IssueFormatError as exc:
            dialogs.show_error(self, self.tr("Save failed"), self.tr(
                "The issue is too large to save; nothing was written."), str(exc))
            return False
        self.safety.saved()
        if saved.parent.parent.resolve() == self.archive.folder.resolve():
            self.archive_actions.reset()
            self.archive_panel.refresh()
        if self.watcher.path != saved:
            self.watcher.watch(saved)
        else:
            self.watcher.note_own_write()
        self.settings.add_recent(saved)
        self.save_settings()
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(saved)), 5000)
        return True

    # ------------------------------------------------------------------ never lose work
    def offer_recovery(self) -> bool:
        """After a crash: offer the drafts left in the recovery folder. True if one was
        restored."""
        from datetime import datetime

        from ..storage.recovery import compare_draft
        from .wording import describe_draft

        orphans = self.autosaver.store.orphans()
        if not orphans:
            return False
        rows = [(e.title or self.tr("untitled"),
                 datetime.fromtimestamp(e.saved_at).strftime("%Y-%m-%d %H:%M"),
                 describe_draft(compare_draft(e))) for e in orphans]
        answer, index = dialogs.ask_recover(self, rows)
        if answer == "discard":
            for entry in orphans:
                self.autosaver.store.remove(entry.id)
            return False
        if answer != "restore" or not 0 <= index < len(orphans):
            return False
        entry = orphans[index]
        try:
            issue = entry.load()
        except IssueFormatError as exc:
            try:
                kept = str(self.autosaver.store.set_aside(entry))
            except OSError:
                kept = str(entry.yaml_path)
            dialogs.show_error(self, self.tr("Cannot restore the draft"), self.tr(
                "The draft cannot be opened; its text is kept in %1.").replace("%1", kept),
                str(exc))
            return False
        document = IssueDocument(issue, entry.original)
        document.set_modified(True)
        self.set_document(document, recovery_id=entry.id)
        self.statusBar().showMessage(self.tr("Draft restored — save it to keep it"), 10000)
        return True

    def _autosave_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Autosave failed: %1").replace("%1", message),
                                     10000)

    def _changed_on_disk(self, path) -> None:
        try:
            theirs = storage.load_yaml_issue(path)
        except IssueFormatError as exc:
            self.safety.unreadable(path, exc)
            return
        self.notice_bar.clear("file-unreadable")
        if self.document.is_modified():
            import difflib

            from ..render.issue_markdown import issue_markdown

            diff = "\n".join(difflib.unified_diff(
                issue_markdown(theirs).splitlines(), issue_markdown(self.issue()).splitlines(),
                self.tr("on disk"), self.tr("yours"), lineterm="", n=1))
            if dialogs.ask_external_change(self, self.document.display_name(), diff) == "mine":
                self.statusBar().showMessage(self.tr("Kept your version; saving will overwrite "
                                                     "the file on disk"), 10000)
                return
        current = self.editor.current_id
        self.set_document(IssueDocument(theirs, Path(path)))
        if current and theirs.find(current) is not None:
            self.tree.select(current)
        self.statusBar().showMessage(self.tr("Reloaded: the file changed on disk"), 8000)

    # ------------------------------------------------------------------ file actions
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document."""
        if not self.document.is_modified():
            return True
        answer = dialogs.ask_save_changes(self, self.document.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_from_template(self, name: str = paths.DEFAULT_TEMPLATE) -> bool:
        if not self.maybe_save():
            return False
        try:
            issue = storage.load_template(name)
        except IssueFormatError as exc:
            dialogs.show_error(self, self.tr("Cannot load the template"),
                               wording.describe_error(exc))
            return False
        self.set_document(IssueDocument(issue, None))
        return True

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = self.document.path.parent if self.document.path else self.settings.archive_dir()
        path = dialogs.open_issue_path(self, start)
        if path:
            self.open_path(path)

    def save_action(self) -> bool:
        return self.save()

    def save_as_action(self) -> bool:
        number = storage.folder_name(self.document.issue)
        suggested = self.document.path or self.settings.archive_dir() / number / "issue.yaml"
        path = dialogs.save_issue_path(self, suggested)
        if not path:
            return False
        return self.save(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.settings.recent_files() if Path(p).exists()]
        for index, name in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{index} {name}")
            action.triggered.connect(lambda _c=False, n=name: self._open_recent(n))
        if not recent:
            self.recent_menu.addAction(self.tr("No recent issues")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear the list"))
            clear.triggered.connect(self._clear_recent)

    def _open_recent(self, name: str) -> None:
        if self.maybe_save():
            self.open_path(name)

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self.save_settings()

    # ------------------------------------------------------------------ edit actions
    def undo(self) -> None:
        """Undo the last change, wherever it was: one history (IssueDocument.undo_stack)."""
        self.document.undo_stack.undo()
        self._update_undo_actions()

    def redo(self) -> None:
        self.document.undo_stack.redo()
        self._update_undo_actions()

    def _update_undo_actions(self, *_args) -> None:
        stack = self.document.undo_stack
        self.actions_["actionUndo"].setEnabled(stack.canUndo())
        self.actions_["actionRedo"].setEnabled(stack.canRedo())

    def show_find(self) -> None:
        self.find_panel.document = self.document
        selected = self.editor.pane.body.textCursor().selectedText()
        self.find_panel.open(selected if "\u2029" not in selected else "")

    def _cursor_position(self) -> tuple[str, int]:
        if self.editor.current_id:
            return self.editor.current_id, self.editor.pane.body.textCursor().position()
        return "", 0

    def _goto_hit(self, section_id: str, start: int, end: int) -> None:
        self.tree.select(section_id)
        cursor = self.editor.pane.body.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.pane.body.setTextCursor(cursor)
        self.editor.pane.body.ensureCursorVisible()

    def _replace_current(self, count: int) -> None:
        if count != -1:
            return
        cursor = self.editor.pane.body.textCursor()
        needle = self.find_panel.find_edit.text()
        selected = cursor.selectedText()
        same = selected == needle if self.find_panel.case.isChecked() else \
            selected.lower() == needle.lower()
        if needle and same:
            cursor.insertText(self.find_panel.replace_edit.text())

    # ------------------------------------------------------------------ section actions
    def _selected_id(self) -> str:
        return self.tree.current_id()

    def add_section(self) -> None:
        sid = self._selected_id()
        new = self.document.add_section(sid or None, self.tr("New section"))
        self._edit_new(new)

    def add_subsection(self) -> None:
        sid = self._selected_id()
        if not sid:
            return self.add_section()
        new = self.document.add_section(sid, self.tr("New subsection"), as_child=True)
        self._edit_new(new)

    def _edit_new(self, section_id: str) -> None:
        self.tree.select(section_id)
        self.tree.edit(self.tree_model.index_of(section_id))

    def rename_section(self) -> None:
        sid = self._selected_id()
        if sid:
            self.tree.edit(self.tree_model.index_of(sid))

    def delete_section(self) -> None:
        sid = self._selected_id()
        section = self.document.issue.find(sid) if sid else None
        if section is None:
            return
        self.document.delete_section(sid)
        self.statusBar().showMessage(
            self.tr("Deleted “%1” — Undo (Ctrl+Z) brings it back").replace("%1", section.title),
            8000)

    def move_up(self) -> None:
        sid = self._selected_id()
        if sid and self.document.move_section(sid, -1):
            self.tree.select(sid)

    def move_down(self) -> None:
        sid = self._selected_id()
        if sid and self.document.move_section(sid, 1):
            self.tree.select(sid)

    # ------------------------------------------------------------------ view
    def toggle_preview(self, visible: bool) -> None:
        self.preview_dock.setVisible(visible)

    def about(self) -> None:
        dialogs.about(self, __version__)

    def show_guide(self):
        from ..render.html import markdown_to_html
        from ..storage.files import read_limited

        try:
            guide = paths.guide_path()
            text = read_limited(guide, 2 * 1024 * 1024).decode("utf-8")
        except (FileNotFoundError, IssueFormatError, UnicodeDecodeError) as exc:
            dialogs.show_error(self, self.tr("User guide"), wording.describe_error(exc))
            return None
        return dialogs.show_guide(self, markdown_to_html(text), guide.parent)

    def _section_selected(self, section_id: str) -> None:
        if section_id != self.editor.current_id or self.editor.currentIndex() == 0:
            self.editor.show_section(section_id)
        self.preview.show_section(section_id)
        self.archive_actions.show_repeats(section_id)
        self._update_status()
        enabled = bool(section_id)
        for name in ("actionAddSubsection", "actionRenameSection", "actionDeleteSection",
                     "actionMoveUp", "actionMoveDown"):
            self.actions_[name].setEnabled(enabled)

    def _update_title(self, *_args) -> None:
        name = self.document.display_name()
        self.setWindowTitle(f"{name}[*] — talkeditor")
        self.setWindowModified(self.document.is_modified())

    def _update_status(self, *_args) -> None:
        sid = self.editor.current_id
        if sid:
            self.section_count.setText(self.tr("Section: %1 chars").replace(
                "%1", str(self.document.text_length(sid))))
        else:
            self.section_count.setText("")
        self.issue_count.setText(self.tr("Issue: %1 chars").replace(
            "%1", str(self.document.text_length())))
        self.minutes_label.setText(self.tr("Talk time: %1 min").replace(
            "%1", str(self.document.total_minutes())))

    def _apply_colour_scheme(self) -> None:
        hints = QGuiApplication.styleHints()
        dark = hints.colorScheme() == Qt.ColorScheme.Dark
        self.preview.set_dark(dark)
        self.editor.pane.set_dark(dark)
        self.preview.schedule()

    def changeEvent(self, event) -> None:  # Qt API
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ThemeChange):
            QTimer.singleShot(0, self._apply_colour_scheme)
        super().changeEvent(event)

    # ------------------------------------------------------------------ layout and closing
    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry()
        state = self.settings.window_state()
        if geometry:
            self.restoreGeometry(geometry)
        if not state or not self.restoreState(state):
            self.resizeDocks([self.tree_dock, self.preview_dock], [250, 520],
                             Qt.Orientation.Horizontal)
        visible = self.settings.preview_visible()
        self.actions_["actionTogglePreview"].setChecked(visible)
        self.preview_dock.setVisible(visible)
        self.preview_dock.visibilityChanged.connect(self._preview_visibility)

    def _preview_visibility(self, visible: bool) -> None:
        if not self.isMinimized():
            self.actions_["actionTogglePreview"].blockSignals(True)
            self.actions_["actionTogglePreview"].setChecked(self.preview_dock.isVisible())
            self.actions_["actionTogglePreview"].blockSignals(False)

    def save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            self.statusBar().showMessage(self.tr("Settings not saved: %1").replace(
                "%1", str(exc)), 8000)

    def closeEvent(self, event) -> None:  # Qt API
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.set_window_layout(bytes(self.saveGeometry()), bytes(self.saveState()))
        self.settings.set_preview_visible(self.preview_dock.isVisible())
        self.save_settings()
        self.autosaver.discard()
        event.accept()

    def keyPressEvent(self, event) -> None:  # Qt API
        if event.matches(QKeySequence.StandardKey.Cancel) and self.find_panel.isVisible():
            self.find_panel.hide()
            return
        super().keyPressEvent(event)
