"""The main window: layout and wiring only.

Left docks: the section tree, past issues, credits. Centre: the editor pane (metadata form or
one section) with the find bar. Right dock: the live preview. The open issue's life cycle
(open, import, save, autosave, recovery, file watching) belongs to the DocumentManager; the
commands to the controllers, which reach the window through ``controllers.window_api``.

It is built in two steps: what the first paint shows (the tree, editor, preview, menus,
toolbar and status bar, and the Credits panel, whose width the docks keep), then, in
``build_rest``, the Past Issues panel behind its tab, the hidden find bar and the commands
that need them. The app's start-up runs the
second step right after the first paint (``later=True``) unless the Past Issues tab was on
top when the window last closed; otherwise it follows at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QVBoxLayout, QWidget

from .. import paths
from ..archive.folder import Archive
from ..model import Issue
from ..settings import Settings
from . import window_state
from .actions import build_menus, create_actions
from .controllers.help import HelpActions
from .controllers.sections import SectionActions
from .controllers.sync import SyncController
from .document.issue_document import IssueDocument
from .document.manager import DocumentManager
from .editor.section_editor import SectionEditor
from .menus import LanguageMenu, RecentMenu
from .notice_bar import NoticeBar
from .panels.credits_panel import CreditsPanel
from .panels.preview import PreviewPane
from .panels.section_tree import META_ID, SectionTreeModel, SectionTreeView
from .panels.status_bar import StatusCounts
from .startup import StartupSequence

SECTION_ACTIONS = ("actionAddSubsection", "actionRenameSection", "actionDeleteSection",
                   "actionMoveUp", "actionMoveDown")


class MainWindow(QMainWindow):
    #: start-up milestones, in order: 'shell' (first paint, maybe without the issue),
    #: 'document' (the issue painted), 'preview' (its first render set)
    startupStage = Signal(str)

    def __init__(self, settings: Settings | None = None, parent=None, *, later: bool = False):
        """``later``: the hidden panels and their commands are built by ``build_rest``, which
        the caller runs once the window is on screen (an action that comes first runs it);
        otherwise, or when the settings say Past Issues was on top, before this returns."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.manager = DocumentManager(self.settings, self, self)
        self.autosaver, self.watcher = self.manager.autosaver, self.manager.watcher
        document = self.manager.document
        self.archive = Archive(self.settings.archive_dir())
        self.manager.archive = lambda: self.archive
        self.resize(1400, 860)

        self.tree_model = SectionTreeModel(document, self)
        self.tree = SectionTreeView(self.tree_model, self)
        self.editor = SectionEditor(document, self)
        self.preview = PreviewPane(document, self)
        # Built now although behind its tab: its buttons set the docks' least width, which
        # must not change once the window is on screen.
        self.credits_panel = CreditsPanel(document, self)
        centre = QWidget(self)
        self._centre_layout = QVBoxLayout(centre)
        self._centre_layout.setContentsMargins(0, 0, 0, 0)
        self._centre_layout.setSpacing(0)
        self.notice_bar = NoticeBar(centre)
        self._centre_layout.addWidget(self.notice_bar)
        self._centre_layout.addWidget(self.editor, 1)
        self.setCentralWidget(centre)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.tree_dock, self.preview_dock, self.archive_dock, self.credits_dock = (
            self._dock(name, title, widget, area) for name, title, widget, area in (
                ("sectionTreeDock", self.tr("Sections"), self.tree, left),
                ("previewDock", self.tr("Preview"), self.preview, right),
                ("archiveDock", self.tr("Past Issues"), QWidget(self), left),  # build_rest
                ("creditsDock", self.tr("Credits"), self.credits_panel, left)))
        self.tabifyDockWidget(self.tree_dock, self.archive_dock)
        self.tabifyDockWidget(self.archive_dock, self.credits_dock)
        self.tree_dock.raise_()

        self.section_actions = SectionActions(self, self.tree, self)
        self.help_actions = HelpActions(self, self)
        self.sync_controller = SyncController(self, self)
        self._built = False
        self.actions_ = create_actions(self, self._action_handler)
        self.recent_menu = RecentMenu(self.manager, self)
        self.menus, self.toolbar = build_menus(self, self.actions_, self.recent_menu)
        view = self.menus["view"]
        view.addSeparator()
        for widget in (self.tree_dock, self.archive_dock, self.credits_dock, self.toolbar):
            view.addAction(widget.toggleViewAction())
        view.addMenu(LanguageMenu(self.settings, self.manager.save_settings,
                                  self.show_message, self))
        self.actions_["actionTogglePreview"].setChecked(True)
        for name in ("actionUndo", "actionRedo"):  # EditActions follows the history once built
            self.actions_[name].setEnabled(False)
        self.sync_controller.install(self, self.menus["view"], self.tree.sectionSelected,
                                     self.actions_["actionSync"], self.preview_dock)
        self.status_counts = StatusCounts(self.statusBar(), self.current_section, self)
        self._wire()
        window_state.apply_colour_scheme(self)
        window_state.restore_layout(self)
        self.startup = StartupSequence(self)
        # Past Issues on top when the window last closed: its panel is in the first frame
        if not later or self.settings.archive_shown():
            self.build_rest()

    def build_rest(self) -> None:
        """The Past Issues panel, the find bar and the commands that need them, wired to the
        window and its document (once; later calls do nothing). Their modules are loaded
        here: ~20 ms the first paint does not wait for."""
        if self._built:
            return
        self._built = True
        from .controllers.archive import ArchiveActions
        from .controllers.credits import CreditsActions
        from .controllers.edit import EditActions
        from .controllers.links import LinkActions
        from .controllers.safety import WorkSafety
        from .controllers.zhihu import ZhihuActions
        from .editor.find_panel import FindPanel
        from .panels.archive_panel import ArchivePanel

        self.find_panel = FindPanel(self)
        self.find_panel.hide()
        self._centre_layout.addWidget(self.find_panel)
        self.archive_panel = ArchivePanel(self.archive, self)
        placeholder = self.archive_dock.widget()
        self.archive_dock.setWidget(self.archive_panel)
        placeholder.deleteLater()
        self.link_actions = LinkActions(self, parent=self)
        self.archive_actions = ArchiveActions(self, self.archive_panel,
                                              self.link_actions.carry_images, self)
        self.credits_actions = CreditsActions(self, self.credits_panel, self)
        self.zhihu_actions = ZhihuActions(self, self.preview, lambda: self.toggle_preview(True),
                                          self)
        self.preview.zhihu_source = self.zhihu_actions.post
        self.edit_actions = EditActions(self, self.find_panel, self)
        self.safety = WorkSafety(self.manager, self.notice_bar, self)
        self.edit_actions.set_actions(self.actions_["actionUndo"], self.actions_["actionRedo"])
        self.link_actions.sync_actions(self.actions_["actionFetchPastedTitles"])
        self.archive_dock.visibilityChanged.connect(self.archive_panel.catch_up)
        self.manager.saved.connect(self.archive_actions.saved)
        for view in (self.archive_actions, self.edit_actions):
            self.manager.add_view(view)  # to the document shown, if any
        self.archive_actions.show_repeats(self.editor.current_id)

    def _action_handler(self, spec):
        """What an action runs (``actions.create_actions``). One whose command is built with
        the hidden panels (a shortcut pressed while the app starts) builds them first."""
        try:
            return spec.handler(self)  # only looks the command up: w.<controller>.<method>
        except AttributeError:
            if self._built:
                raise
            self.build_rest()
            return spec.handler(self)

    def paintEvent(self, event) -> None:  # Qt API
        super().paintEvent(event)
        self.startup.painted()

    def showEvent(self, event) -> None:  # Qt API
        super().showEvent(event)
        if self.manager.has_import_report():
            QTimer.singleShot(0, self.manager.show_import_report)

    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _wire(self) -> None:
        manager = self.manager
        self.tree.sectionSelected.connect(self._section_selected)
        self.preview.sectionClicked.connect(self.tree.select)
        self.preview_dock.visibilityChanged.connect(self.preview.catch_up)
        self.credits_dock.visibilityChanged.connect(self.credits_panel.catch_up)
        manager.message.connect(self.show_message)
        manager.autosaveFailed.connect(lambda text: self.show_message(
            self.tr("Autosave failed: %1").replace("%1", text), 10000))
        manager.reloaded.connect(lambda _p: self.tree.select(self._shown_before_reload))
        manager.documentChanged.connect(self._document_changed)
        # The order views detach in is the reverse of this (build_rest adds the archive and
        # edit commands after these); all follow every new document.
        for view in (self.editor, self.tree_model, self.preview, self.credits_panel):
            manager.add_view(view, attach=False)  # built on the first document
        for view in (self.status_counts, self):
            manager.add_view(view)
        self._shown_before_reload = META_ID

    # ------------------------------------------------------------------ the window as a view
    def attach(self, document: IssueDocument) -> None:
        document.modifiedChanged.connect(self._update_title)
        document.pathChanged.connect(self._update_title)
        document.structureChanged.connect(self._structure_changed)
        self._update_title()

    def detach(self) -> None:
        self._shown_before_reload = self.editor.current_id
        document = self.document
        document.modifiedChanged.disconnect(self._update_title)
        document.pathChanged.disconnect(self._update_title)
        document.structureChanged.disconnect(self._structure_changed)

    def _document_changed(self, _document) -> None:
        self.tree.expandAll()
        self.tree.select(META_ID)
        self.editor.show_section(META_ID)

    # ------------------------------------------------------------------ window contract (tests)
    @property
    def document(self) -> IssueDocument:
        return self.manager.document

    def issue(self) -> Issue:
        """The current model, as it would be saved."""
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

    def open_path(self, path: str | Path) -> bool:
        return self.manager.open_path(path)

    def save(self, path: str | Path | None = None) -> bool:
        return self.manager.save(path)

    def new_from_template(self, name: str = paths.DEFAULT_TEMPLATE) -> bool:
        return self.manager.new_from_template(name)

    def offer_recovery(self) -> bool:
        return self.manager.offer_recovery()

    # ------------------------------------------------------------------ WindowApi
    def dialog_parent(self) -> QWidget:
        return self

    def show_message(self, text: str, ms: int = 8000) -> None:
        self.statusBar().showMessage(text, ms)

    def current_section(self) -> str:
        return self.editor.current_id

    def show_section(self, section_id: str) -> None:
        self.tree.select(section_id)
        self.tree_dock.raise_()

    def body_editor(self):
        return self.editor.pane.body

    def select_body_range(self, start: int, end: int) -> None:
        self.editor.pane.select_range(start, end)

    def goto_line(self, line: int) -> None:
        self.editor.pane.goto_line(line)

    def set_repeats(self, items: list[tuple[int, str]]) -> None:
        self.editor.pane.set_repeats(items)

    # ------------------------------------------------------------------ view
    def toggle_preview(self, visible: bool) -> None:
        self.preview_dock.setVisible(visible)
        if self.actions_["actionTogglePreview"].isChecked() != visible:
            self.actions_["actionTogglePreview"].setChecked(visible)

    def _section_selected(self, section_id: str) -> None:
        if self.manager.switching:
            return  # the new document's first section is shown once every view follows it
        if section_id != self.editor.current_id or self.editor.currentIndex() == 0:
            self.editor.show_section(section_id)
        self.preview.show_section(section_id)
        if self._built:
            self.archive_actions.show_repeats(section_id)
            self.edit_actions.update_actions()
        self.status_counts.update()
        for name in SECTION_ACTIONS:
            self.actions_[name].setEnabled(bool(section_id))

    def _structure_changed(self) -> None:
        current = self.editor.current_id
        if current and self.document.issue.find(current) is None:
            self.tree.select(META_ID)

    def _update_title(self, *_args) -> None:
        self.setWindowTitle(f"{self.document.display_name()}[*] — talkeditor")
        self.setWindowModified(self.document.is_modified())

    def changeEvent(self, event) -> None:  # Qt API
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ThemeChange):
            QTimer.singleShot(0, lambda: window_state.apply_colour_scheme(self))
        super().changeEvent(event)

    # ------------------------------------------------------------------ closing
    def save_settings(self) -> None:
        self.manager.save_settings()

    def closeEvent(self, event) -> None:  # Qt API
        if not self.manager.maybe_save():
            event.ignore()
            return
        window_state.save_layout(self)
        self.manager.save_settings()
        self.manager.close()
        event.accept()
