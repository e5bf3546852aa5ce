"""Every QAction of the main window, declared once: object name, text, shortcut, handler, menu.

The window builds menus and the toolbar from this table; handlers are method names on the
window, so no action is wired by hand anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QIcon, QKeySequence

StandardKey = QKeySequence.StandardKey


def translate(text: str) -> str:
    return QCoreApplication.translate("actions", text)


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    handler: str  # a method of the window, or "helper.method" of one of its helpers
    menu: str
    shortcut: QKeySequence.StandardKey | str | None = None
    tip: str = ""
    icon: str = ""
    toolbar: bool = False
    checkable: bool = False


def specs() -> list[ActionSpec]:
    return [
        ActionSpec(
            "actionNew",
            QT_TRANSLATE_NOOP("actions", "&New from Template"),
            "new_from_template",
            "file",
            StandardKey.New,
            QT_TRANSLATE_NOOP("actions", "Start a new issue from the default template"),
            "document-new",
            True,
        ),
        ActionSpec(
            "actionNewFromIssue",
            QT_TRANSLATE_NOOP("actions", "New from &Past Issue…"),
            "archive_actions.new_from_issue",
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
            "open_dialog",
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
            "save_action",
            "file",
            StandardKey.Save,
            QT_TRANSLATE_NOOP("actions", "Save issue.yaml and issue.md"),
            "document-save",
            True,
        ),
        ActionSpec(
            "actionSaveAs",
            QT_TRANSLATE_NOOP("actions", "Save &As…"),
            "save_as_action",
            "file",
            StandardKey.SaveAs,
            QT_TRANSLATE_NOOP("actions", "Save the issue under a new name"),
            "document-save-as",
        ),
        ActionSpec(
            "actionExportZhihu",
            QT_TRANSLATE_NOOP("actions", "&Export for Zhihu…"),
            "zhihu_actions.export_zhihu",
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
            "sync_controller.sync_archive",
            "file",
            "Ctrl+Alt+S",
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
            "sync_controller.ask_author",
            "file",
            None,
            QT_TRANSLATE_NOOP(
                "actions", "The name Sync commits with and Sign Line As offers first"
            ),
        ),
        ActionSpec(
            "actionQuit",
            QT_TRANSLATE_NOOP("actions", "&Quit"),
            "close",
            "file",
            StandardKey.Quit,
            QT_TRANSLATE_NOOP("actions", "Quit talkeditor"),
            "application-exit",
        ),
        ActionSpec(
            "actionUndo",
            QT_TRANSLATE_NOOP("actions", "&Undo"),
            "undo",
            "edit",
            StandardKey.Undo,
            QT_TRANSLATE_NOOP("actions", "Undo the last change"),
            "edit-undo",
            True,
        ),
        ActionSpec(
            "actionRedo",
            QT_TRANSLATE_NOOP("actions", "&Redo"),
            "redo",
            "edit",
            StandardKey.Redo,
            QT_TRANSLATE_NOOP("actions", "Redo the last undone change"),
            "edit-redo",
            True,
        ),
        ActionSpec(
            "actionFind",
            QT_TRANSLATE_NOOP("actions", "&Find and Replace…"),
            "show_find",
            "edit",
            StandardKey.Find,
            QT_TRANSLATE_NOOP("actions", "Find and replace across all sections"),
            "edit-find",
        ),
        ActionSpec(
            "actionSignLine",
            QT_TRANSLATE_NOOP("actions", "Sign &Line As…"),
            "credits_actions.sign_line",
            "edit",
            "Ctrl+Alt+S",
            QT_TRANSLATE_NOOP("actions", "Credit the current line to a person (—名字)"),
        ),
        ActionSpec(
            "actionFillLinkTitles",
            QT_TRANSLATE_NOOP("actions", "Fill Missing &Link Titles"),
            "link_actions.fill_missing_titles",
            "edit",
            None,
            QT_TRANSLATE_NOOP(
                "actions", "Fetch the page title of every bare link that has no title line"
            ),
        ),
        ActionSpec(
            "actionFetchPastedTitles",
            QT_TRANSLATE_NOOP("actions", "Fetch Titles of &Pasted Links"),
            "link_actions.set_fetch_titles",
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
            "link_actions.insert_image",
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
            "add_section",
            "section",
            "Ctrl+Shift+N",
            QT_TRANSLATE_NOOP("actions", "Add a section after the selected one"),
            "list-add",
            True,
        ),
        ActionSpec(
            "actionAddSubsection",
            QT_TRANSLATE_NOOP("actions", "Add &Subsection"),
            "add_subsection",
            "section",
            "Ctrl+Shift+B",
            QT_TRANSLATE_NOOP("actions", "Add a subsection under the selected section"),
        ),
        ActionSpec(
            "actionRenameSection",
            QT_TRANSLATE_NOOP("actions", "&Rename Section"),
            "rename_section",
            "section",
            "F2",
            QT_TRANSLATE_NOOP("actions", "Rename the selected section"),
        ),
        ActionSpec(
            "actionCopyFormat",
            QT_TRANSLATE_NOOP("actions", "&Copy Format from Past Issue…"),
            "archive_actions.copy_format",
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
            "delete_section",
            "section",
            "Ctrl+Shift+Delete",
            QT_TRANSLATE_NOOP("actions", "Delete the selected section and its subsections"),
            "list-remove",
        ),
        ActionSpec(
            "actionMoveUp",
            QT_TRANSLATE_NOOP("actions", "Move &Up"),
            "move_up",
            "section",
            "Ctrl+Shift+Up",
            QT_TRANSLATE_NOOP("actions", "Move the selected section up"),
            "go-up",
            True,
        ),
        ActionSpec(
            "actionMoveDown",
            QT_TRANSLATE_NOOP("actions", "Move Do&wn"),
            "move_down",
            "section",
            "Ctrl+Shift+Down",
            QT_TRANSLATE_NOOP("actions", "Move the selected section down"),
            "go-down",
            True,
        ),
        ActionSpec(
            "actionTogglePreview",
            QT_TRANSLATE_NOOP("actions", "&Preview"),
            "toggle_preview",
            "view",
            "F9",
            QT_TRANSLATE_NOOP("actions", "Show or hide the live preview"),
            checkable=True,
        ),
        ActionSpec(
            "actionZhihuPreview",
            QT_TRANSLATE_NOOP("actions", "&Zhihu Preview"),
            "zhihu_actions.toggle_zhihu_preview",
            "view",
            "Ctrl+Shift+P",
            QT_TRANSLATE_NOOP("actions", "Show the preview as the Zhihu post will look"),
            checkable=True,
        ),
        ActionSpec(
            "actionGuide",
            QT_TRANSLATE_NOOP("actions", "&User Guide"),
            "show_guide",
            "help",
            StandardKey.HelpContents,
            QT_TRANSLATE_NOOP("actions", "Open the user guide (in Chinese)"),
            "help-contents",
        ),
        ActionSpec(
            "actionAbout",
            QT_TRANSLATE_NOOP("actions", "&About talkeditor"),
            "about",
            "help",
            None,
            QT_TRANSLATE_NOOP("actions", "Version and credits"),
        ),
    ]


def create_actions(window) -> dict[str, QAction]:
    """Create the actions on ``window``, connected to its handler methods."""
    actions: dict[str, QAction] = {}
    for spec in specs():
        action = QAction(translate(spec.text), window)
        action.setObjectName(spec.name)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(translate(spec.tip))
            action.setToolTip(translate(spec.tip))
        if spec.icon:
            action.setIcon(QIcon.fromTheme(spec.icon))
        action.setCheckable(spec.checkable)
        handler = window
        for part in spec.handler.split("."):  # "zhihu_actions.export_zhihu": a helper's method
            handler = getattr(handler, part)
        if spec.checkable:
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[spec.name] = action
    return actions


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
