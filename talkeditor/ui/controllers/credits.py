"""What the window does for credits: rename or merge people, make hosts and editors, assign
owners and contributors, sign a line, and jump to where someone is credited. Every edit of the
issue is one undo step (the core's credits_edit functions run inside the document)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor

from ...lazy import lazy_import
from .. import wording
from ..panels.credits_panel import CreditsPanel
from .window_api import WindowApi

dialogs = lazy_import("talkeditor.ui.dialogs")  # loaded on first use, after the first paint


class CreditsActions(QObject):
    def __init__(self, api: WindowApi, panel: CreditsPanel, parent=None):
        super().__init__(parent)
        self.api = api
        self._last_signer = ""
        panel.gotoPlace.connect(self.goto_credit)
        panel.renameRequested.connect(self.rename_person)
        panel.hostRequested.connect(lambda name: self.add_person_to("host", name))
        panel.editorRequested.connect(lambda name: self.add_person_to("editors", name))
        panel.ownerRequested.connect(self.assign_owner)
        panel.contributorRequested.connect(self.add_contributor)

    def known_names(self) -> list[str]:
        """Names from this issue and the archive, most used first, for completion."""
        from ...credits.roster import Roster

        return Roster.from_issues(self.api.archive.issues(), self.api.document.sync()).names()

    def _ask_name(self, title: str, label: str, default: str = "") -> str | None:
        return dialogs.ask_name(self.api.dialog_parent(), title, label, self.known_names(),
                                default)

    def _apply_credits_edit(self, text: str, edit) -> bool:
        """Run a credits edit on the issue as one undo step; a refused name is reported."""
        try:
            self.api.document.replace_issue(edit, text)
        except ValueError as exc:
            dialogs.show_error(self.api.dialog_parent(), text, wording.describe_error(exc))
            return False
        return True

    def rename_person(self, name: str, new: str | None = None) -> bool:
        from ...credits.edit import rename_person

        new = new or self._ask_name(self.tr("Rename or merge"), self.tr(
            "New name for “%1” (an existing name merges the two):").replace("%1", name), name)
        if not new or new == name:
            return False
        return self._apply_credits_edit(self.tr("Rename %1").replace("%1", name),
                                        lambda issue: rename_person(issue, name, new))

    def add_person_to(self, key: str, name: str) -> None:
        names = list(getattr(self.api.document.issue, key))
        if name not in names:
            self.api.document.set_meta(key, [*names, name])

    def _section_credit(self, section_id: str, name: str | None, title: str, question: str,
                        edit) -> bool:
        """Ask for a name (unless given) and run ``edit(issue, name)`` as one undo step."""
        section = self.api.document.issue.find(section_id)
        if section is None:
            return False
        name = name or self._ask_name(title, question.replace("%1", section.title))
        if not name:
            return False
        return self._apply_credits_edit(title, lambda issue: edit(issue, name))

    def assign_owner(self, section_id: str, name: str | None = None) -> bool:
        from ...credits.edit import set_owner

        return self._section_credit(
            section_id, name, self.tr("Assign owner"), self.tr("Who owns “%1”?"),
            lambda issue, who: set_owner(issue, section_id,
                                         [*issue.find(section_id).owners, who]))

    def add_contributor(self, section_id: str, name: str | None = None) -> bool:
        from ...credits.edit import add_contributor

        return self._section_credit(
            section_id, name, self.tr("Add contributor"), self.tr("Who contributed to “%1”?"),
            lambda issue, who: add_contributor(issue, section_id, who))

    def sign_line(self, name: str | None = None) -> bool:
        """Credit the body line under the cursor to a person (—名字), one undo step."""
        from ...credits.signatures import sign_line

        if not self.api.current_section():
            return False
        body = self.api.body_editor()
        name = name or self._ask_name(self.tr("Sign line"), self.tr("Credit this line to:"),
                                      self._last_signer or self.api.settings.author())
        if not name:
            return False
        cursor = body.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        try:
            signed = sign_line(cursor.selectedText(), name)
        except ValueError as exc:
            dialogs.show_error(self.api.dialog_parent(), self.tr("Sign line"),
                               wording.describe_error(exc))
            return False
        self._last_signer = name
        if signed == cursor.selectedText():
            return True  # already signed so
        cursor.insertText(signed)
        body.setTextCursor(cursor)
        return True

    def goto_credit(self, section_id: str, start: int, end: int, kind: str) -> None:
        if not section_id or self.api.document.issue.find(section_id) is None:
            self.api.show_section("")
            return
        self.api.show_section(section_id)
        if kind == "body" and start >= 0:
            self.api.select_body_range(start, end)
