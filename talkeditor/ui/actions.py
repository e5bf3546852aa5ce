"""Every QAction of the main window, declared once: object name, text, shortcut, handler, menu.

The window builds menus and the toolbar from this table (``build_menus``). Each handler is a
function of the window returning the callable to run (``lambda w: w.manager.save``), so the
binding is checked code, not a name looked up at run time; no action is wired anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

StandardKey = QKeySequence.StandardKey


def translate(text: str) -> str:
    return QCoreApplication.translate("actions", text)


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    handler: Callable  # window -> the callable the action runs
    menu: str
    shortcut: QKeySequence.StandardKey | str | None = None
    tip: str = ""
    icon: str = ""
    toolbar: bool = False
    checkable: bool = False
    shortcuts: tuple[str, ...] = ()  # more key sequences besides ``shortcut``


def specs() -> list[ActionSpec]:
    return [
        ActionSpec(
            "actionNew",
            QT_TRANSLATE_NOOP("actions", "&New from Template"),
            lambda w: w.manager.new_from_template,
            "file",
            StandardKey.New,
            QT_TRANSLATE_NOOP("actions", "Start a new issue from the default template"),
            "document-new",
            True,
        ),
        ActionSpec(
            "actionNewFromIssue",
            QT_TRANSLATE_NOOP("actions", "New from &Past Issue…"),
            lambda w: w.archive_actions.new_from_issue,
            "file",
            "Ctrl+Alt+N",
            QT_TRANSLATE_NOOP(
                "actions",
                "Start the next issue from a past one: same format, number + 1, next date",
            ),
            "document-new",
            True,
        ),
        ActionSpec(
            "actionOpen",
            QT_TRANSLATE_NOOP("actions", "&Open…"),
            lambda w: w.manager.open_dialog,
            "file",
            StandardKey.Open,
            QT_TRANSLATE_NOOP(
                "actions", "Open an issue (.yaml) or a past issue (.md, .txt, .docx)"
            ),
            "document-open",
            True,
        ),
        ActionSpec(
            "actionSave",
            QT_TRANSLATE_NOOP("actions", "&Save"),
            lambda w: w.manager.save,
            "file",
            StandardKey.Save,
            QT_TRANSLATE_NOOP("actions", "Save issue.yaml and issue.md"),
            "document-save",
            True,
        ),
        ActionSpec(
            "actionSaveAs",
            QT_TRANSLATE_NOOP("actions", "Save &As…"),
            lambda w: w.manager.save_as,
            "file",
            StandardKey.SaveAs,
            QT_TRANSLATE_NOOP("actions", "Save the issue under a new name"),
            "document-save-as",
        ),
        ActionSpec(
            "actionExportZhihu",
            QT_TRANSLATE_NOOP("actions", "&Export for Zhihu…"),
            lambda w: w.zhihu_actions.export_in_background,
            "file",
            "Ctrl+E",
            QT_TRANSLATE_NOOP(
                "actions", "Write post.md, post.html and title.txt for Zhihu and copy the post"
            ),
            "document-send",
            True,
        ),
        ActionSpec(
            "actionSync",
            QT_TRANSLATE_NOOP("actions", "S&ync"),
            lambda w: w.sync_controller.sync_archive,
            "file",
            "F5",
            QT_TRANSLATE_NOOP(
                "actions",
                "Share the archive with the other contributors through git: commit, fetch, "
                "merge, push",
            ),
            "view-refresh",
            True,
        ),
        ActionSpec(
            "actionAuthorName",
            QT_TRANSLATE_NOOP("actions", "Your &Name…"),
            lambda w: w.sync_controller.ask_author,
            "file",
            None,
            QT_TRANSLATE_NOOP(
                "actions", "The name Sync commits with and Sign Line As offers first"
            ),
        ),
        ActionSpec(
            "actionQuit",
            QT_TRANSLATE_NOOP("actions", "&Quit"),
            lambda w: w.close,
            "file",
            StandardKey.Quit,
            QT_TRANSLATE_NOOP("actions", "Quit talkeditor"),
            "application-exit",
        ),
        ActionSpec(
            "actionUndo",
            QT_TRANSLATE_NOOP("actions", "&Undo"),
            lambda w: w.edit_actions.undo,
            "edit",
            StandardKey.Undo,
            QT_TRANSLATE_NOOP("actions", "Undo the last change"),
            "edit-undo",
            True,
        ),
        ActionSpec(
            "actionRedo",
            QT_TRANSLATE_NOOP("actions", "&Redo"),
            lambda w: w.edit_actions.redo,
            "edit",
            StandardKey.Redo,
            QT_TRANSLATE_NOOP("actions", "Redo the last undone change"),
            "edit-redo",
            True,
            shortcuts=("Ctrl+Y", "Ctrl+Shift+Z"),
        ),
        ActionSpec(
            "actionFind",
            QT_TRANSLATE_NOOP("actions", "&Find and Replace…"),
            lambda w: w.edit_actions.show_find,
            "edit",
            StandardKey.Find,
            QT_TRANSLATE_NOOP("actions", "Find and replace across all sections"),
            "edit-find",
        ),
        ActionSpec(
            "actionSignLine",
            QT_TRANSLATE_NOOP("actions", "Sign &Line As…"),
            lambda w: w.credits_actions.sign_line,
            "edit",
            "Ctrl+Alt+S",
            QT_TRANSLATE_NOOP("actions", "Credit the current line to a person (—名字)"),
        ),
        ActionSpec(
            "actionFillLinkTitles",
            QT_TRANSLATE_NOOP("actions", "Fill Missing &Link Titles"),
            lambda w: w.link_actions.fill_missing_titles,
            "edit",
            None,
            QT_TRANSLATE_NOOP(
                "actions", "Fetch the page title of every bare link that has no title line"
            ),
        ),
        ActionSpec(
            "actionFetchPastedTitles",
            QT_TRANSLATE_NOOP("actions", "Fetch Titles of &Pasted Links"),
            lambda w: w.link_actions.set_fetch_titles,
            "edit",
            None,
            QT_TRANSLATE_NOOP(
                "actions", "When a link is pasted on an empty line, fetch its page title and "
                "put it above"
            ),
            checkable=True,
        ),
        ActionSpec(
            "actionInsertImage",
            QT_TRANSLATE_NOOP("actions", "&Image…"),
            lambda w: w.link_actions.insert_image,
            "insert",
            "Ctrl+Shift+I",
            QT_TRANSLATE_NOOP(
                "actions", "Put a picture into the issue's assets/ and insert it at the cursor"
            ),
            "insert-image",
        ),
        ActionSpec(
            "actionAddSection",
            QT_TRANSLATE_NOOP("actions", "&Add Section"),
            lambda w: w.section_actions.add_section,
            "section",
            "Ctrl+Shift+N",
            QT_TRANSLATE_NOOP("actions", "Add a section after the selected one"),
            "list-add",
            True,
        ),
        ActionSpec(
            "actionAddSubsection",
            QT_TRANSLATE_NOOP("actions", "Add &Subsection"),
            lambda w: w.section_actions.add_subsection,
            "section",
            "Ctrl+Shift+B",
            QT_TRANSLATE_NOOP("actions", "Add a subsection under the selected section"),
        ),
        ActionSpec(
            "actionRenameSection",
            QT_TRANSLATE_NOOP("actions", "&Rename Section"),
            lambda w: w.section_actions.rename_section,
            "section",
            "F2",
            QT_TRANSLATE_NOOP("actions", "Rename the selected section"),
        ),
        ActionSpec(
            "actionCopyFormat",
            QT_TRANSLATE_NOOP("actions", "&Copy Format from Past Issue…"),
            lambda w: w.archive_actions.copy_format,
            "section",
            None,
            QT_TRANSLATE_NOOP(
                "actions",
                "Bring a past issue's sections and standing text into this draft, keeping its "
                "content",
            ),
        ),
        ActionSpec(
            "actionDeleteSection",
            QT_TRANSLATE_NOOP("actions", "&Delete Section"),
            lambda w: w.section_actions.delete_section,
            "section",
            "Ctrl+Shift+Delete",
            QT_TRANSLATE_NOOP("actions", "Delete the selected section and its subsections"),
            "list-remove",
        ),
        ActionSpec(
            "actionMoveUp",
            QT_TRANSLATE_NOOP("actions", "Move &Up"),
            lambda w: w.section_actions.move_up,
            "section",
            "Ctrl+Shift+Up",
            QT_TRANSLATE_NOOP("actions", "Move the selected section up"),
            "go-up",
            True,
        ),
        ActionSpec(
            "actionMoveDown",
            QT_TRANSLATE_NOOP("actions", "Move Do&wn"),
            lambda w: w.section_actions.move_down,
            "section",
            "Ctrl+Shift+Down",
            QT_TRANSLATE_NOOP("actions", "Move the selected section down"),
            "go-down",
            True,
        ),
        ActionSpec(
            "actionTogglePreview",
            QT_TRANSLATE_NOOP("actions", "&Preview"),
            lambda w: w.toggle_preview,
            "view",
            "F9",
            QT_TRANSLATE_NOOP("actions", "Show or hide the live preview"),
            checkable=True,
        ),
        ActionSpec(
            "actionZhihuPreview",
            QT_TRANSLATE_NOOP("actions", "&Zhihu Preview"),
            lambda w: w.zhihu_actions.toggle_zhihu_preview,
            "view",
            "Ctrl+Shift+P",
            QT_TRANSLATE_NOOP("actions", "Show the preview as the Zhihu post will look"),
            checkable=True,
        ),
        ActionSpec(
            "actionGuide",
            QT_TRANSLATE_NOOP("actions", "&User Guide"),
            lambda w: w.help_actions.show_guide,
            "help",
            StandardKey.HelpContents,
            QT_TRANSLATE_NOOP("actions", "Open the user guide (in Chinese)"),
            "help-contents",
        ),
        ActionSpec(
            "actionAbout",
            QT_TRANSLATE_NOOP("actions", "&About talkeditor"),
            lambda w: w.help_actions.about,
            "help",
            None,
            QT_TRANSLATE_NOOP("actions", "Version and credits"),
        ),
    ]


def create_actions(window, resolve: Callable[[ActionSpec], Callable] | None = None
                   ) -> dict[str, QAction]:
    """Create the actions on ``window``, each running the callable its spec binds.

    The binding is made each time the action fires, with ``resolve(spec)`` (default:
    ``spec.handler(window)``), so an action can exist before what it runs: the window builds
    its hidden panels and their commands after its first paint (``MainWindow.build_rest``)."""
    resolve = resolve or (lambda spec: spec.handler(window))
    actions: dict[str, QAction] = {}
    for spec in specs():
        action = QAction(translate(spec.text), window)
        action.setObjectName(spec.name)
        keys = [QKeySequence(spec.shortcut)] if spec.shortcut is not None else []
        keys += [QKeySequence(k) for k in spec.shortcuts]
        if keys:
            seen = []
            for key in keys:  # the standard Redo key is already Ctrl+Shift+Z on some desktops
                if key not in seen:
                    seen.append(key)
            action.setShortcuts(seen)
        if spec.tip:
            action.setStatusTip(translate(spec.tip))
            action.setToolTip(translate(spec.tip))
        if spec.icon:
            action.setIcon(QIcon.fromTheme(spec.icon))
        action.setCheckable(spec.checkable)
        if spec.checkable:
            action.toggled.connect(
                lambda checked, s=spec, a=action: _run_toggle(a, resolve(s), checked))
        else:
            action.triggered.connect(lambda _checked=False, s=spec: resolve(s)())
        actions[spec.name] = action
    return actions


def _run_toggle(action: QAction, handler: Callable[[bool], None], checked: bool) -> None:
    # Building what the handler needs may have shown the saved state on the action meanwhile
    # (``LinkActions.sync_actions``): the click is what counts.
    if action.isChecked() != checked:
        action.blockSignals(True)
        action.setChecked(checked)
        action.blockSignals(False)
    handler(checked)


SEPARATE_BEFORE = ("actionFind", "actionSave", "actionDeleteSection", "actionMoveUp",
                   "actionQuit")


def build_menus(window, actions: dict[str, QAction], recent_menu: QMenu):
    """The menu bar and the toolbar from the table; returns (menus by key, toolbar)."""
    menus: dict[str, QMenu] = {}
    for key, _title in MENUS:
        menus[key] = window.menuBar().addMenu(menu_title(key))
    toolbar = QToolBar(QCoreApplication.translate("actions", "Main toolbar"), window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.addToolBar(toolbar)
    previous_menu = None
    for spec in specs():
        menu = menus[spec.menu]
        if previous_menu == spec.menu and spec.name in SEPARATE_BEFORE:
            menu.addSeparator()
        menu.addAction(actions[spec.name])
        if spec.name == "actionOpen":
            menu.addMenu(recent_menu)
        if spec.toolbar:
            toolbar.addAction(actions[spec.name])
        previous_menu = spec.menu
    return menus, toolbar


MENUS = (
    ("file", QT_TRANSLATE_NOOP("actions", "&File")),
    ("edit", QT_TRANSLATE_NOOP("actions", "&Edit")),
    ("insert", QT_TRANSLATE_NOOP("actions", "&Insert")),
    ("section", QT_TRANSLATE_NOOP("actions", "&Section")),
    ("view", QT_TRANSLATE_NOOP("actions", "&View")),
    ("help", QT_TRANSLATE_NOOP("actions", "&Help")),
)


def menu_title(key: str) -> str:
    return translate(dict(MENUS)[key])
